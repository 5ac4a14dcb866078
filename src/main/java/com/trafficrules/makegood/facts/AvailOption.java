package com.trafficrules.makegood.facts;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** A future avail as it stands when the batch is routed. */
public record AvailOption(String availId, String market, String programId, long startMs, long durationMs,
                          long remainingMs, double estimatedGrps, List<String> productCodes) {

    /** By start, then id: the order routing takes avails in, and the one they are read in. */
    public static final Comparator<AvailOption> EARLIEST = Comparator.comparingLong(AvailOption::startMs)
            .thenComparing(AvailOption::availId);

    public AvailOption {
        productCodes = List.copyOf(productCodes);
    }

    /**
     * The id's hash alone: routing looks up what the rules said of an avail many times a batch, and the record's own
     * hash would go through every field and product code each time. Equal avails have the same id, so it agrees with
     * {@link #equals}.
     */
    @Override
    public int hashCode() {
        return availId.hashCode();
    }

    /** Whether the avail already carries one of {@code codes}. */
    public boolean carriesAnyOf(Collection<String> codes) {
        return !Collections.disjoint(productCodes, codes);
    }
}
