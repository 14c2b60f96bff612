package org.jphmesh.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CollectorReportTest {

    @Test
    void a_storing_collectors_report_has_the_wire_names_in_the_wire_order() {
        CollectorReport report = CollectorReport.of(1200).withJournal(5, 2, 1, true, 3, 4, 6).withRedis(7, 8)
                .withConflict("another instance at 10.0.0.2");

        assertThat(report.toJson()).isEqualTo("{\"value\":1200,\"stored\":5,\"backlog\":2,\"refused\":1,\"outage\":true,"
                + "\"resendRequests\":3,\"recovered\":4,\"givenUp\":6,\"redisWritten\":7,\"redisFailures\":8,"
                + "\"conflict\":\"another instance at 10.0.0.2\"}");
    }

    @Test
    void a_redis_only_collector_sends_no_journal_members() {
        assertThat(CollectorReport.of(3).withRedis(9, 0).toJson())
                .isEqualTo("{\"value\":3,\"redisWritten\":9,\"redisFailures\":0}");
    }

    @Test
    void a_report_read_back_is_the_report_written() {
        CollectorReport written = CollectorReport.of(60).withJournal(10, 0, 0, false, 0, 0, 0).withConflict("x");

        assertThat(CollectorReport.parse(written.toJson())).contains(written);
    }

    @Test
    void the_outage_is_read_from_the_report_not_from_its_spelling() {
        assertThat(CollectorReport.parse("{ \"value\": 1, \"outage\" : true }").orElseThrow().inOutage()).isTrue();
        assertThat(CollectorReport.parse("{\"value\":1,\"outage\":false,\"conflict\":\"\\\"outage\\\":true\"}")
                .orElseThrow().inOutage()).isFalse();
    }

    @Test
    void a_legacy_report_of_the_rate_alone_is_no_outage() {
        CollectorReport report = CollectorReport.parse("{\"value\": 42.0}").orElseThrow();

        assertThat(report.value()).isEqualTo(42);
        assertThat(report.stored()).isNull();
        assertThat(report.inOutage()).isFalse();
    }

    @Test
    void members_a_newer_collector_adds_are_ignored() {
        CollectorReport report = CollectorReport.parse("{\"value\":1,\"stored\":2,\"newFigure\":[1,2]}").orElseThrow();

        assertThat(report.value()).isEqualTo(1);
        assertThat(report.stored()).isEqualTo(2);
        assertThat(report.backlog()).isNull();
    }

    @Test
    void text_that_is_not_a_json_object_is_no_report() {
        assertThat(CollectorReport.parse("12.5")).isEmpty();
        assertThat(CollectorReport.parse("not json")).isEmpty();
        assertThat(CollectorReport.parse("{\"value\":")).isEmpty();
        assertThat(CollectorReport.parse("{\"stored\":\"many\"}")).isEmpty();
        assertThat(CollectorReport.parse(null)).isEmpty();
    }
}
