package com.trafficrules.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A console session without a browser: signed in through the login form, its cookie kept, pages read as text. */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final URI base;

    private ConsoleSession(URI base) {
        this.base = base;
    }

    /** Signs in as a browser does: the form's CSRF token, then the user's name and password (the same, for demo users). */
    public static ConsoleSession signedIn(URI base, String user) throws IOException, InterruptedException {
        ConsoleSession session = new ConsoleSession(base);
        HttpResponse<String> signedIn = session.submit("/console/login", "/console/login",
                Map.of("username", user, "password", user));
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("Signing in as " + user + " failed: HTTP " + signedIn.statusCode());
        }
        return session;
    }

    /** A page, by its path and query. */
    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A page by an address a client library would refuse to send (an undecodable %-escape, a NUL in a name),
     * written as it stands over a plain socket, with this session's cookies.
     */
    public RawHttp.Response getAsWritten(String target) {
        String sent = cookies.getCookieStore().getCookies().stream().map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        return RawHttp.exchange(base.getPort(), "GET", target, "Cookie: " + sent);
    }

    /** A form sent as a browser sends it, with the CSRF token of the page {@code formPage} and these fields. */
    public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields)
            throws IOException, InterruptedException {
        String body = withToken(formPage, fields).entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(base.resolve(action)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A form with a file field sent as a browser sends it (multipart/form-data), with the CSRF token of the page
     * {@code formPage}: the text fields, then one file as field {@code file}.
     */
    public HttpResponse<String> upload(String formPage, String action, Map<String, String> fields, String fileName,
                                       byte[] content) throws IOException, InterruptedException {
        String boundary = "console-session-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        withToken(formPage, fields).forEach((name, value) -> body.writeBytes(("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(base.resolve(action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The fields and, as the form's hidden field, the CSRF token of the page the form is on. */
    private Map<String, String> withToken(String formPage, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrfToken(formPage));
        return withToken;
    }

    private String csrfToken(String page) throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get(page).body());
        if (!token.find()) {
            throw new IllegalStateException(page + " has no CSRF token");
        }
        return token.group(1) != null ? token.group(1) : token.group(2);
    }
}
