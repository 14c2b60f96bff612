package org.jphmesh.bus.testing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A private link with induced loss, made by the test and removed after it: a {@link NetworkLab} namespace and
 * a veth pair, one end in the namespace ({@code .2/30}), the other in the host's ({@code .1/30}), both dropping
 * {@code lossPercent} % of what they handle. Nothing else is connected to it, so multicast on it (TTL 1)
 * reaches the other end and nowhere else. Needs root: a test calls {@link NetworkLab#requireOrSkip} first.
 */
public final class LossyLink implements AutoCloseable {

    private final NetworkLab lab = new NetworkLab();
    private final String namespace;
    private final String hostEnd;
    private final String namespaceEnd;
    private final String hostAddress;
    private final String namespaceAddress;
    private String lossMethod = "none";

    private LossyLink(String tag, int subnet) {
        this.namespace = lab.namespace("loss");
        this.hostEnd = "jphl0" + tag;
        this.namespaceEnd = "jphl1" + tag;
        String prefix = "10.23" + (subnet / 64 % 10) + "." + (subnet % 64 * 4) + ".";
        this.hostAddress = prefix + "1";
        this.namespaceAddress = prefix + "2";
    }

    /** Makes the namespace, the veth pair and the loss; on any failure removes what it made and throws. */
    public static LossyLink create(int lossPercent) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LossyLink link = new LossyLink(Integer.toString(random.nextInt(100_000, 1_000_000)), random.nextInt(640));
        try {
            link.lab.vethFromHost(link.hostEnd, link.hostAddress + "/30", link.namespace, link.namespaceEnd,
                    link.namespaceAddress + "/30");
            if (lossPercent > 0) {
                link.lab.loss(null, link.hostEnd, lossPercent);
                link.lossMethod = link.lab.loss(link.namespace, link.namespaceEnd, lossPercent) + " on both ends";
            }
            return link;
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /** {@code command} run inside the namespace: {@code ip netns exec <ns> command...}. */
    public List<String> inNamespace(List<String> command) {
        return NetworkLab.in(namespace, command);
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

    /** Removes the nftables tables, the veth pair (both ends) and the namespace; safe to call twice. */
    @Override
    public void close() {
        lab.close();
    }
}
