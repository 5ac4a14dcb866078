package com.trafficrules.fill;

import static com.trafficrules.fill.FillApi.asset;
import static com.trafficrules.fill.FillApi.block;
import static com.trafficrules.fill.FillApi.unique;
import static com.trafficrules.support.Replicas.http;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.Replicas;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

/**
 * Two instances of the service on one database, filling the same channel in turn: each remembers the
 * fill order between its fills, and still sees the plays the other one logged.
 */
class FillReplicasTest {

    private final Replicas replicas = new Replicas();

    @AfterEach
    void stopBothReplicas() {
        replicas.close();
    }

    private static List<Object> filledUris(ConfigurableApplicationContext replica, String channel, String air) {
        Map<?, ?> fill = http(replica, "scheduler").post().uri("/api/v1/channels/{slug}/blocks/fill", channel)
                .contentType(MediaType.APPLICATION_JSON).body(block(unique("blk"), air).placeholder(30_000).body())
                .retrieve().body(Map.class);
        assertThat(fill.get("fallback")).isEqualTo(false);
        return ((List<?>) fill.get("segments")).stream().map(segment -> (Map<?, ?>) segment)
                .filter(segment -> !"pad".equals(segment.get("type"))).map(segment -> (Object) segment.get("assetUri")).toList();
    }

    @Test
    void aReplicaSeesThePlaysAnotherReplicaLoggedSinceItsOwnLastFill() {
        ConfigurableApplicationContext first = replicas.start();
        ConfigurableApplicationContext second = replicas.start();
        String channel = unique("t");
        String a = "/ads/" + unique("a") + ".mp4";
        String b = "/ads/" + unique("b") + ".mp4";
        http(first, "scheduler").put().uri("/api/v1/assets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("assets", List.of(asset(a, "commercial", 30_000), asset(b, "commercial", 30_000))))
                .retrieve().toBodilessEntity();

        // Never played, by uri: a on the first replica; then b, which was never played, on the second.
        assertThat(filledUris(first, channel, "2026-11-20T20:00:00Z")).containsExactly(a);
        assertThat(filledUris(second, channel, "2026-11-20T23:00:00Z")).containsExactly(b);

        // The first replica's own memory says b never played; the log says a played longest ago.
        assertThat(filledUris(first, channel, "2026-11-21T02:00:00Z")).containsExactly(a);
    }
}
