package org.jphmesh.web.state;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.app.report.CollectorReport;
import org.jphmesh.app.roles.ProgramRoles;
import org.jphmesh.bus.frame.Codifier;

/**
 * Notices when a collector's database goes away or comes back, from the reports it sends as its own reading
 * ({@link CollectorReport}): the change, not each report, is what the events page shows.
 */
final class CollectorOutages {

    /** The entry types of the programs that send a collector's report. */
    static final Set<String> COLLECTOR_TYPES = ProgramRoles.COLLECTORS;

    private final Map<Codifier, Boolean> inOutage = new ConcurrentHashMap<>();

    /** The event for a change of {@code from}'s outage state that {@code reportText} shows, if it changed. */
    Optional<MeshEvent> onReport(Codifier from, String reportText, long now) {
        boolean outage = CollectorReport.parse(reportText).map(CollectorReport::inOutage).orElse(false);
        boolean before = Boolean.TRUE.equals(inOutage.put(from, outage));
        if (outage == before) {
            return Optional.empty();
        }
        return Optional.of(new MeshEvent(now, MeshEvent.Kind.collector, outage
                ? from + ": the database is unavailable; readings wait in the journal"
                : from + ": storing readings again", from.value(), null, null));
    }
}
