package org.jphmesh.sensor.alert.notify;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A channel for outbox tests: fails a given number of times (or hangs), then records what it was given. */
final class ScriptedChannel implements Notifier {

    final List<Notification> delivered = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    private final String name;
    private final AtomicInteger failuresLeft;
    private final boolean hangs;

    private ScriptedChannel(String name, int failures, boolean hangs) {
        this.name = name;
        this.failuresLeft = new AtomicInteger(failures);
        this.hangs = hangs;
    }

    static ScriptedChannel working(String name) {
        return new ScriptedChannel(name, 0, false);
    }

    static ScriptedChannel failing(String name, int times) {
        return new ScriptedChannel(name, times, false);
    }

    static ScriptedChannel down(String name) {
        return failing(name, Integer.MAX_VALUE);
    }

    /** Never returns from a delivery until interrupted, as a server that accepts and never answers. */
    static ScriptedChannel hanging(String name) {
        return new ScriptedChannel(name, 0, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Notification notification) throws IOException, InterruptedException {
        attempts.incrementAndGet();
        if (hangs) {
            new CountDownLatch(1).await();
        }
        if (failuresLeft.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0) {
            throw new IOException("refused (scripted)");
        }
        delivered.add(notification);
    }

    @Override
    public String toString() {
        return "scripted " + name;
    }

    List<String> deliveredIds() {
        return delivered.stream().map(Notification::id).toList();
    }
}
