package com.trafficrules.policy;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** A channel's effective policy: {@code _defaults.yaml} with the channel's own file merged over it. */
public record ChannelPolicy(String channel, String timezone, Traffic traffic, Rotation rotation) {

    /** The channel's clock: its timezone, checked to be a zone id when the policy was read. */
    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    /** What may fill a break, and how often. Cooldowns in seconds; 0 disables a cooldown or cap. */
    public record Traffic(List<String> allowedTypes, long defaultCooldownSeconds, Map<String, Long> typeCooldowns,
                          int maxPlaysPerDay, StaticFiller staticFiller) {

        /** How long an asset of this type rests after a play: its type's cooldown, else the default; 0 = not at all. */
        public long cooldownSeconds(String type) {
            return typeCooldowns.getOrDefault(type, defaultCooldownSeconds);
        }
    }

    /** The file that airs when nothing else may: playout never halts. */
    public record StaticFiller(String uri, long durationMs) {
    }

    /** Separations in minutes, caps in plays (0 = no cap), dayparts as [from, to) local "HH:mm". */
    public record Rotation(int advertiserSeparationMinutes, String advertiserSeparationSeverity,
                           int productSeparationMinutes, int maxCreativePlaysPerHour, int maxCreativePlaysPerDay,
                           Map<String, List<String>> dayparts) {
    }
}
