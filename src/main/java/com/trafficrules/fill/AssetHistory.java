package com.trafficrules.fill;

/**
 * A selectable asset and what the play log says of it around one break: its latest play at or before
 * the break, its first play after it, and its plays during the break's UTC day (null = none).
 */
record AssetHistory(java.util.UUID uuid, String uri, String type, long durationMs, String cooldownGroup,
                    Long lastPlayedBeforeMs, Long firstPlayedAfterMs, long playsToday) {

    String cooldownKey() {
        return cooldownGroup != null ? cooldownGroup : uri;
    }
}
