package org.jphmesh.sensor.alert.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jphmesh.bus.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the notifications of one {@code Notify} block wait until each channel has them. {@link #submit} writes the
 * notification to disk, once per channel, and returns without touching the network; each channel then has its own
 * daemon thread ({@code jph-notify-<channel>}) that delivers in order and retries a failure with back-off (1 s
 * doubling to 5 min), so a webhook that is down delays neither the e-mail nor MQTT. A restart picks up what was not
 * delivered.
 *
 * <p>The trade-offs: delivery is <em>at least once</em> - a notification is removed from disk only after its channel
 * took it, so a crash (or a lost acknowledgement) between the two sends it again; receivers can tell a repeat by the
 * notification's id (a webhook's {@code Idempotency-Key}, an e-mail's Message-ID). And a channel keeps at most
 * {@value ChannelQueue#MAX_QUEUED} undelivered: beyond that the oldest is dropped, counted and logged, so a channel
 * that never comes back cannot fill the disk of a small board. A notification that a channel always refuses holds
 * up that channel's later ones until it is dropped; every failure is retried because the usual cause (a wrong token,
 * a server down) affects every notification alike.
 */
public final class NotificationOutbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationOutbox.class);
    /** A channel's name is its folder's name. */
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** What each channel has done since the outbox opened, by channel name. */
    public record Counters(Map<String, Channel> channels) {

        public Counters {
            channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        }

        /** The counters of the channel named {@code name}. */
        public Channel channel(String name) {
            Channel channel = channels.get(name);
            if (channel == null) {
                throw new IllegalArgumentException("no channel " + name + "; the channels are " + channels.keySet());
            }
            return channel;
        }

        /**
         * @param queued         waiting now, the one being delivered included
         * @param delivered      taken by the channel
         * @param failedAttempts deliveries that failed (and were retried)
         * @param dropped        given up because {@value ChannelQueue#MAX_QUEUED} newer ones waited
         */
        public record Channel(int queued, long delivered, long failedAttempts, long dropped) {
        }
    }

    private final String label;
    private final List<Notifier> channels;
    private final Map<String, OutboxFolder> folders = new LinkedHashMap<>();
    private final Map<String, ChannelQueue> queues = new LinkedHashMap<>();
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 60_000);
    private long nextSequence = 1;

    private NotificationOutbox(String label, List<Notifier> channels) {
        this.label = label;
        this.channels = channels;
    }

    /**
     * Opens the outbox kept in {@code folder} (created if need be; one subfolder per channel) for {@code channels},
     * which it owns from now on and closes with itself, and starts delivering what an earlier run left undelivered.
     * {@code label} names the block in logs ({@code Sensors (AL).Sensor.Notify}).
     */
    public static NotificationOutbox open(String label, Path folder, List<Notifier> channels, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        List<Notifier> owned = List.copyOf(channels);
        NotificationOutbox outbox = new NotificationOutbox(label, owned);
        try {
            Files.createDirectories(folder);
            for (Notifier channel : owned) {
                String name = channel.name();
                if (!CHANNEL_NAME.matcher(name).matches() || outbox.folders.containsKey(name)) {
                    throw new IllegalArgumentException(label + ": channel name '" + name
                            + "' must be unique and lower-case letters, digits and dashes");
                }
                OutboxFolder channelFolder = new OutboxFolder(label + " " + name, folder.resolve(name));
                ChannelQueue queue = new ChannelQueue(label, channel, channelFolder, clock);
                List<OutboxFolder.Stored> left = channelFolder.load();
                for (OutboxFolder.Stored stored : left) {
                    queue.add(stored);
                    outbox.nextSequence = Math.max(outbox.nextSequence, stored.sequence() + 1);
                }
                if (!left.isEmpty()) {
                    LOG.info("{} - {}: {} notifications left undelivered by the last run", label, name, left.size());
                }
                outbox.folders.put(name, channelFolder);
                outbox.queues.put(name, queue);
            }
        } catch (IOException | RuntimeException e) {
            owned.forEach(Notifier::close);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException(label + ": cannot keep notifications in " + folder + ": " + e.getMessage(),
                    (IOException) e);
        }
        outbox.queues.values().forEach(ChannelQueue::start);
        return outbox;
    }

    /**
     * Queues {@code notification} for every channel, on disk before this returns (a disk that fails is logged and the
     * notification kept in memory); never waits on the network.
     */
    public synchronized void submit(Notification notification) {
        long sequence = nextSequence++;
        folders.forEach((name, folder) -> {
            Path file = null;
            try {
                file = folder.write(sequence, notification);
            } catch (IOException e) {
                rateLimited.warn("disk", "{} - {}: cannot write {} of {} to disk ({}); kept in memory only", label, name,
                        notification.id(), notification.alert(), e.toString());
            }
            queues.get(name).add(new OutboxFolder.Stored(sequence, notification, file));
        });
    }

    public Counters counters() {
        Map<String, Counters.Channel> counters = new LinkedHashMap<>();
        queues.forEach((name, queue) -> counters.put(name, queue.counters()));
        return new Counters(counters);
    }

    /** Stops the delivery threads and closes the channels; what was not delivered stays on disk for the next run. */
    @Override
    public void close() {
        queues.values().forEach(ChannelQueue::close);
        for (Notifier channel : channels) {
            try {
                channel.close();
            } catch (RuntimeException e) {
                LOG.warn("{} - closing {}: {}", label, channel.name(), e.toString());
            }
        }
    }
}
