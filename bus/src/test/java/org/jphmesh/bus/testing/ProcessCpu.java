package org.jphmesh.bus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** CPU time from {@code /proc} of this process (or another), in clock ticks (user + system), for benchmarks. */
public final class ProcessCpu {

    /** Nanoseconds per clock tick: USER_HZ is 100 on Linux. */
    public static final long TICK_NANOS = 10_000_000L;

    private ProcessCpu() {
    }

    /** User and system ticks of every thread of this process so far. */
    public static long processTicks() {
        return ticks(read(Path.of("/proc/self/stat")))[0];
    }

    /** User and system ticks of every thread of the process {@code pid} so far (a node under a benchmark). */
    public static long processTicks(long pid) {
        return ticks(read(Path.of("/proc", Long.toString(pid), "stat")))[0];
    }

    /** Resident memory of the process {@code pid}, in kB ({@code VmRSS} of its status). */
    public static long residentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /**
     * Ticks per thread name, threads of one name summed, trailing numbers of the name folded to {@code #}, each
     * name twice: {@code "<name> user"} and {@code "<name> system"}.
     */
    public static Map<String, Long> byThread() {
        return byThread(Path.of("/proc/self/task"));
    }

    /** {@link #byThread()} of the process {@code pid}. */
    public static Map<String, Long> byThread(long pid) {
        return byThread(Path.of("/proc", Long.toString(pid), "task"));
    }

    private static Map<String, Long> byThread(Path taskFolder) {
        Map<String, Long> ticks = new TreeMap<>();
        try (var tasks = Files.list(taskFolder)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readAllLines(task.resolve("stat")).get(0);
                } catch (IOException ended) {
                    continue; // The thread ended between listing and reading.
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "#");
                long[] userSystem = ticks(stat);
                ticks.merge(name + " user", userSystem[1], Long::sum);
                ticks.merge(name + " system", userSystem[2], Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /** Ticks of the threads whose name (as the kernel keeps it, 15 characters) begins {@code prefix}. */
    public static long threadTicks(String prefix) {
        return byThread().entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix.length() > 15 ? prefix.substring(0, 15) : prefix))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static String read(Path stat) {
        try {
            // /proc files report a size of 0: read them as lines, not by their size.
            return Files.readAllLines(stat).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // total, user, system (fields 14 and 15 of proc(5))
    private static long[] ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long user = Long.parseLong(fields[11]);
        long system = Long.parseLong(fields[12]);
        return new long[] {user + system, user, system};
    }
}
