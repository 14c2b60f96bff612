package org.jphmesh.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jphmesh.app.alerts.AlertStatus.State;
import org.junit.jupiter.api.Test;

class AlertUrgencyTest {

    private record Item(String code, String severity, AlertStatus status) {
    }

    private static AlertStatus in(State state) {
        return new AlertStatus(state, 1, "", "warning", false, 0);
    }

    @Test
    void firing_comes_first_then_pending_then_ok_then_never_heard_the_more_severe_first() {
        List<Item> items = new ArrayList<>(List.of(
                new Item("N1", "critical", null),
                new Item("O1", "critical", in(State.OK)),
                new Item("P1", "info", in(State.PENDING)),
                new Item("F2", "warning", in(State.FIRING)),
                new Item("F3", "info", in(State.FIRING)),
                new Item("F1", "warning", in(State.FIRING)),
                new Item("F0", "critical", in(State.FIRING))));

        items.sort(AlertUrgency.comparing(Item::status, Item::severity, Item::code));

        assertThat(items).extracting(Item::code).containsExactly("F0", "F1", "F2", "F3", "P1", "O1", "N1");
    }
}
