package com.trafficrules.fill;

import com.trafficrules.fill.asset.LibraryAsset;
import com.trafficrules.fill.block.Block;
import com.trafficrules.fill.block.BlockRequests;
import com.trafficrules.fill.block.FillRequest;
import com.trafficrules.fill.block.Segment;
import com.trafficrules.fill.playlog.InMemoryPlayHistory;
import com.trafficrules.fill.playlog.LoggedPlay;
import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.kernel.ScenarioKind;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.web.InvalidRequestException;
import com.trafficrules.web.Times;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fill} scenarios. {@code context} holds {@code channel}, {@code assets} (uri, durationMs, type,
 * state, cooldownGroup) and {@code plays} (assetUri, playedAt) already in the log; {@code expect} holds
 * the exact {@code segments} (type, assetUri, durationMs, breakIndex where given) in air order.
 */
final class FillScenarios implements ScenarioKind {

    private final JsonMapper json;

    FillScenarios(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String kind() {
        return FillService.KIND;
    }

    @Override
    public List<String> differences(Ruleset ruleset, Scenario scenario) {
        JsonNode context = scenario.context() == null ? json.createObjectNode() : scenario.context();
        Map<String, LibraryAsset> library = new HashMap<>();
        for (JsonNode asset : context.path("assets")) {
            String uri = asset.get("uri").asString();
            library.put(uri, new LibraryAsset(UUID.nameUUIDFromBytes(uri.getBytes(StandardCharsets.UTF_8)), uri,
                    asset.get("type").asString(), asset.get("durationMs").asLong(), asset.path("state").asString("ready"),
                    asset.hasNonNull("cooldownGroup") ? asset.get("cooldownGroup").asString() : null));
        }
        List<LoggedPlay> plays = new ArrayList<>();
        for (JsonNode play : context.path("plays")) {
            LibraryAsset asset = library.get(play.get("assetUri").asString());
            if (asset == null) {
                return List.of("context.plays names an asset not in context.assets: " + play.get("assetUri").asString());
            }
            plays.add(new LoggedPlay(asset.uuid(), asset.uri(), asset.type(),
                    Times.parseWithOffset(play.get("playedAt").asString()).toEpochMilli(), null, null, asset.durationMs()));
        }
        Block block;
        try {
            block = BlockRequests.parse(json.treeToValue(scenario.request(), FillRequest.class));
        } catch (InvalidRequestException e) {
            return List.of("the request was rejected: " + e.problems());
        }
        String channel = context.path("channel").asString("default");
        List<Segment> segments = BlockFiller.fill(ruleset, ChannelPolicies.of(ruleset).forChannel(channel), block,
                new InMemoryPlayHistory(List.copyOf(library.values()), plays)).segments();
        return compare(scenario.expect().path("segments"), segments);
    }

    private static List<String> compare(JsonNode expected, List<Segment> actual) {
        List<String> differences = new ArrayList<>();
        int count = Math.max(expected.size(), actual.size());
        for (int i = 0; i < count; i++) {
            String want = i < expected.size() ? describe(expected.get(i)) : null;
            String got = i < actual.size() ? describe(actual.get(i), expected.get(i)) : null;
            if (want == null || !want.equals(got)) {
                differences.add("segment " + i + ": expected " + (want == null ? "nothing" : want) + ", got "
                        + (got == null ? "nothing" : got));
            }
        }
        return differences;
    }

    private static String describe(JsonNode segment) {
        return segment.path("type").asString() + " " + segment.path("assetUri").asString("") + " "
                + segment.path("durationMs").asLong() + " ms"
                + (segment.has("breakIndex") ? " break " + segment.get("breakIndex").asString() : "");
    }

    /** The actual segment described with the fields the expectation names. */
    private static String describe(Segment segment, JsonNode expected) {
        return segment.type() + " " + segment.assetUri() + " " + segment.durationMs() + " ms"
                + (expected != null && expected.has("breakIndex") ? " break " + segment.breakIndex() : "");
    }
}
