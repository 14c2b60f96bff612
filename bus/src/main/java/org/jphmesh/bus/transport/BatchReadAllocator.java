package org.jphmesh.bus.transport;

import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * Receive buffers of a fixed size (a batch of datagram slots), and a read loop that stops at the first system
 * call that did not fill them: the socket is drained, and another call now would fetch one datagram at a time
 * as they trickle in. {@link ReadPacer} then rests, so the next call takes a batch again. (Netty's epoll keeps
 * calling until the socket is empty, which on a busy bus means one datagram per call.)
 */
final class BatchReadAllocator extends DefaultMaxMessagesRecvByteBufAllocator {

    private final int bufferSize;

    BatchReadAllocator(int bufferSize, int maxMessagesPerRead) {
        super(maxMessagesPerRead);
        this.bufferSize = bufferSize;
    }

    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            @Override
            public int guess() {
                return bufferSize;
            }

            @Override
            public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
                return lastBytesRead() == attemptedBytesRead() && super.continueReading(maybeMoreDataSupplier);
            }
        };
    }
}
