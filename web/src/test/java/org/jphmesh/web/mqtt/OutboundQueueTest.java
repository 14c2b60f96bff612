package org.jphmesh.web.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    private static List<Outgoing> drain(OutboundQueue queue) {
        List<Outgoing> out = new ArrayList<>();
        for (Outgoing next = queue.poll(); next != null; next = queue.poll()) {
            out.add(next);
        }
        return out;
    }

    @Test
    void a_newer_retained_message_replaces_the_waiting_one_for_its_topic() {
        OutboundQueue queue = new OutboundQueue(10);

        queue.offer(Outgoing.reading("p/T1/state", "1"));
        queue.offer(Outgoing.reading("p/T2/state", "5"));
        queue.offer(Outgoing.reading("p/T1/state", "2"));

        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.coalesced()).isEqualTo(1);
        assertThat(drain(queue)).extracting(Outgoing::payload).containsExactly("2", "5");
    }

    @Test
    void notices_are_never_coalesced() {
        OutboundQueue queue = new OutboundQueue(10);

        queue.offer(Outgoing.notice("p/bridge/error", "a"));
        queue.offer(Outgoing.notice("p/bridge/error", "b"));

        assertThat(drain(queue)).extracting(Outgoing::payload).containsExactly("a", "b");
    }

    @Test
    void when_full_the_oldest_reading_is_dropped_before_any_status() {
        OutboundQueue queue = new OutboundQueue(3);

        queue.offer(Outgoing.status("p/T1/availability", "online"));
        queue.offer(Outgoing.reading("p/T1/state", "1"));
        queue.offer(Outgoing.reading("p/T2/state", "2"));
        queue.offer(Outgoing.reading("p/T3/state", "3"));

        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(drain(queue)).extracting(Outgoing::topic)
                .containsExactly("p/T1/availability", "p/T2/state", "p/T3/state");
    }

    @Test
    void when_full_of_status_the_oldest_status_goes_and_is_counted() {
        OutboundQueue queue = new OutboundQueue(2);

        queue.offer(Outgoing.status("p/a", "1"));
        queue.offer(Outgoing.status("p/b", "2"));
        queue.offer(Outgoing.status("p/c", "3"));

        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(drain(queue)).extracting(Outgoing::topic).containsExactly("p/b", "p/c");
    }

    @Test
    void status_goes_before_readings_and_a_message_put_back_goes_first() {
        OutboundQueue queue = new OutboundQueue(10);
        queue.offer(Outgoing.reading("p/T1/state", "1"));
        queue.offer(Outgoing.status("p/bridge/availability", "online"));

        Outgoing first = queue.poll();
        queue.putBack(first);

        assertThat(first.topic()).isEqualTo("p/bridge/availability");
        assertThat(queue.size()).isEqualTo(2);
        assertThat(drain(queue)).extracting(Outgoing::topic).containsExactly("p/bridge/availability", "p/T1/state");
    }
}
