package org.jphmesh.bus.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Interrupt moderation for a busy receive socket, as a network card does it: when reads follow each other
 * less than {@link #BUSY_GAP_NANOS} apart, the receive thread rests {@link #REST_NANOS} after each read so
 * the next system call takes a batch instead of one datagram. A quiet bus is read the moment a datagram
 * arrives; a busy one at most {@link #REST_NANOS} later, which the socket buffer holds many times over
 * (about 100 datagrams at 400,000/s in a buffer of several thousand).
 *
 * <p>Only for a loop that does nothing but receive: resting holds the whole loop.
 */
final class ReadPacer extends ChannelInboundHandlerAdapter {

    static final long BUSY_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long REST_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

    private final LongSupplier ticker;
    private final LongConsumer rest;
    private long lastReadNanos;
    private boolean seenRead;

    ReadPacer() {
        this(System::nanoTime, LockSupport::parkNanos);
    }

    ReadPacer(LongSupplier ticker, LongConsumer rest) {
        this.ticker = ticker;
        this.rest = rest;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        long now = ticker.getAsLong();
        boolean busy = seenRead && now - lastReadNanos < BUSY_GAP_NANOS;
        seenRead = true;
        lastReadNanos = now;
        if (busy) {
            rest.accept(REST_NANOS);
        }
        ctx.fireChannelReadComplete();
    }
}
