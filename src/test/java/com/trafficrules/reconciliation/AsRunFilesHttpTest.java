package com.trafficrules.reconciliation;

import static com.trafficrules.support.Users.SCHEDULER;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficrules.support.HttpTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * As-run files against the fill's own plan: two blocks filled on a channel, then the playout system's as-run file
 * for them, in which one spot aired as planned, one was skipped, one truncated, one late and one substituted.
 */
@HttpTest
class AsRunFilesHttpTest {

    private static final String DATE = "2026-12-24";

    @Autowired
    RestTestClient http;

    private String channel;
    /** The filled segments reconciliation plans against, in air order: blockId, segment index, uri, start, length. */
    private final List<Map<String, Object>> planned = new ArrayList<>();

    @BeforeEach
    void twoFilledBlocks() {
        channel = "t-" + UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> assets = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            assets.add(Map.of("uri", "00recon://" + channel + "/spot-" + i, "durationMs", 30_000, "type", "commercial",
                    "billingCode", "NAT-100" + i));
        }
        http.put().uri("/api/v1/assets").headers(SCHEDULER).contentType(MediaType.APPLICATION_JSON).body(Map.of("assets", assets))
                .exchange().expectStatus().isOk();
        fill("blk-1", DATE + "T18:00:00Z", 90_000);
        fill("blk-2", DATE + "T19:00:00Z", 60_000);
        assertThat(planned).hasSize(5);
    }

    private void fill(String blockId, String start, long placeholderMs) {
        Map<String, Object> block = Map.of("blockId", blockId, "start", start, "segments", List.of(
                Map.of("type", "content", "assetUri", "prog://show", "durationMs", 600_000),
                Map.of("type", "filler", "assetUri", "", "durationMs", placeholderMs)));
        Map<?, ?> filled = http.post().uri("/api/v1/channels/{slug}/blocks/fill", channel).headers(SCHEDULER)
                .contentType(MediaType.APPLICATION_JSON).body(block).exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody();
        for (Object segment : (List<?>) filled.get("segments")) {
            Map<?, ?> s = (Map<?, ?>) segment;
            if (!"content".equals(s.get("type")) && !"pad".equals(s.get("type"))) {
                Map<String, Object> row = new HashMap<>();
                row.put("blockId", blockId);
                row.put("index", s.get("index"));
                row.put("uri", s.get("assetUri"));
                row.put("start", Instant.parse((String) s.get("start")).toEpochMilli());
                row.put("length", ((Number) s.get("durationMs")).longValue());
                planned.add(row);
            }
        }
    }

    /** How each planned segment went to air, in order: on time, skipped, truncated by 5 s, 2 s late, another asset. */
    private String retroVueFile() {
        StringBuilder file = new StringBuilder();
        String[] statuses = {"AIRED", "SKIPPED", "TRUNCATED", "AIRED", "SUBSTITUTED"};
        for (int i = 0; i < planned.size(); i++) {
            Map<String, Object> row = planned.get(i);
            String uuid = "seg-" + i;
            String uri = i == 4 ? "00recon://" + channel + "/spot-6" : (String) row.get("uri");
            long start = (long) row.get("start") + (i == 3 ? 2_000 : 0);
            long length = (long) row.get("length") - (i == 2 ? 5_000 : 0);
            file.append("{\"status\":\"SEG_START\",\"block_id\":\"").append(row.get("blockId")).append("\",\"segment_index\":")
                    .append(row.get("index")).append(",\"segment_uuid\":\"").append(uuid).append("\",\"segment_type\":\"commercial\",")
                    .append("\"asset_uri\":\"").append(uri).append("\",\"scheduled_duration_ms\":").append(row.get("length")).append("}\n");
            file.append("{\"status\":\"").append(statuses[i]).append("\",\"event_id\":\"ev-").append(i).append("\",\"block_id\":\"")
                    .append(row.get("blockId")).append("\",\"segment_uuid\":\"").append(uuid).append("\",\"actual_start_utc_ms\":")
                    .append(start).append(",\"actual_duration_ms\":").append(statuses[i].equals("SKIPPED") ? 0 : length).append("}\n");
            if (i == 1) {
                file.append("this line is not JSON\n");
            }
        }
        return file.toString();
    }

    private String csvFile() {
        StringBuilder file = new StringBuilder("status,eventId,start,durationMs,blockId,segmentIndex,assetUri\n");
        String[] statuses = {"AIRED", "SKIPPED", "TRUNCATED", "AIRED", "SUBSTITUTED"};
        for (int i = 0; i < planned.size(); i++) {
            Map<String, Object> row = planned.get(i);
            String uri = i == 4 ? "00recon://" + channel + "/spot-6" : (String) row.get("uri");
            long start = (long) row.get("start") + (i == 3 ? 2_000 : 0);
            long length = (long) row.get("length") - (i == 2 ? 5_000 : 0);
            file.append(statuses[i]).append(",ev-").append(i).append(',').append(Instant.ofEpochMilli(start)).append(',')
                    .append(statuses[i].equals("SKIPPED") ? 0 : length).append(',').append(row.get("blockId")).append(',')
                    .append(row.get("index")).append(",\"").append(uri).append("\"\n");
            if (i == 1) {
                file.append("AIRED,ev-x,2026-12-24T18:00:00Z,30000,blk-1,1,a,too,many,columns\n");
            }
        }
        return file.toString();
    }

    private Map<?, ?> reconciled(String format, String file, MediaType type) {
        return http.post().uri("/api/v1/channels/{slug}/reconciliations?broadcastDate={date}&format={format}", channel, DATE, format)
                .headers(SCHEDULER).contentType(type).body(file).exchange().expectStatus().isOk().returnResult(Map.class)
                .getResponseBody();
    }

    private static List<Object> classes(Map<?, ?> answer) {
        return ((List<?>) answer.get("items")).stream().map(item -> (Object) ((Map<?, ?>) item).get("class")).toList();
    }

    @Test
    void aRetroVueAsRunFileIsReconciledAgainstTheFilledBlocks() {
        Map<?, ?> answer = reconciled("retrovue-jsonl", retroVueFile(), MediaType.parseMediaType("application/x-ndjson"));

        assertThat(classes(answer)).containsExactly("CONFIRMED", "MISSING", "LENGTH_MISMATCH", "TIMECODE_DRIFT", "SUBSTITUTED");
        assertThat(((Map<?, ?>) ((List<?>) answer.get("items")).get(0)).get("availId"))
                .isEqualTo(planned.get(0).get("blockId") + ":" + planned.get(0).get("index"));
        assertThat((List<?>) answer.get("quarantined")).singleElement().satisfies(q -> assertThat(q.toString())
                .contains("code=MALFORMED_LINE").contains("index=5"));
    }

    @Test
    void theSameAsRunsAsCsvAreReconciledAlike() {
        Map<?, ?> answer = reconciled("csv", csvFile(), MediaType.parseMediaType("text/csv"));

        assertThat(classes(answer)).containsExactly("CONFIRMED", "MISSING", "LENGTH_MISMATCH", "TIMECODE_DRIFT", "SUBSTITUTED");
        assertThat((List<?>) answer.get("quarantined")).singleElement().satisfies(q -> assertThat(q.toString())
                .contains("code=MALFORMED_LINE").contains("index=4"));
    }

    @Test
    void theSameFileAgainReturnsTheEarlierRun() {
        Map<?, ?> first = reconciled("retrovue-jsonl", retroVueFile(), MediaType.parseMediaType("application/x-ndjson"));

        Map<?, ?> again = reconciled("retrovue-jsonl", retroVueFile(), MediaType.parseMediaType("application/x-ndjson"));

        assertThat(again.get("runId")).isEqualTo(first.get("runId"));
        assertThat(again.get("duplicate")).isEqualTo(true);
    }

    @Test
    void anUnknownFormatIsRefusedNamingIt() {
        http.post().uri("/api/v1/channels/{slug}/reconciliations?broadcastDate={date}&format=xml", channel, DATE).headers(SCHEDULER)
                .contentType(MediaType.TEXT_PLAIN).body("x").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("format");
    }
}
