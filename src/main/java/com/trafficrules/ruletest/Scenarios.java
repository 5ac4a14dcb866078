package com.trafficrules.ruletest;

import com.trafficrules.kernel.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads scenario files: {@code rule-tests/<job>/*.yaml}, one scenario per file. */
public final class Scenarios {

    /** A key given twice or a second document would leave it unclear what the scenario says: both are errors. */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Scenarios() {
    }

    /** Every scenario below {@code root}/rule-tests, in path order. */
    public static List<Scenario> load(Path root) {
        Path folder = root.resolve("rule-tests");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted()
                    .map(file -> parse(root.relativize(file).toString().replace('\\', '/'), read(file)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public static Scenario parse(String path, String yaml) {
        JsonNode document;
        try {
            document = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(path + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException(path + ": a scenario is a mapping with name, kind, request and expect");
        }
        for (String required : List.of("name", "kind", "request", "expect")) {
            if (!document.hasNonNull(required)) {
                throw new IllegalArgumentException(path + ": the scenario has no '" + required + "'");
            }
        }
        for (String text : List.of("name", "kind")) {
            if (!document.get(text).isString()) {
                throw new IllegalArgumentException(path + ": '" + text + "' must be text");
            }
        }
        for (String mapping : List.of("request", "context", "expect")) {
            if (document.hasNonNull(mapping) && !document.get(mapping).isObject()) {
                throw new IllegalArgumentException(path + ": '" + mapping + "' must be a mapping");
            }
        }
        return new Scenario(path, document.get("name").asString(), document.get("kind").asString(),
                document.get("request"), document.get("context"), document.get("expect"));
    }
}
