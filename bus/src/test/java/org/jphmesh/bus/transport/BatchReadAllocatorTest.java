package org.jphmesh.bus.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.UncheckedBooleanSupplier;
import org.junit.jupiter.api.Test;

class BatchReadAllocatorTest {

    private final RecvByteBufAllocator.ExtendedHandle handle = (RecvByteBufAllocator.ExtendedHandle) new BatchReadAllocator(64 * 100, 1000).newHandle();

    BatchReadAllocatorTest() {
        handle.reset(new EmbeddedChannel().config());
    }

    private void read(int asked, int got) {
        handle.attemptedBytesRead(asked);
        handle.lastBytesRead(got);
        handle.incMessagesRead(got / 100);
    }

    @Test
    void a_call_that_filled_every_slot_reads_on() {
        read(6400, 6400);
        assertThat(handle.continueReading(UncheckedBooleanSupplier.TRUE_SUPPLIER)).isTrue();
    }

    @Test
    void a_call_that_left_slots_empty_ends_the_read_the_socket_is_drained() {
        read(6400, 6400);
        read(6400, 300);
        assertThat(handle.continueReading(UncheckedBooleanSupplier.TRUE_SUPPLIER)).isFalse();
    }

    @Test
    void the_buffer_is_one_batch_of_slots() {
        assertThat(handle.guess()).isEqualTo(6400);
    }
}
