package com.trafficrules.bench;

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

    private LoadRun() {
    }

    /** The latency of every request in nanoseconds, sorted. */
    static long[] latencies(int concurrency, long millis, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long deadline = System.nanoTime() + millis * 1_000_000;
        AtomicInteger numbers = new AtomicInteger();
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    request.send(numbers.getAndIncrement());
                    latencies.add(System.nanoTime() - start);
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
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
