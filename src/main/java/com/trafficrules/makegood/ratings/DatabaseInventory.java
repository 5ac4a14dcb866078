package com.trafficrules.makegood.ratings;

import com.trafficrules.makegood.avail.AvailStore;
import com.trafficrules.makegood.evaluation.Inventory;
import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.MakegoodNeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The avails in PostgreSQL, for one batch's transaction, which holds the markets it routes in (see
 * {@link AvailStore#lockMarkets}) from its first read to its commit. A make-good's avails are taken all or none: when one of
 * them changed meanwhile, the ones taken before it are put back as they were (this transaction holds their rows
 * since it took them, so nothing else changed them).
 */
final class DatabaseInventory implements Inventory {

    /** How far past a cure deadline avails are read, so an escalation can list the ones just too late. */
    static final long NEAR_MISS_MS = Duration.ofDays(1).toMillis();

    private final AvailStore avails;
    private boolean marketsHeld;

    DatabaseInventory(AvailStore avails) {
        this.avails = avails;
    }

    @Override
    public Map<Integer, List<AvailOption>> around(List<MakegoodNeed> needs) {
        if (!marketsHeld) {
            // The first read is the batch's: every market it routes in is held from here to its commit, so what is
            // read is what is reserved against, and a later read (for a make-good that lost its avails) is covered.
            avails.lockMarkets(needs.stream().map(MakegoodNeed::market).toList());
            marketsHeld = true;
        }
        return avails.around(needs.stream().map(need -> new AvailStore.Window(need.index(), need.market(), need.windowStartMs(),
                need.cureDeadlineMs() + NEAR_MISS_MS)).toList());
    }

    @Override
    public List<Placement> reserve(MakegoodNeed need, List<AvailOption> chosen) {
        List<Placement> placements = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            AvailOption avail = chosen.get(i);
            long offsetMs = avails.take(avail, need.spotLengthMs(), need.productCodes());
            if (offsetMs < 0) {
                chosen.subList(0, i).forEach(avails::restore);
                return List.of();
            }
            placements.add(new Placement(avail.availId(), avail.startMs() + offsetMs, need.spotLengthMs(), avail.programId(),
                    avail.estimatedGrps()));
        }
        return placements;
    }
}
