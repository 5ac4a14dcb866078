package com.trafficrules.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A console session without a browser: signed in through the login form, its cookie kept, pages read as text. */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final URI base;

    private ConsoleSession(URI base) {
        this.base = base;
    }

    /** Signs in as a browser does: the form's CSRF token, then the user's name and password (the same, for demo users). */
    public static ConsoleSession signedIn(URI base, String user) throws IOException, InterruptedException {
        ConsoleSession session = new ConsoleSession(base);
        Matcher token = CSRF.matcher(session.get("/console/login").body());
        if (!token.find()) {
            throw new IllegalStateException("The login page has no CSRF token");
        }
        String fields = "username=" + user + "&password=" + user + "&_csrf="
                + URLEncoder.encode(token.group(1) != null ? token.group(1) : token.group(2), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = session.client.send(HttpRequest.newBuilder(base.resolve("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(fields)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("Signing in as " + user + " failed: HTTP " + signedIn.statusCode());
        }
        return session;
    }

    /** A page, by its path and query. */
    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
