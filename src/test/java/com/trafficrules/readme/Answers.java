package com.trafficrules.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answer as the README and a run can agree on it: JSON written one way (members sorted, numbers as their
 * value: the service's {@code 3.0} is jq's {@code 3}), and, in what the service answers, what differs from run
 * to run — ids, times and hashes — replaced by what kind of value it is; so layout, member order and those
 * values are not compared, and everything else is.
 */
final class Answers {

    /** Each kind of value that differs between runs, and what stands for it; UUIDs first, their last part is hex. */
    private static final List<RunValue> RUN_VALUES = List.of(
            new RunValue("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>"),
            new RunValue("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)", "<instant>"),
            // SHA-256 and HMAC-SHA256 hex (hashes, idempotency keys, signatures) and the hash's 12 digits in a label.
            new RunValue("\\b([0-9a-f]{64}|[0-9a-f]{12})\\b", "<hex>"),
            new RunValue("\\bMG-[0-9A-F]{8}\\b", "MG-<id>"));

    private record RunValue(Pattern pattern, String placeholder) {
        RunValue(String regex, String placeholder) {
            this(Pattern.compile(regex), placeholder);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS, JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES,
                    JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Answers() {
    }

    /** {@code answer} with every id, time and hash the service made for this run replaced by its kind. */
    static String withoutRunValues(String answer) {
        String text = answer;
        for (RunValue value : RUN_VALUES) {
            text = value.pattern().matcher(text).replaceAll(value.placeholder());
        }
        return text;
    }

    /**
     * {@code answer} in the form compared: for {@code json}, each JSON value it holds (an example may print
     * several), pretty-printed; else its lines without trailing spaces. Text that is not JSON stays as it is,
     * so that a failure shows what came instead.
     */
    static String comparable(String language, String answer) {
        String text = answer.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
        return "json".equals(language) ? json(text) : text;
    }

    private static String json(String text) {
        List<String> values = new ArrayList<>();
        try (MappingIterator<JsonNode> nodes = JSON.readerFor(JsonNode.class).readValues(text)) {
            while (nodes.hasNextValue()) {
                values.add(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(nodes.nextValue()));
            }
        } catch (JacksonException notJson) {
            return text;
        }
        return String.join("\n", values);
    }
}
