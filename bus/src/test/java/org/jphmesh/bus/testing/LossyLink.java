package org.jphmesh.bus.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private link with induced loss, made by the test and removed after it: a network namespace and a veth
 * pair, one end in the namespace ({@code .2/30}), the other in the host's ({@code .1/30}), both dropping
 * {@code lossPercent} % of what they receive. Nothing else is connected to it, so multicast on it (TTL 1)
 * reaches the other end and nowhere else.
 *
 * <p>Loss comes from {@code tc qdisc ... netem loss} where the kernel has netem; kernels built without it
 * (some VM kernels) get the same random drop from an nftables rule ({@code numgen random}) on each end's
 * ingress, in a table bound to that one device. Needs root (CAP_NET_ADMIN); {@link #whyUnavailable} says
 * when it cannot be made, so a test can skip saying why.
 */
public final class LossyLink implements AutoCloseable {

    private final String namespace;
    private final String hostEnd;
    private final String namespaceEnd;
    private final String hostAddress;
    private final String namespaceAddress;
    private final List<String> cleanup = new ArrayList<>();
    private String lossMethod = "none";

    private LossyLink(String tag, int subnet) {
        this.namespace = "jphloss" + tag;
        this.hostEnd = "jphl0" + tag;
        this.namespaceEnd = "jphl1" + tag;
        String prefix = "10.23" + (subnet / 64 % 10) + "." + (subnet % 64 * 4) + ".";
        this.hostAddress = prefix + "1";
        this.namespaceAddress = prefix + "2";
    }

    /** Null when a namespace can be made here; otherwise why not (not root, no {@code ip}, ...). */
    public static String whyUnavailable() {
        String probe = "jphprobe" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        try {
            Result added = run("ip", "netns", "add", probe);
            if (added.code != 0) {
                return "'ip netns add' is not permitted here (it needs root / CAP_NET_ADMIN): " + added.output.trim();
            }
            run("ip", "netns", "del", probe);
            return null;
        } catch (IOException e) {
            return "cannot run 'ip' (iproute2 missing?): " + e.getMessage();
        }
    }

    /** Makes the namespace, the veth pair and the loss; on any failure removes what it made and throws. */
    public static LossyLink create(int lossPercent) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LossyLink link = new LossyLink(Integer.toString(random.nextInt(100_000, 1_000_000)), random.nextInt(640));
        try {
            link.build(lossPercent);
            return link;
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private void build(int lossPercent) {
        must("ip", "netns", "add", namespace);
        cleanup.add(0, "ip netns del " + namespace);
        must("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", namespaceEnd);
        cleanup.add(0, "ip link del " + hostEnd);
        must("ip", "link", "set", namespaceEnd, "netns", namespace);
        must("ip", "addr", "add", hostAddress + "/30", "dev", hostEnd);
        must("ip", "link", "set", hostEnd, "up");
        must("ip", "netns", "exec", namespace, "ip", "addr", "add", namespaceAddress + "/30", "dev", namespaceEnd);
        must("ip", "netns", "exec", namespace, "ip", "link", "set", namespaceEnd, "up");
        must("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
        if (lossPercent > 0) {
            addLoss(lossPercent);
        }
    }

    private void addLoss(int lossPercent) {
        Result netem = run0("tc", "qdisc", "add", "dev", hostEnd, "root", "netem", "loss", lossPercent + "%");
        if (netem.code == 0) {
            must("ip", "netns", "exec", namespace, "tc", "qdisc", "add", "dev", namespaceEnd, "root", "netem", "loss",
                    lossPercent + "%");
            lossMethod = "tc netem loss " + lossPercent + "% on both ends";
            return;
        }
        // No netem in this kernel: the same random drop from nftables, on each end's ingress.
        String table = "jphloss" + hostEnd.substring(5);
        String rules = "table netdev " + table + " { chain in { type filter hook ingress device \"%s\" priority 0;"
                + " numgen random mod 1000 < " + lossPercent * 10 + " drop; }; }";
        Result host = run0("nft", String.format(rules, hostEnd));
        if (host.code != 0) {
            throw new IllegalStateException("cannot induce loss: tc netem failed (" + netem.output.trim()
                    + ") and nft failed (" + host.output.trim() + "); install nftables or load sch_netem");
        }
        cleanup.add(0, "nft delete table netdev " + table);
        must("ip", "netns", "exec", namespace, "nft", String.format(rules, namespaceEnd));
        lossMethod = "nftables numgen random drop " + lossPercent + "% on both ends' ingress (kernel without netem)";
    }

    /** {@code command} run inside the namespace: {@code ip netns exec <ns> command...}. */
    public List<String> inNamespace(List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        return full;
    }

    public String namespace() {
        return namespace;
    }

    /** The veth end in the host's namespace, where the test JVM is. */
    public String hostEnd() {
        return hostEnd;
    }

    /** The veth end inside the namespace. */
    public String namespaceEnd() {
        return namespaceEnd;
    }

    public String hostAddress() {
        return hostAddress;
    }

    public String namespaceAddress() {
        return namespaceAddress;
    }

    /** How the loss is made, for the test's report. */
    public String lossMethod() {
        return lossMethod;
    }

    /** Removes the nftables table, the veth pair (both ends) and the namespace; safe to call twice. */
    @Override
    public void close() {
        for (String command : List.copyOf(cleanup)) {
            run0(command.split(" "));
        }
        cleanup.clear();
    }

    private record Result(int code, String output) {
    }

    private static void must(String... command) {
        Result result = run0(command);
        if (result.code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.code + "): "
                    + result.output.trim());
        }
    }

    private static Result run0(String... command) {
        try {
            return run(command);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }

    private static Result run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " timed out");
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Result(-1, "interrupted");
        }
    }
}
