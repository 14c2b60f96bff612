package org.jphmesh.bus.bench;

/** {@code -Dbench=codec} runs the JMH codec benchmark, {@code -Dbench=loopback} the multicast throughput run. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // Maven hands "-Dbench=loopback node" over as one argument.
        args = String.join(" ", args).trim().split("\\s+");
        String which = args[0].isEmpty() ? "codec" : args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (which) {
            case "codec" -> org.openjdk.jmh.Main.main(new String[] {"FrameCodecBenchmark"});
            case "loopback" -> LoopbackThroughput.main(rest);
            case "receive" -> ReceiveCost.main(rest);
            default -> throw new IllegalArgumentException("bench must be codec, loopback or receive, not " + which);
        }
    }
}
