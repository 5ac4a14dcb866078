package com.trafficrules.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The one collector rule consequences report through (the DRL global {@code outcomes}). Java reads
 * what the rules reported here, never the rules themselves.
 */
public final class Outcomes {

    public static final String GLOBAL = "outcomes";

    private final List<Object> reported = new ArrayList<>();

    public void add(Object outcome) {
        reported.add(outcome);
    }

    /** Everything reported since the last call, removed from the collector. */
    List<Object> drain() {
        List<Object> drained = List.copyOf(reported);
        reported.clear();
        return drained;
    }

    public <T> List<T> of(Class<T> type) {
        return reported.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
