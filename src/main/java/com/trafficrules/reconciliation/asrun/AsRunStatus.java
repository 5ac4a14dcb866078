package com.trafficrules.reconciliation.asrun;

import java.util.Optional;

/** The as-run statuses the contract knows, and whether the spot went to air under each. */
public enum AsRunStatus {
    AIRED(true),
    /** Aired, cut short by the block's end. */
    TRUNCATED(true),
    /** Aired, shorter than planned. */
    SHORT(true),
    /** Another asset aired in its place. */
    SUBSTITUTED(true),
    PREEMPTED(false),
    SKIPPED(false),
    ERROR(false);

    private final boolean aired;

    AsRunStatus(boolean aired) {
        this.aired = aired;
    }

    public boolean aired() {
        return aired;
    }

    /** The status spelled exactly so (upper case, as the contract and the playout systems write it), if known. */
    public static Optional<AsRunStatus> named(String name) {
        for (AsRunStatus status : values()) {
            if (status.name().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
