package org.jphmesh.bus.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReadPacerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Long> rests = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ReadPacer(now::get, rests::add));

    @Test
    void a_quiet_bus_is_read_without_resting() {
        channel.pipeline().fireChannelReadComplete();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(5));
        channel.pipeline().fireChannelReadComplete();
        assertThat(rests).isEmpty();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void reads_less_than_a_millisecond_apart_rest_so_the_next_read_takes_a_batch() {
        channel.pipeline().fireChannelReadComplete();
        now.addAndGet(TimeUnit.MICROSECONDS.toNanos(40));
        channel.pipeline().fireChannelReadComplete();
        now.addAndGet(TimeUnit.MICROSECONDS.toNanos(300));
        channel.pipeline().fireChannelReadComplete();
        assertThat(rests).containsExactly(ReadPacer.REST_NANOS, ReadPacer.REST_NANOS);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void the_first_read_never_rests() {
        channel.pipeline().fireChannelReadComplete();
        assertThat(rests).isEmpty();
        assertThat(channel.finish()).isFalse();
    }
}
