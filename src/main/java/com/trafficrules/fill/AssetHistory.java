package com.trafficrules.fill;

/**
 * A selectable asset and what the play log says of it around one break: its latest play at or before
 * the break, its first play after it, and its plays during the break's UTC day (null = none). The
 * {@code key...} pair is the same for its cooldown key: with a cooldown group, the nearest plays of any
 * asset of the group, including members that cannot fill this break (pulled, too long).
 */
record AssetHistory(java.util.UUID uuid, String uri, String type, long durationMs, String cooldownGroup,
                    Long lastPlayedBeforeMs, Long firstPlayedAfterMs, long playsToday,
                    Long keyLastPlayedBeforeMs, Long keyFirstPlayedAfterMs) {

    String cooldownKey() {
        return cooldownGroup != null ? cooldownGroup : uri;
    }
}
