package org.jphmesh.app.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jphmesh.app.retention.RetentionPlan.PartitionDrop;
import org.jphmesh.app.retention.RetentionPlan.RowCut;
import org.junit.jupiter.api.Test;

class RetentionPlanTest {

    private static final Instant NOW = Instant.parse("2040-03-15T12:00:00Z");

    private static List<PartitionDrop> months(String first, int count) {
        List<PartitionDrop> partitions = new ArrayList<>();
        for (YearMonth month = YearMonth.parse(first); partitions.size() < count; month = month.plusMonths(1)) {
            partitions.add(new PartitionDrop("reading_" + month.toString().replace("-", ""), month));
        }
        return partitions;
    }

    private static RetentionTiers tiers(String raw, String tenMinutes, String hour) {
        return new RetentionTiers(RetentionPeriod.parse(raw, "Raw"), RetentionPeriod.parse(tenMinutes, "TenMinutes"),
                RetentionPeriod.parse(hour, "Hour"));
    }

    @Test
    void only_partitions_wholly_before_the_raw_horizons_month_are_dropped() {
        // 400 days before 2040-03-15 is 2039-02-09: February 2039 still holds readings inside the horizon.
        RetentionPlan plan = RetentionPlan.of(new Retention(tiers("400d", "forever", "forever"), Map.of()),
                months("2038-10", 18), NOW);

        assertThat(plan.drops()).extracting(PartitionDrop::table)
                .containsExactly("reading_203810", "reading_203811", "reading_203812", "reading_203901");
        assertThat(plan.rawCuts()).extracting(RowCut::before).containsExactly(Instant.parse("2039-02-01T00:00:00Z"));
        assertThat(plan.rollupCuts()).isEmpty();
    }

    @Test
    void a_codifier_kept_longer_holds_back_the_partitions_and_one_kept_shorter_loses_rows_instead() {
        RetentionPlan plan = RetentionPlan.of(new Retention(tiers("400d", "2y", "forever"),
                Map.of("L1", tiers("800d", "2y", "forever"), "S1", tiers("60d", "2y", "forever"))), months("2037-10", 30), NOW);

        // 800 days before is 2038-01-05: only what ends by January 2038 goes whole.
        assertThat(plan.drops()).extracting(PartitionDrop::table).containsExactly("reading_203710", "reading_203711", "reading_203712");
        assertThat(plan.rawCuts()).extracting(cut -> cut.group().describe() + " < " + cut.before()).containsExactlyInAnyOrder(
                "every codifier but L1, S1 < 2039-02-01T00:00:00Z",
                "L1 < 2038-01-01T00:00:00Z",
                "S1 < 2040-01-01T00:00:00Z");
        assertThat(plan.rollupCuts()).extracting(cut -> cut.tier() + " " + cut.before())
                .containsExactly("TEN_MINUTES 2038-03-15T12:00:00Z");
    }

    @Test
    void nothing_is_dropped_while_one_codifier_keeps_its_readings_forever() {
        RetentionPlan plan = RetentionPlan.of(new Retention(tiers("30d", "forever", "forever"),
                Map.of("K1", tiers("forever", "forever", "forever"))), months("2030-01", 100), NOW);

        assertThat(plan.drops()).isEmpty();
        assertThat(plan.rawCuts()).extracting(cut -> cut.group().describe()).containsExactly("every codifier but K1");
    }
}
