package org.jphmesh.app.retention;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What retention removes at one moment, computed from the policy and the monthly partitions alone, so it can be
 * shown before it is done ({@code jph-sql retention --dry-run}). Raw readings go a month at a time: a codifier's
 * raw horizon is rounded down to the start of its month, so a partition every codifier is done with is dropped
 * whole and row deletes never cut a month in two. Rollup rows go at their exact horizon.
 *
 * @param drops     the partitions past the raw horizon of every codifier, oldest first
 * @param rawCuts   raw readings to delete row by row: a group's readings before its month boundary
 * @param rollupCuts rollup rows past their horizon, per tier and group
 */
public record RetentionPlan(List<PartitionDrop> drops, List<RowCut> rawCuts, List<RowCut> rollupCuts) {

    /** A monthly partition of {@code reading} to drop: every reading in it is past every horizon. */
    public record PartitionDrop(String table, YearMonth month) {

        public Instant from() {
            return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        public Instant to() {
            return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** The rows of {@code tier} of one group older than {@code before}. */
    public record RowCut(RetentionTier tier, RetentionGroup group, Instant before) {
    }

    public RetentionPlan {
        drops = List.copyOf(drops);
        rawCuts = List.copyOf(rawCuts);
        rollupCuts = List.copyOf(rollupCuts);
    }

    /** The plan at {@code now} for a database with the monthly partitions {@code partitions}. */
    public static RetentionPlan of(Retention retention, List<PartitionDrop> partitions, Instant now) {
        List<RowCut> rawCuts = new ArrayList<>();
        boolean someKeptForever = false;
        Instant earliest = null;
        for (RetentionGroup group : retention.groups(RetentionTier.RAW)) {
            Optional<Instant> horizon = group.period().horizon(now);
            if (horizon.isEmpty()) {
                someKeptForever = true;
                continue;
            }
            Instant boundary = monthStart(horizon.get());
            rawCuts.add(new RowCut(RetentionTier.RAW, group, boundary));
            earliest = earliest == null || boundary.isBefore(earliest) ? boundary : earliest;
        }
        List<PartitionDrop> drops = new ArrayList<>();
        if (!someKeptForever && earliest != null) {
            for (PartitionDrop partition : partitions) {
                if (!partition.to().isAfter(earliest)) {
                    drops.add(partition);
                }
            }
            drops.sort(Comparator.comparing(PartitionDrop::month));
        }
        List<RowCut> rollupCuts = new ArrayList<>();
        for (RetentionTier tier : List.of(RetentionTier.TEN_MINUTES, RetentionTier.HOUR)) {
            for (RetentionGroup group : retention.groups(tier)) {
                group.period().horizon(now).ifPresent(horizon -> rollupCuts.add(new RowCut(tier, group, horizon)));
            }
        }
        return new RetentionPlan(drops, rawCuts, rollupCuts);
    }

    private static Instant monthStart(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
