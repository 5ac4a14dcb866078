package com.trafficrules.fill;

/**
 * A selectable asset and what the play log says of it around one break: its latest play on the channel
 * (the fill order; null = never played), its plays during the break's UTC day, and the nearest plays of
 * its cooldown key before and after the break's air time — with a cooldown group, of any asset of the
 * group, including members that cannot fill this break (pulled, too long).
 */
record AssetHistory(java.util.UUID uuid, String uri, String type, long durationMs, String cooldownGroup,
                    Long lastPlayedMs, long playsToday, Long keyLastPlayedBeforeMs, Long keyFirstPlayedAfterMs) {

    String cooldownKey() {
        return cooldownGroup != null ? cooldownGroup : uri;
    }
}
