package com.trafficrules.database;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The embedded server's passwords: generated at random the first time a data directory is used and kept in
 * it, in a file only its user may read, so a restart signs in with the same ones. Nothing here is a secret
 * of the repository: every data directory has passwords of its own.
 */
record EmbeddedPasswords(String superuser, String owner, String service) {

    static final String FILE = "traffic-roles.properties";
    /** What {@link #generate()} makes; a password is written into SQL as a literal, so nothing else is accepted. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{32,}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The passwords kept in {@code dataDir}, or new ones (not yet written) when it has none. */
    static EmbeddedPasswords of(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return generate();
        }
        Properties kept = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            kept.load(reader);
        }
        return new EmbeddedPasswords(checked(kept, "superuser"), checked(kept, "owner"), checked(kept, "service"));
    }

    private static EmbeddedPasswords generate() {
        return new EmbeddedPasswords(random(), random(), random());
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String checked(Properties kept, String key) {
        String password = kept.getProperty(key);
        if (password == null || !SAFE.matcher(password).matches()) {
            throw new IllegalStateException(FILE + " has no usable '" + key + "' password; delete the data directory to start afresh");
        }
        return password;
    }

    /** Writes them into {@code dataDir} (readable by its user only) unless they are there already. */
    void keepIn(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            return;
        }
        Properties kept = new Properties();
        kept.setProperty("superuser", superuser);
        kept.setProperty("owner", owner);
        kept.setProperty("service", service);
        StringWriter text = new StringWriter();
        kept.store(text, "Passwords of the embedded PostgreSQL's roles (postgres, "
                + EmbeddedPostgresServer.OWNER + ", " + EmbeddedPostgresServer.SERVICE + "); generated at random");
        PrivateFiles.write(file, text.toString(), StandardCharsets.UTF_8);
    }

    /** A password as an SQL literal; safe because only generated characters are ever accepted. */
    static String literal(String password) {
        if (!SAFE.matcher(password).matches()) {
            throw new IllegalArgumentException("Not a generated password");
        }
        return "'" + password + "'";
    }

    @Override
    public String toString() {
        return "EmbeddedPasswords[***]";
    }
}
