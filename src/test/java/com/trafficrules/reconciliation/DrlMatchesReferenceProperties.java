package com.trafficrules.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.trafficrules.kernel.Ruleset;
import com.trafficrules.kernel.Scenario;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.reconciliation.ReferenceReconciliation.Item;
import com.trafficrules.reconciliation.ReferenceReconciliation.Numbers;
import com.trafficrules.reconciliation.run.AsRunEntry;
import com.trafficrules.reconciliation.run.PlannedRow;
import com.trafficrules.reconciliation.run.Reconciler;
import com.trafficrules.reconciliation.run.ReconciliationSettings;
import com.trafficrules.reconciliation.run.RunDocument;
import com.trafficrules.reconciliation.run.RunRequests;
import com.trafficrules.ruletest.Scenarios;
import com.trafficrules.support.ShippedRuleset;
import com.trafficrules.web.Times;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shipped reconciliation rules, run through {@link Reconciler#classify} as the service and bin/rule-tests run
 * them, give every item of a run as {@link ReferenceReconciliation} (API.md as plain Java) does: availId, spotId,
 * eventId, class and driftMs. Runs are built around the contract's edges: planned starts on a 2-minute grid, often
 * several on one instant, so that as-run rows 1 minute off sit exactly between two of them and rows on a shared start
 * choose by availId (ids of different lengths, so String order is not number order); spotIds shared between planned
 * rows, ids copied, changed or left out; as-run starts and lengths 500 and 501 ms either side, on and 1 ms past the
 * 5-minute window; every planned and playout status; billing codes canonical, aliased, unknown, lower-case, padded
 * and absent; asset uris equal, different and absent.
 *
 * <p>Rows are read by {@link RunRequests} from a JSON run, as the API reads them: both sides see the same rows.
 */
class DrlMatchesReferenceProperties {

    private static final String CHANNEL = "retro-prime";
    private static final long T0 = Instant.parse("2026-11-20T20:00:00Z").toEpochMilli();
    private static final long GRID_MS = 120_000;
    /** Unique per run; of different lengths, so that "the smaller availId" is seen to be String order (A-10 before A-2). */
    private static final List<String> AVAIL_IDS = List.of("A-1", "A-2", "A-10", "A-3", "B-1", "A-20");
    private static final List<String> CLASSES = Reconciler.CLASSES;
    private static final List<String> EDGES = List.of("by spotId", "by availId", "by start",
            "tie: equal distance, earlier start", "tie: same start, smaller availId",
            "drift exactly 500 ms, confirmed", "drift 501 ms, drifted", "length exactly 500 ms off, confirmed",
            "length 501 ms off, wrong length", "matched exactly 5 minutes off", "unplanned 5 minutes and 1 ms from a planned start",
            "planned rows share a spotId", "alias against canonical, confirmed", "unplanned substitute", "missing names its event");

    @Property(tries = 1500)
    void drlClassifiesEveryItemAsTheReference(@ForAll("runs") Run run) {
        Ruleset ruleset = ShippedRuleset.compiled();
        RunDocument document = read(ruleset, run.json());
        List<String> notes = new ArrayList<>();
        List<Item> reference = ReferenceReconciliation.reconcile(Numbers.of(ReconciliationSettings.of(ruleset)),
                document.planned(), document.asRun(), notes::add);
        List<Item> drl = drl(ruleset, document);

        reference.forEach(item -> Statistics.label("class").collect(item.itemClass()));
        edges(document, reference, notes).forEach(edge -> Statistics.label("edges").collect(edge));
        Statistics.label("class").coverage(coverage -> CLASSES.forEach(c -> coverage.check(c).count(n -> n > 0)));
        Statistics.label("edges").coverage(coverage -> EDGES.forEach(e -> coverage.check(e).count(n -> n > 0)));
        if (!document.quarantined().isEmpty()) {
            throw new AssertionError("the generator made rows the edge refuses: " + document.quarantined() + "\n" + run.json());
        }
        if (!drl.equals(reference)) {
            throw new AssertionError("DRL and reference disagree for\n" + describe(run.json())
                    + "\n" + IntStream.range(0, Math.max(drl.size(), reference.size()))
                    .mapToObj(i -> "  [" + i + "] drl       " + (i < drl.size() ? drl.get(i) : "-")
                            + "\n  [" + i + "] reference " + (i < reference.size() ? reference.get(i) : "-"))
                    .collect(Collectors.joining("\n")));
        }
    }

    /**
     * Every {@code reconciliation} scenario in rule-tests/ is reconciled the same by the reference as by the rules,
     * and the reference meets each scenario's expectations (the item fields it names) itself.
     */
    @Example
    void everyReconciliationScenarioIsReconciledTheSameByTheReference() {
        Ruleset ruleset = ShippedRuleset.compiled();
        List<Scenario> scenarios = Scenarios.load(Path.of(".")).stream()
                .filter(scenario -> Reconciler.KIND.equals(scenario.kind())).toList();
        if (scenarios.isEmpty()) {
            throw new AssertionError("no reconciliation scenarios under rule-tests/");
        }
        Numbers numbers = Numbers.of(ReconciliationSettings.of(ruleset));
        for (Scenario scenario : scenarios) {
            RunDocument document = read(ruleset, scenario.request());
            List<Item> reference = ReferenceReconciliation.reconcile(numbers, document.planned(), document.asRun());
            assertEquals(drl(ruleset, document), reference, scenario.path());
            JsonNode expected = scenario.expect().path("items");
            assertEquals(expected.size(), reference.size(), scenario.path() + ": items " + reference);
            for (int i = 0; i < expected.size(); i++) {
                JsonNode want = expected.get(i);
                Item got = reference.get(i);
                Map<String, String> fields = new HashMap<>();
                fields.put("availId", got.availId());
                fields.put("eventId", got.eventId());
                fields.put("class", got.itemClass());
                fields.put("driftMs", got.driftMs() == null ? null : String.valueOf(got.driftMs()));
                for (Map.Entry<String, String> field : fields.entrySet()) {
                    if (want.has(field.getKey())) {
                        JsonNode value = want.get(field.getKey());
                        assertEquals(value.isNull() ? null : value.asString(), field.getValue(),
                                scenario.path() + " items[" + i + "]." + field.getKey());
                    }
                }
            }
        }
    }

    /** The version's numbers are the ones API.md states, and its dictionary has API.md's example aliases. */
    @Example
    void theShippedNumbersAreTheContracts() {
        Numbers numbers = Numbers.of(ReconciliationSettings.of(ShippedRuleset.compiled()));
        assertEquals(Numbers.API_TOLERANCE_MS, numbers.driftToleranceMs());
        assertEquals(Numbers.API_TOLERANCE_MS, numbers.lengthToleranceMs());
        assertEquals(Numbers.API_WINDOW_MS, numbers.matchWindowMs());
        assertEquals(Numbers.API_PREFIXES, numbers.prefixes());
        Numbers.API_ALIAS_EXAMPLES.forEach((alias, canonical) -> assertEquals(canonical, numbers.aliases().get(alias), alias));
    }

    private static RunDocument read(Ruleset ruleset, JsonNode run) {
        return RunRequests.read(run, channel -> ZoneId.of(ChannelPolicies.of(ruleset).forChannel(channel).timezone()));
    }

    private static List<Item> drl(Ruleset ruleset, RunDocument document) {
        return Reconciler.classify(ruleset, document.planned(), document.asRun()).items().stream()
                .map(item -> new Item(item.availId(), item.spotId(), item.eventId(), item.itemClass(), item.driftMs()))
                .toList();
    }

    /** Which of {@link #EDGES} a run reaches, to show that the generator gets there. */
    private static List<String> edges(RunDocument document, List<Item> items, List<String> notes) {
        List<String> edges = new ArrayList<>(notes);
        Map<String, PlannedRow> planned = new HashMap<>();
        document.planned().forEach(row -> planned.put(row.availId(), row));
        Map<String, AsRunEntry> asRun = new HashMap<>();
        document.asRun().forEach(row -> asRun.put(row.eventId(), row));
        for (Item item : items) {
            AsRunEntry a = item.eventId() == null ? null : asRun.get(item.eventId());
            PlannedRow p = item.driftMs() == null ? null : planned.get(item.availId());
            if (p != null && a != null) {
                long drift = Math.abs(item.driftMs());
                long length = Math.abs(a.durationMs() - p.lengthMs());
                if (drift == 500 && item.itemClass().equals("CONFIRMED")) {
                    edges.add("drift exactly 500 ms, confirmed");
                }
                if (drift == 501 && item.itemClass().equals("TIMECODE_DRIFT")) {
                    edges.add("drift 501 ms, drifted");
                }
                if (length == 500 && item.itemClass().equals("CONFIRMED")) {
                    edges.add("length exactly 500 ms off, confirmed");
                }
                if (length == 501 && item.itemClass().equals("LENGTH_MISMATCH")) {
                    edges.add("length 501 ms off, wrong length");
                }
                if (drift == 300_000) {
                    edges.add("matched exactly 5 minutes off");
                }
                if (item.itemClass().equals("CONFIRMED") && p.billingCode() != null && a.billingCode() != null
                        && !p.billingCode().equals(a.billingCode())) {
                    edges.add("alias against canonical, confirmed");
                }
            }
            if (p == null && a != null) {
                if (item.itemClass().equals("UNPLANNED")
                        && document.planned().stream().anyMatch(row -> Math.abs(row.startMs() - a.startMs()) == 300_001)) {
                    edges.add("unplanned 5 minutes and 1 ms from a planned start");
                }
                if (item.itemClass().equals("SUBSTITUTED")) {
                    edges.add("unplanned substitute");
                }
            }
            if (item.itemClass().equals("MISSING") && item.eventId() != null) {
                edges.add("missing names its event");
            }
        }
        if (document.planned().stream().filter(row -> row.spotId() != null).map(PlannedRow::spotId).distinct().count()
                < document.planned().stream().filter(row -> row.spotId() != null).count()) {
            edges.add("planned rows share a spotId");
        }
        return edges.stream().distinct().toList();
    }

    private static String describe(JsonNode run) {
        return "planned\n" + lines(run.get("planned")) + "\nasRun\n" + lines(run.get("asRun"));
    }

    private static String lines(JsonNode rows) {
        List<String> lines = new ArrayList<>();
        rows.forEach(row -> lines.add("  " + row));
        return String.join("\n", lines);
    }

    // ---- the generated run -------------------------------------------------------------------------

    /** A planned row: its start on the grid, its own ids and codes; its availId comes from the run's shuffle. */
    record PlannedSpec(int slot, String spotId, long lengthMs, String status, String billingCode, String assetUri) {
    }

    /**
     * An as-run row told by a planned row of the run (its anchor, modulo the plan): its start and length that row's
     * plus a delta; {@code spotId}, {@code availId}, {@code billing} and {@code uri} are "same" (the anchor's),
     * "alias" (the anchor's billing code with its prefix swapped for the alias or the canonical one), "none", or a
     * value of their own.
     */
    record AsRunSpec(int anchor, long startDeltaMs, long lengthDeltaMs, String status, String spotId, String availId,
                     String billing, String uri) {
    }

    record Run(List<String> availIds, List<PlannedSpec> planned, List<AsRunSpec> asRun) {

        JsonNode json() {
            ObjectNode run = JsonNodeFactory.instance.objectNode();
            run.put("channel", CHANNEL);
            run.put("broadcastDate", "2026-11-20");
            ArrayNode plannedRows = run.putArray("planned");
            List<ObjectNode> plannedJson = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                PlannedSpec spec = planned.get(i);
                long start = T0 + spec.slot() * GRID_MS;
                ObjectNode row = plannedRows.addObject();
                row.put("availId", availIds.get(i));
                putIfPresent(row, "spotId", spec.spotId());
                row.put("start", Times.format(Instant.ofEpochMilli(start)));
                row.put("end", Times.format(Instant.ofEpochMilli(start + spec.lengthMs())));
                row.put("lengthMs", spec.lengthMs());
                row.put("status", spec.status());
                putIfPresent(row, "billingCode", spec.billingCode());
                putIfPresent(row, "assetUri", spec.assetUri());
                plannedJson.add(row);
            }
            ArrayNode asRunRows = run.putArray("asRun");
            for (int i = 0; i < asRun.size(); i++) {
                AsRunSpec spec = asRun.get(i);
                ObjectNode anchor = planned.isEmpty() ? null : plannedJson.get(spec.anchor() % planned.size());
                long anchorStart = anchor == null ? T0 : Times.parseWithOffset(anchor.get("start").asString()).toEpochMilli();
                long anchorLength = anchor == null ? 30_000 : anchor.get("lengthMs").asLong();
                ObjectNode row = asRunRows.addObject();
                row.put("eventId", "E-" + (i + 1));
                putIfPresent(row, "spotId", choose(spec.spotId(), anchor, "spotId"));
                putIfPresent(row, "availId", choose(spec.availId(), anchor, "availId"));
                row.put("start", Times.format(Instant.ofEpochMilli(anchorStart + spec.startDeltaMs())));
                long length = anchorLength + spec.lengthDeltaMs();
                // a row that aired ran for a while (a 15 s spot 15 s short is quarantined); one that did not may say 0
                boolean notAired = RUN_STATUSES_NOT_AIRED.contains(spec.status());
                row.put("durationMs", notAired && spec.lengthDeltaMs() < 0 ? 0 : Math.max(length, 1));
                row.put("status", spec.status());
                putIfPresent(row, "billingCode", spec.billing().equals("alias") ? alias(anchor) : choose(spec.billing(), anchor, "billingCode"));
                putIfPresent(row, "assetUri", choose(spec.uri(), anchor, "assetUri"));
            }
            return run;
        }

        private static String choose(String choice, ObjectNode anchor, String field) {
            return switch (choice) {
                case "same" -> anchor == null || !anchor.has(field) ? null : anchor.get(field).asString();
                case "none" -> null;
                default -> choice;
            };
        }

        /** The anchor's billing code written the other way: an alias for a canonical prefix, the canonical for an alias. */
        private static String alias(ObjectNode anchor) {
            if (anchor == null || !anchor.has("billingCode")) {
                return "NATL-1001";
            }
            String code = anchor.get("billingCode").asString().trim();
            for (String[] pair : new String[][] {{"NATL-", "NAT-"}, {"LCL-", "LOC-"}, {"AFFIL-", "AFF-"}}) {
                if (code.startsWith(pair[0])) {
                    return pair[1] + code.substring(pair[0].length());
                }
                if (code.startsWith(pair[1])) {
                    return pair[0] + code.substring(pair[1].length());
                }
            }
            return code;
        }

        private static void putIfPresent(ObjectNode row, String field, String value) {
            if (value != null) {
                row.put(field, value);
            }
        }
    }

    private static final List<String> RUN_STATUSES_NOT_AIRED = List.of("PREEMPTED", "SKIPPED", "ERROR");

    // ---- generators --------------------------------------------------------------------------------

    @Provide
    Arbitrary<Run> runs() {
        return Combinators.combine(
                Arbitraries.shuffle(AVAIL_IDS),
                planned().list().ofMaxSize(AVAIL_IDS.size()),
                asRun().list().ofMaxSize(7)).as(Run::new);
    }

    private static final List<String> BILLING_CODES = List.of("NAT-1001", "NAT-1001", "NATL-1001", "LOC-2002", "LCL-2002",
            "AFF-3003", "AFFIL-3003", "MKG-4004", "NAT-1002", "XYZ-9", "nat-1001", " NAT-1001 ");

    private static Arbitrary<PlannedSpec> planned() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.of("S-1", "S-2", "S-3", "S-4", "S-5").injectNull(0.3),
                Arbitraries.of(30_000L, 30_000L, 15_000L),
                Arbitraries.frequency(Tuple.of(9, "SCHEDULED"), Tuple.of(1, "PREEMPTED")),
                Arbitraries.of(BILLING_CODES).injectNull(0.4),
                Arbitraries.of("/media/spots/acme-30.mp4", "/media/spots/beta-30.mp4").injectNull(0.4)).as(PlannedSpec::new);
    }

    private static Arbitrary<AsRunSpec> asRun() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 5),
                // on the anchor, either side of the drift tolerance, half a grid step (between two planned starts),
                // a grid step, on and past the window
                Arbitraries.of(0L, 0L, 0L, 500L, -500L, 501L, -501L, 200L, -350L, 1_000L, 60_000L, -60_000L, 120_000L,
                        300_000L, -300_000L, 300_001L, -300_001L, 420_000L),
                Arbitraries.of(0L, 0L, 0L, 500L, -500L, 501L, -501L, -15_000L),
                Arbitraries.frequency(Tuple.of(10, "AIRED"), Tuple.of(1, "TRUNCATED"), Tuple.of(1, "SHORT"), Tuple.of(2, "SUBSTITUTED"),
                        Tuple.of(1, "PREEMPTED"), Tuple.of(1, "SKIPPED"), Tuple.of(1, "ERROR")),
                Arbitraries.frequency(Tuple.of(4, "same"), Tuple.of(4, "none"), Tuple.of(1, "S-1"), Tuple.of(1, "S-2"), Tuple.of(1, "S-9")),
                Arbitraries.frequency(Tuple.of(2, "same"), Tuple.of(6, "none"), Tuple.of(1, "A-1"), Tuple.of(1, "A-10"), Tuple.of(1, "A-9")),
                Arbitraries.frequency(Tuple.of(6, "same"), Tuple.of(3, "none"), Tuple.of(2, "alias"), Tuple.of(1, "NAT-1002"),
                        Tuple.of(1, "XYZ-9"), Tuple.of(1, "LOC-2002")),
                Arbitraries.frequency(Tuple.of(6, "same"), Tuple.of(3, "none"), Tuple.of(1, "/media/spots/acme-30.mp4"),
                        Tuple.of(1, "/media/spots/other-30.mp4")))
                .as(AsRunSpec::new);
    }
}
