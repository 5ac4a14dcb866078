package com.trafficrules.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a ruleset version is made of: DRL under {@code rules/} and policy under {@code config/},
 * keyed by their path relative to the project root. A decision depends on both, so the version hash
 * covers both.
 */
public final class RulesetFiles {

    private static final Pattern SAFE_PATH = Pattern.compile("(rules|config)(/[A-Za-z0-9_][A-Za-z0-9_.-]*)+");

    private final SortedMap<String, String> files;

    private RulesetFiles(SortedMap<String, String> files) {
        this.files = Collections.unmodifiableSortedMap(files);
    }

    public static RulesetFiles of(Map<String, String> files) {
        files.keySet().forEach(RulesetFiles::requireSafePath);
        return new RulesetFiles(new TreeMap<>(files));
    }

    /** Every {@code rules/**}{@code /*.drl} and {@code config/**} file below {@code root}. */
    public static RulesetFiles fromDirectory(Path root) {
        SortedMap<String, String> files = new TreeMap<>();
        readTree(root, "rules", files);
        readTree(root, "config", files);
        files.keySet().removeIf(path -> path.startsWith("rules/") && !path.endsWith(".drl"));
        return new RulesetFiles(files);
    }

    private static void readTree(Path root, String folder, SortedMap<String, String> into) {
        Path base = root.resolve(folder);
        if (!Files.isDirectory(base)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (!relative.contains("/.")) {
                    into.put(requireSafePath(relative), Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read ruleset files under " + base, e);
        }
    }

    private static String requireSafePath(String path) {
        if (!SAFE_PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
            throw new IllegalArgumentException("A ruleset file must live under rules/ or config/ with a plain relative path: " + path);
        }
        return path;
    }

    /** SHA-256 over the sorted paths and contents, each followed by a NUL byte. */
    public String hash() {
        MessageDigest digest = sha256Digest();
        files.forEach((path, content) -> {
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(content.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    public static String sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /** Lowercase hex SHA-256 of the bytes. */
    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256Digest().digest(content));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM ships SHA-256", e);
        }
    }

    public SortedMap<String, String> all() {
        return files;
    }

    /** The files whose path starts with {@code prefix}, e.g. {@code config/channels/}. */
    public SortedMap<String, String> under(String prefix) {
        SortedMap<String, String> selected = new TreeMap<>();
        files.forEach((path, content) -> {
            if (path.startsWith(prefix)) {
                selected.put(path, content);
            }
        });
        return selected;
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }
}
