package com.trafficrules.makegood.evaluation;

import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.MakegoodNeed;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's avails, reserved in memory: what the database does, without one, for {@code bin/rule-tests}. Nothing
 * else routes in it, so every avail is always as it was read; {@link #around} gives all of a market's avails, which
 * is never fewer than the earliest ones asked for.
 */
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
    public Map<Integer, List<AvailOption>> around(List<MakegoodNeed> needs, int earliest) {
        Map<Integer, List<AvailOption>> around = new LinkedHashMap<>();
        needs.forEach(need -> around.put(need.index(), avails.values().stream().filter(avail -> avail.market().equals(need.market()))
                .sorted(AvailOption.EARLIEST).toList()));
        return around;
    }

    @Override
    public Map<String, AvailOption> hold(Collection<String> markets, Collection<String> availIds) {
        Map<String, AvailOption> held = new LinkedHashMap<>();
        availIds.forEach(id -> held.put(id, avails.get(id)));
        return held;
    }

    @Override
    public Map<Integer, List<Placement>> reserve(List<Taking> takings) {
        return Inventory.place(takings, avails, bookedRemainingMs);
    }
}
