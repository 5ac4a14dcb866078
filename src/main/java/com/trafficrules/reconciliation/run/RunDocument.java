package com.trafficrules.reconciliation.run;

import com.trafficrules.reconciliation.asrun.Quarantined;
import java.time.LocalDate;
import java.util.List;

/**
 * A run as its decision stores it: the rows as read at the edge (UTC times, codes as written) and what was
 * quarantined there, so a replay classifies exactly what was classified, whatever the rows came from.
 *
 * @param source {@code json}, {@code csv} or {@code retrovue-jsonl}
 */
public record RunDocument(String channel, LocalDate broadcastDate, String source, List<PlannedRow> planned,
                          List<AsRunEntry> asRun, List<Quarantined> quarantined) {

    public RunDocument {
        planned = List.copyOf(planned);
        asRun = List.copyOf(asRun);
        quarantined = List.copyOf(quarantined);
    }
}
