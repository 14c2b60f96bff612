package org.jphmesh.bus.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The leak check can see a leak: a test that passes under it has released every buffer. */
@ExtendWith(LeakCheck.class)
class LeakCheckTest {

    private static final AtomicInteger LEAKED = new AtomicInteger();

    @Test
    void a_pooled_buffer_dropped_without_release_fails_the_check_naming_where_it_was_touched() {
        String marker = leakOne();

        assertThatThrownBy(() -> LeakCheck.assertNoLeaks("this test")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("leaked by this test").hasMessageContaining(marker);
    }

    @Test
    void a_released_buffer_is_not_a_leak() {
        ByteBuf buffer = LeakCheck.pooled(new byte[] {1, 2, 3});
        buffer.touch("released by LeakCheckTest");
        buffer.release();

        assertThat(LeakCheck.leaks()).isEmpty();
    }

    @Test
    void a_leak_found_once_is_not_reported_again() {
        String marker = leakOne();

        assertThat(LeakCheck.leaks()).singleElement().asString().contains(marker);
        assertThat(LeakCheck.leaks()).isEmpty();
    }

    // In a method of its own, so no local variable of the test keeps the buffer reachable.
    private static String leakOne() {
        String marker = "deliberately leaked by LeakCheckTest #" + LEAKED.incrementAndGet();
        LeakCheck.pooled(new byte[] {1, 2, 3}).touch(marker);
        return marker;
    }
}
