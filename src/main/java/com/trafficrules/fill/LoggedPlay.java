package com.trafficrules.fill;

import java.util.UUID;

/** One play as the play log keeps it. */
record LoggedPlay(UUID assetUuid, String assetUri, String assetType, long playedAtMs, Integer breakIndex, String blockId,
                  long durationMs) {
}
