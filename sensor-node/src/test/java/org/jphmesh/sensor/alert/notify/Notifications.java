package org.jphmesh.sensor.alert.notify;

import java.util.List;
import java.util.stream.IntStream;
import org.jphmesh.bus.frame.Codifier;

/** Notifications for tests, numbered by their id. */
final class Notifications {

    private Notifications() {
    }

    static Notification firing(int number) {
        return new Notification("W1-" + number, Codifier.of("W1"), "Greenhouse too hot", Notification.State.FIRING,
                "warning", 31.2, 1_795_320_293_289L + number, "{{G1}} > 30: G1 = 31.2", Codifier.of("AL"));
    }

    static List<String> ids(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "W1-" + i).toList();
    }
}
