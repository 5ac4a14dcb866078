package com.trafficrules.makegood.evaluation;

import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.MakegoodNeed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A scenario's avails, reserved in memory: what the database does, without one, for {@code bin/rule-tests}. */
public final class MemoryInventory implements Inventory {

    private final Map<String, AvailOption> avails = new LinkedHashMap<>();
    private final Map<String, Long> bookedRemainingMs = new LinkedHashMap<>();

    public MemoryInventory(List<AvailOption> avails) {
        avails.forEach(avail -> {
            this.avails.put(avail.availId(), avail);
            bookedRemainingMs.put(avail.availId(), avail.remainingMs());
        });
    }

    @Override
    public Map<Integer, List<AvailOption>> around(List<MakegoodNeed> needs) {
        Map<Integer, List<AvailOption>> around = new LinkedHashMap<>();
        needs.forEach(need -> around.put(need.index(),
                avails.values().stream().filter(avail -> avail.market().equals(need.market())).toList()));
        return around;
    }

    @Override
    public List<Placement> reserve(MakegoodNeed need, List<AvailOption> chosen) {
        List<Placement> placements = new ArrayList<>();
        for (AvailOption seen : chosen) {
            if (!avails.get(seen.availId()).equals(seen)) {
                return List.of();
            }
        }
        for (AvailOption avail : chosen) {
            long takenMs = bookedRemainingMs.get(avail.availId()) - avail.remainingMs();
            placements.add(new Placement(avail.availId(), avail.startMs() + takenMs, need.spotLengthMs(), avail.programId(),
                    avail.estimatedGrps()));
            TreeSet<String> codes = new TreeSet<>(avail.productCodes());
            codes.addAll(need.productCodes());
            avails.put(avail.availId(), new AvailOption(avail.availId(), avail.market(), avail.programId(), avail.startMs(),
                    avail.durationMs(), avail.remainingMs() - need.spotLengthMs(), avail.estimatedGrps(), List.copyOf(codes)));
        }
        return placements;
    }
}
