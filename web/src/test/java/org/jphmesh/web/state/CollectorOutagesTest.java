package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jphmesh.web.state.StateFixtures.Q1;
import static org.jphmesh.web.state.StateFixtures.START;

import org.jphmesh.app.report.CollectorReport;
import org.junit.jupiter.api.Test;

class CollectorOutagesTest {

    private static final String AWAY = CollectorReport.of(0).withJournal(5, 40, 0, true, 0, 0, 0).toJson();
    private static final String BACK = CollectorReport.of(600).withJournal(45, 0, 0, false, 0, 0, 0).toJson();

    private final CollectorOutages outages = new CollectorOutages();

    @Test
    void a_database_going_away_is_one_event_and_its_return_another() {
        assertThat(outages.onReport(Q1, BACK, START)).isEmpty();

        assertThat(outages.onReport(Q1, AWAY, START + 1).orElseThrow().text())
                .isEqualTo("Q1: the database is unavailable; readings wait in the journal");
        assertThat(outages.onReport(Q1, AWAY, START + 2)).isEmpty();
        MeshEvent back = outages.onReport(Q1, BACK, START + 3).orElseThrow();

        assertThat(back.text()).isEqualTo("Q1: storing readings again");
        assertThat(back.kind()).isEqualTo(MeshEvent.Kind.collector);
        assertThat(back.at()).isEqualTo(START + 3);
    }

    @Test
    void a_report_that_is_not_json_says_nothing_of_an_outage() {
        assertThat(outages.onReport(Q1, "outage: true", START)).isEmpty();
        assertThat(outages.onReport(Q1, "{\"value\":1,\"conflict\":\"\\\"outage\\\":true\"}", START)).isEmpty();
    }
}
