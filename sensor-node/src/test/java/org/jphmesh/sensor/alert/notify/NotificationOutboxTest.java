package org.jphmesh.sensor.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jphmesh.sensor.alert.notify.Notifications.firing;
import static org.jphmesh.sensor.alert.notify.Notifications.ids;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jphmesh.bus.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox with channels scripted in the test: no network, and time moved by a {@link TestClock}. */
class NotificationOutboxTest {

    private static final String LABEL = "Sensors (AL).Sensor.Notify";

    @TempDir
    Path folder;

    private final TestClock clock = new TestClock(1_795_320_000_000L);
    private final List<NotificationOutbox> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(NotificationOutbox::close);
    }

    private NotificationOutbox open(Notifier... channels) {
        NotificationOutbox outbox = NotificationOutbox.open(LABEL, folder, List.of(channels), clock);
        opened.add(outbox);
        return outbox;
    }

    private long filesOf(String channel) throws IOException {
        try (Stream<Path> files = Files.list(folder.resolve(channel))) {
            return files.filter(file -> file.toString().endsWith(".json")).count();
        }
    }

    /** Moves the clock past any back-off each time Awaitility looks. */
    private boolean afterRetries(java.util.function.BooleanSupplier condition) {
        clock.advance(ChannelQueue.MAX_RETRY.toMillis());
        return condition.getAsBoolean();
    }

    @Test
    void notifications_arrive_in_the_order_they_were_submitted_despite_failures() {
        ScriptedChannel webhook = ScriptedChannel.failing("webhook", 2);
        NotificationOutbox outbox = open(webhook);

        for (int i = 1; i <= 5; i++) {
            outbox.submit(firing(i));
        }

        await().until(() -> afterRetries(() -> webhook.delivered.size() == 5));
        assertThat(webhook.deliveredIds()).isEqualTo(ids(1, 5));
        assertThat(outbox.counters().channel("webhook"))
                .isEqualTo(new NotificationOutbox.Counters.Channel(0, 5, 2, 0));
    }

    @Test
    void submit_returns_with_the_notification_on_disk_while_the_channel_hangs() throws IOException {
        ScriptedChannel webhook = ScriptedChannel.hanging("webhook");
        NotificationOutbox outbox = open(webhook);

        outbox.submit(firing(1));
        outbox.submit(firing(2));

        assertThat(filesOf("webhook")).isEqualTo(2);
        assertThat(outbox.counters().channel("webhook").queued()).isEqualTo(2);
    }

    @Test
    void a_failing_channel_does_not_delay_another() {
        ScriptedChannel webhook = ScriptedChannel.hanging("webhook");
        ScriptedChannel mqtt = ScriptedChannel.down("mqtt");
        ScriptedChannel email = ScriptedChannel.working("email");
        NotificationOutbox outbox = open(webhook, mqtt, email);

        for (int i = 1; i <= 3; i++) {
            outbox.submit(firing(i));
        }

        await().until(() -> email.delivered.size() == 3);
        assertThat(email.deliveredIds()).isEqualTo(ids(1, 3));
        await().until(() -> mqtt.attempts.get() >= 1 && webhook.attempts.get() == 1);
        assertThat(outbox.counters().channel("webhook").queued()).isEqualTo(3);
        assertThat(outbox.counters().channel("mqtt").queued()).isEqualTo(3);
        assertThat(outbox.counters().channel("mqtt").delivered()).isZero();
    }

    @Test
    void a_retry_waits_one_second_then_twice_as_long_each_time() {
        ScriptedChannel webhook = ScriptedChannel.down("webhook");
        NotificationOutbox outbox = open(webhook);
        outbox.submit(firing(1));
        await().until(() -> webhook.attempts.get() == 1);

        clock.advance(999);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> webhook.attempts.get() == 1);
        clock.advance(1);
        await().until(() -> webhook.attempts.get() == 2);
        clock.advance(1_999);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> webhook.attempts.get() == 2);
        clock.advance(1);
        await().until(() -> webhook.attempts.get() == 3);
        assertThat(outbox.counters().channel("webhook").failedAttempts()).isEqualTo(3);
    }

    @Test
    void the_back_off_doubles_up_to_five_minutes() {
        long millis = ChannelQueue.FIRST_RETRY.toMillis();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            waits.add(millis);
            millis = ChannelQueue.nextRetryMillis(millis);
        }

        assertThat(waits).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 128_000L, 256_000L,
                300_000L, 300_000L);
    }

    @Test
    void beyond_a_thousand_undelivered_the_oldest_are_dropped_and_counted() throws IOException {
        ScriptedChannel down = ScriptedChannel.down("webhook");
        NotificationOutbox outbox = open(down);
        outbox.submit(firing(1));
        // The first one has failed and waits for its retry: none is being delivered while the others come.
        await().until(() -> down.attempts.get() == 1);

        for (int i = 2; i <= 1_005; i++) {
            outbox.submit(firing(i));
        }

        assertThat(outbox.counters().channel("webhook")).isEqualTo(new NotificationOutbox.Counters.Channel(1_000, 0, 1, 5));
        assertThat(filesOf("webhook")).isEqualTo(1_000);
        outbox.close();

        ScriptedChannel up = ScriptedChannel.working("webhook");
        open(up);
        await().until(() -> up.delivered.size() == 1_000);
        assertThat(up.deliveredIds()).isEqualTo(ids(6, 1_005));
    }

    @Test
    void what_was_not_delivered_is_delivered_after_reopening_and_what_was_is_not_sent_again() {
        ScriptedChannel first = ScriptedChannel.working("webhook");
        NotificationOutbox outbox = open(first);
        outbox.submit(firing(1));
        outbox.submit(firing(2));
        await().until(() -> first.delivered.size() == 2);
        outbox.close();

        ScriptedChannel down = ScriptedChannel.down("webhook");
        outbox = open(down);
        outbox.submit(firing(3));
        outbox.submit(firing(4));
        await().until(() -> down.attempts.get() >= 1);
        outbox.close();

        ScriptedChannel again = ScriptedChannel.working("webhook");
        outbox = open(again);
        await().until(() -> again.delivered.size() == 2);
        assertThat(again.deliveredIds()).isEqualTo(ids(3, 4));
        outbox.submit(firing(5));
        await().until(() -> again.delivered.size() == 3);
        assertThat(again.deliveredIds()).isEqualTo(ids(3, 5));
    }

    @Test
    void a_file_that_holds_no_notification_is_set_aside_and_the_others_are_delivered() throws IOException {
        NotificationOutbox outbox = open(ScriptedChannel.down("webhook"));
        outbox.submit(firing(1));
        outbox.submit(firing(2));
        outbox.close();
        Path first = folder.resolve("webhook").resolve(String.format("%019d.json", 1));
        Files.writeString(first, "{\"id\": \"W1-1\", \"state\"");

        ScriptedChannel up = ScriptedChannel.working("webhook");
        open(up);

        await().until(() -> up.delivered.size() == 1);
        assertThat(up.deliveredIds()).containsExactly("W1-2");
        assertThat(first.resolveSibling(first.getFileName() + ".bad")).exists();
    }

    @Test
    void a_notification_survives_the_disk_round_trip_unchanged() {
        Notification silent = new Notification("W2-1", org.jphmesh.bus.frame.Codifier.of("W2"), "Sensor silent",
                Notification.State.RESOLVED, "critical", Double.NaN, 42L, "G1 heard again", org.jphmesh.bus.frame.Codifier.of("AL"));

        Notification back = NotificationJson.read(NotificationJson.stored(silent));

        assertThat(back).isEqualTo(silent);
        assertThat(NotificationJson.text(silent)).isEqualTo("{\"alert\":\"W2\",\"name\":\"Sensor silent\",\"state\":\"resolved\","
                + "\"severity\":\"critical\",\"value\":null,\"since\":42,\"message\":\"G1 heard again\",\"node\":\"AL\"}");
    }
}
