package com.trafficrules.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** A bounded load from a few client threads on loopback: each sends requests until the time is up. */
final class LoadRun {

    /** One request of the run, numbered from 0 across all threads; it throws if the answer is wrong. */
    interface Request {
        void send(int number) throws Exception;
    }

    /**
     * A request in three steps of which only the exchange is timed: the body is made before it and the answer
     * checked after it, on the client's thread (the client shares the cores, but its own work is not the service's
     * latency). Numbered from 0 across all threads; {@code check} throws if the answer is wrong.
     */
    interface Exchange<B, A> {
        B prepare(int number) throws Exception;

        A send(B body) throws Exception;

        void check(B body, A answer) throws Exception;
    }

    private LoadRun() {
    }

    /** The latency of every request in nanoseconds, sorted. */
    static long[] latencies(int concurrency, long millis, Request request) throws Exception {
        return latencies(concurrency, millis, new Exchange<Integer, Void>() {
            @Override
            public Integer prepare(int number) {
                return number;
            }

            @Override
            public Void send(Integer number) throws Exception {
                request.send(number);
                return null;
            }

            @Override
            public void check(Integer number, Void answer) {
            }
        });
    }

    /** The latency of every exchange (its {@code send} step alone) in nanoseconds, sorted. */
    static <B, A> long[] latencies(int concurrency, long millis, Exchange<B, A> exchange) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long deadline = System.nanoTime() + millis * 1_000_000;
        AtomicInteger numbers = new AtomicInteger();
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < deadline) {
                    B body = exchange.prepare(numbers.getAndIncrement());
                    long start = System.nanoTime();
                    A answer = exchange.send(body);
                    latencies.add(System.nanoTime() - start);
                    exchange.check(body, answer);
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> worker : workers) {
            all.addAll(worker.get());
        }
        pool.shutdown();
        return all.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** POSTs a JSON body as a demo user; anything but 200 fails the run. */
    static HttpResponse<String> post(HttpClient client, URI uri, String auth, String body) throws Exception {
        return post(client, uri, auth, body.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #post(HttpClient, URI, String, String)}, with the body already encoded: the client shares the cores. */
    static HttpResponse<String> post(HttpClient client, URI uri, String auth, byte[] body) throws Exception {
        HttpResponse<String> response = send(client, uri, auth, body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** POSTs an encoded JSON body as a demo user and gives back whatever came back, for a run that counts its errors. */
    static HttpResponse<String> send(HttpClient client, URI uri, String auth, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * POSTs an encoded JSON body as a demo user on the calling thread, over a connection the JDK keeps alive (at most 5
     * idle a host, {@code http.maxConnections}; Tomcat closes one after 100 requests), and reads the answer; anything
     * but 200 fails the run. For load runs whose latencies are the figure:
     * java.net.http's client hands every exchange from the caller to its selector thread and its executor and back,
     * and on two cores shared with the service each hand-off waits for a core, which the service's latency then
     * carries (see the history in docs/benchmarks.md).
     */
    static void postOnThisThread(URI uri, String auth, byte[] body) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Authorization", auth);
        connection.setRequestProperty("Content-Type", "application/json");
        // HttpURLConnection would otherwise ask for text/html first.
        connection.setRequestProperty("Accept", "application/json");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        if (status != 200) {
            try (InputStream error = connection.getErrorStream()) {
                throw new IllegalStateException("HTTP " + status + ": "
                        + (error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        // Read to the end and closed, so that the connection goes back to the JDK's keep-alive cache.
        try (InputStream in = connection.getInputStream()) {
            in.readAllBytes();
        }
    }
}
