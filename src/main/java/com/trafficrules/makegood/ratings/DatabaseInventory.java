package com.trafficrules.makegood.ratings;

import com.trafficrules.makegood.avail.AvailStore;
import com.trafficrules.makegood.evaluation.Inventory;
import com.trafficrules.makegood.facts.AvailOption;
import com.trafficrules.makegood.facts.MakegoodNeed;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The avails in PostgreSQL, for one batch's transaction: read without holding anything, then the batch's markets
 * held from {@link #hold} to its commit (see {@link AvailStore#lockMarkets}), so what is reserved against is what it
 * read under them.
 */
final class DatabaseInventory implements Inventory {

    /** How far past a cure deadline avails are read, so an escalation can list the ones just too late. */
    static final long NEAR_MISS_MS = Duration.ofDays(1).toMillis();

    private final AvailStore avails;

    DatabaseInventory(AvailStore avails) {
        this.avails = avails;
    }

    @Override
    public Map<Integer, List<AvailOption>> around(List<MakegoodNeed> needs, int earliest) {
        return avails.around(needs.stream().map(need -> new AvailStore.Window(need.index(), need.market(), need.windowStartMs(),
                need.cureDeadlineMs() + NEAR_MISS_MS)).toList(), earliest);
    }

    @Override
    public Map<String, AvailOption> hold(Collection<String> markets, Collection<String> availIds) {
        avails.lockMarkets(markets);
        Map<String, AvailOption> standing = new LinkedHashMap<>();
        avails.current(availIds).forEach(held -> standing.put(held.avail().availId(), held.avail()));
        return standing;
    }

    @Override
    public Map<Integer, List<Placement>> reserve(List<Taking> takings) {
        Map<String, AvailOption> standing = new HashMap<>();
        Map<String, Long> bookedRemainingMs = new HashMap<>();
        avails.current(takings.stream().flatMap(taking -> taking.avails().stream()).map(AvailOption::availId).distinct().toList())
                .forEach(held -> {
                    standing.put(held.avail().availId(), held.avail());
                    bookedRemainingMs.put(held.avail().availId(), held.bookedRemainingMs());
                });
        Map<Integer, List<Placement>> placed = Inventory.place(takings, standing, bookedRemainingMs);
        avails.reserved(standing.values().stream().sorted(Comparator.comparing(AvailOption::availId)).toList());
        return placed;
    }
}
