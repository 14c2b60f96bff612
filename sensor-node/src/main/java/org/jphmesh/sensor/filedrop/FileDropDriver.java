package org.jphmesh.sensor.filedrop;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.log.RateLimitedLog;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverContext;
import org.jphmesh.sensor.driver.DriverThread;
import org.jphmesh.sensor.driver.ReadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code "Type":"FileDrop"}: other programs hand the node readings by dropping JSON files into {@code Folder}
 * (written under a temporary name, then renamed). Each file's readings are sent, in the order of the files' names,
 * and the file is moved to {@code done/}, or to {@code failed/} with its reason beside it. Files waiting when the
 * node starts are read at start. A file that is not JSON yet is given {@link #SETTLE} to be finished, so one caught
 * half-written is read whole. {@code Output}, when given, receives the node's last {@code A}/{@code E} command.
 * The folder is watched ({@code WatchService}, inotify on Linux) and also listed twice a second, which covers a
 * watch that overflowed.
 */
public final class FileDropDriver implements Driver {

    static final Duration SETTLE = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(FileDropDriver.class);
    private static final RateLimitedLog PROBLEMS = new RateLimitedLog(LOG, 60_000);

    private final Codifier self;
    private final Set<Codifier> own = new HashSet<>();
    private final DropFolder folder;
    private final Optional<CommandOutput> output;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();
    private final DriverThread thread;
    private volatile DriverContext context;
    private volatile boolean watching;
    private volatile String problem = "not started";

    public FileDropDriver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.self = entry.code();
        own.add(self);
        settings.proxies().forEach(proxy -> own.add(proxy.codifier()));
        this.folder = new DropFolder(ConfigSource.expandHome(settings.text("Folder")), SETTLE, Clock.systemUTC());
        this.output = settings.optionalText("Output").map(ConfigSource::expandHome).map(CommandOutput::new);
        this.thread = new DriverThread(self, "filedrop", this::run);
    }

    @Override
    public void start(DriverContext driverContext) {
        this.context = driverContext;
        thread.start();
    }

    private void run() {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            folder.create();
            folder.path().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            watching = true;
            LOG.info("{} - watching {}", self, folder.path());
            while (!thread.closed()) {
                drain();
                passes.incrementAndGet();
                WatchKey key = watcher.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (key != null) {
                    // The events only wake the loop: the folder's listing says what is waiting, overflow or not.
                    key.pollEvents();
                    key.reset();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            problem = "cannot watch " + folder.path() + ": " + e.getMessage();
            LOG.error("{} - {}", self, problem);
        } finally {
            watching = false;
        }
    }

    // While the node is halted, files wait: the agent's readings are not lost to a halt.
    private void drain() throws IOException {
        DriverContext current = context;
        if (current == null || !current.active()) {
            return;
        }
        for (Path file : folder.waiting()) {
            if (thread.closed()) {
                return;
            }
            try {
                take(file, current);
            } catch (IOException e) {
                PROBLEMS.warn(self.value(), "{} - cannot take {}: {}", self, file, e.toString());
            }
        }
    }

    private void take(Path file, DriverContext current) throws IOException {
        Optional<String> text = folder.read(file);
        if (text.isEmpty()) {
            return;
        }
        DropContent content = DropContent.parse(text.get(), own);
        if (content.ok()) {
            folder.finish(file);
            content.readings().forEach(current::publish);
            sent.addAndGet(content.readings().size());
        } else if (!content.unparsable() || folder.settled(file)) {
            folder.fail(file, content.problem());
            failed.incrementAndGet();
            PROBLEMS.warn(self.value() + "-failed", "{} - {} moved to failed/: {}", self, file.getFileName(), content.problem());
        }
    }

    @Override
    public void onControl(Frame frame) {
        if (output.isEmpty() || frame.flag() != Flag.SET && frame.flag() != Flag.STEP) {
            return;
        }
        try {
            output.get().write(frame, Clock.systemUTC().instant());
        } catch (IOException e) {
            LOG.warn("{} - cannot write the command to Output: {}", self, e.toString());
        }
    }

    @Override
    public ReadResult read() {
        return watching ? ReadResult.none() : ReadResult.failed(problem);
    }

    /** Readings sent from files since the node started. */
    long readingsSent() {
        return sent.get();
    }

    long filesFailed() {
        return failed.get();
    }

    /** Times the folder was looked through since the node started. */
    long passes() {
        return passes.get();
    }

    boolean isWatching() {
        return watching;
    }

    @Override
    public void close() {
        thread.close();
    }
}
