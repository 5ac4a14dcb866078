package com.trafficrules.fill.playlog;

import java.util.UUID;

/** One play as the play log keeps it. */
public record LoggedPlay(UUID assetUuid, String assetUri, String assetType, long playedAtMs, Integer breakIndex, String blockId,
                  long durationMs) {
}
