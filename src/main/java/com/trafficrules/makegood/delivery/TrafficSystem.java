package com.trafficrules.makegood.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The traffic system's order endpoint over the JDK's HTTP client: one POST of a signed order, with its idempotency
 * key as the {@code Idempotency-Key} header, answered within the connect and request timeouts or not at all.
 */
final class TrafficSystem {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** How much of an answer's body is kept, for the attempt's detail and a rejection's reason. */
    static final int EXCERPT = 200;

    private final URI url;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final HttpClient client;

    TrafficSystem(URI url, Duration connectTimeout, Duration requestTimeout) {
        this.url = url;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What the traffic system answered: its status and the start of its body. */
    record Answer(int status, String excerpt) {

        boolean accepted() {
            return status >= 200 && status < 300;
        }

        /**
         * A 4xx is the traffic system refusing this order, which asking again will not change; except 408 (it gave up
         * waiting for us) and 429 (it asks us to slow down), which say nothing about the order and are tried again.
         */
        boolean rejected() {
            return status >= 400 && status < 500 && status != 408 && status != 429;
        }

        String detail() {
            return excerpt.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + excerpt;
        }
    }

    /** No answer: {@code outcome} is TIMEOUT (none within the timeouts) or UNREACHABLE (no connection, or it broke). */
    static final class Unanswered extends Exception {

        private final String outcome;

        Unanswered(String outcome, String detail) {
            super(detail, null, false, false);
            this.outcome = outcome;
        }

        String outcome() {
            return outcome;
        }
    }

    Answer post(String order, String idempotencyKey) throws Unanswered, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .header("Content-Type", "application/json").header(IDEMPOTENCY_KEY, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(order)).build();
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        // The request timeout ends at the answer's headers; this bounds the body too, so a trickling answer cannot hold
        // the delivery thread either.
        Duration bound = connectTimeout.plus(requestTimeout);
        try {
            HttpResponse<String> response = exchange.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), excerpt(response.body()));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new Unanswered("TIMEOUT", "no answer within " + bound.toMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new Unanswered("TIMEOUT", cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
            if (cause instanceof IOException) {
                throw new Unanswered("UNREACHABLE", cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            }
            throw new IllegalStateException("Posting a make-good order to " + url + " failed", cause);
        }
    }

    /** The start of a body on one line, for people to read. */
    static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "…";
    }

    @Override
    public String toString() {
        return "TrafficSystem[" + url + "]";
    }
}
