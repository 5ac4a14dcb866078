package com.trafficrules;

import com.trafficrules.fill.FillJob;
import com.trafficrules.kernel.JobCatalog;
import com.trafficrules.makegood.MakegoodJob;
import com.trafficrules.reconciliation.ReconciliationJob;
import com.trafficrules.rotation.RotationJob;
import java.util.List;

/**
 * Every job the service runs, for the processes that run without Spring: the check worker and
 * {@code bin/rule-tests}. The service finds the same jobs as beans; a test holds the two to each other.
 * Adding a job adds its line here and nothing in governance, audit or the scenario runner.
 */
public final class Composition {

    private Composition() {
    }

    public static JobCatalog jobs() {
        return new JobCatalog(List.of(new RotationJob(), new FillJob(), new MakegoodJob(), new ReconciliationJob()));
    }
}
