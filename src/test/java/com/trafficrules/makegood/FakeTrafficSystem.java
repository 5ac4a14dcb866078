package com.trafficrules.makegood;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The traffic system as delivery tests script it: a real HTTP server on localhost that answers the orders of each
 * market as told (200, 500, 422 with a body, or no answer at all), the last answer again once the script runs out,
 * and keeps every request it received. Close it after the tests.
 */
final class FakeTrafficSystem implements AutoCloseable {

    /**
     * Delivery quick enough for tests: short timeouts and waits, and a breaker that opens after four failed calls and
     * stays open for the rest of a test (tests reset it).
     */
    static final Map<String, String> QUICK_DELIVERY = quickDelivery();

    /** What one request brought: its Idempotency-Key header and its body as sent. */
    record Received(String idempotencyKey, String body, String orderId) {
    }

    /** A scripted answer: a status and a body, or none at all ({@link #hang()}). */
    record Answer(int status, String body, boolean hangs) {
    }

    static Answer answer(int status) {
        return new Answer(status, "", false);
    }

    static Answer answer(int status, String body) {
        return new Answer(status, body, false);
    }

    /** No answer: the request is held until the server closes, long past any client's timeout. */
    static Answer hang() {
        return new Answer(0, "", true);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-traffic-system");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FakeTrafficSystem() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/orders", this::handle);
        server.setExecutor(handlers);
    }

    static FakeTrafficSystem start() {
        FakeTrafficSystem trafficSystem = new FakeTrafficSystem();
        trafficSystem.server.start();
        return trafficSystem;
    }

    /** Where orders are posted. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/orders";
    }

    /** An address on localhost where nothing listens (a port that was free a moment ago). */
    static String unreachableUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/orders";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the orders of {@code market} are answered, in turn; the last one again after that. Unscripted: 200. */
    void answers(String market, Answer... answers) {
        scripts.put(market, new ArrayDeque<>(List.of(answers)));
    }

    /** The requests received for this order, in order. */
    List<Received> received(String orderId) {
        return received.stream().filter(request -> orderId.equals(request.orderId())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode order = JSON.readTree(body);
            received.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body, order.path("orderId").asString()));
            Answer answer = next(order.path("market").asString());
            if (answer.hangs()) {
                closing.await(60, TimeUnit.SECONDS);
                return;
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer next(String market) {
        Deque<Answer> script = scripts.get(market);
        if (script == null) {
            return answer(200);
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    /** {@link #QUICK_DELIVERY} and these as command-line arguments of a service started by hand. */
    static String[] arguments(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(QUICK_DELIVERY);
        all.putAll(more);
        return all.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new);
    }

    private static Map<String, String> quickDelivery() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("traffic.makegood.delivery.connect-timeout", "500ms");
        settings.put("traffic.makegood.delivery.request-timeout", "500ms");
        settings.put("traffic.makegood.delivery.poll-interval", "200ms");
        settings.put("traffic.makegood.delivery.retry.attempts", "3");
        settings.put("traffic.makegood.delivery.retry.first-backoff", "20ms");
        settings.put("traffic.makegood.delivery.retry.max-backoff", "100ms");
        settings.put("traffic.makegood.delivery.retry.later", "100ms");
        settings.put("traffic.makegood.delivery.retry.later-max", "500ms");
        settings.put("traffic.makegood.delivery.breaker.window", "4");
        settings.put("traffic.makegood.delivery.breaker.minimum-calls", "4");
        settings.put("traffic.makegood.delivery.breaker.failure-rate-percent", "50");
        settings.put("traffic.makegood.delivery.breaker.open-for", "1h");
        return Map.copyOf(settings);
    }
}
