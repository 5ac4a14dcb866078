package com.trafficrules.makegood.delivery;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * How make-good orders are delivered to the traffic system ({@code traffic.makegood.delivery.*}). The address is
 * {@code traffic.makegood.delivery-url}, the name the make-goods issue gives it, or {@code traffic.makegood.delivery.url}; with
 * neither set nothing is delivered and no part of delivery runs.
 *
 * @param url            the traffic system's order endpoint; read through {@link #url(PropertyResolver)}
 * @param connectTimeout how long a connection to it may take
 * @param requestTimeout how long it may take to answer once asked
 * @param pollInterval   how often due outbox entries are looked for; an order is also sent right after it commits
 * @param retry          how one round of sending retries, and how long until the next round
 * @param breaker        when the circuit breaker opens, and for how long
 */
@ConfigurationProperties("traffic.makegood.delivery")
public record DeliveryProperties(String url, @DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
                                 @DefaultValue("5s") Duration pollInterval, @DefaultValue Retry retry, @DefaultValue Breaker breaker) {

    /** The name the make-goods issue gives the address. */
    public static final String URL = "traffic.makegood.delivery-url";
    /** The same address among the other delivery settings. */
    public static final String URL_NESTED = "traffic.makegood.delivery.url";

    /**
     * One round of sending an order: up to {@code attempts} POSTs, waiting {@code firstBackoff}, then {@code multiplier}
     * times longer each time, each wait moved at random by up to {@code jitter} of itself, never over
     * {@code maxBackoff}. When a round ends without an answer the order is due again {@code later}, doubling (with
     * the same jitter) each round up to {@code laterMax}.
     */
    public record Retry(@DefaultValue("3") int attempts, @DefaultValue("500ms") Duration firstBackoff,
                        @DefaultValue("2") double multiplier, @DefaultValue("0.5") double jitter,
                        @DefaultValue("10s") Duration maxBackoff, @DefaultValue("30s") Duration later,
                        @DefaultValue("15m") Duration laterMax) {
    }

    /**
     * The circuit breaker over the last {@code window} calls: once {@code minimumCalls} were made and at least
     * {@code failureRatePercent} of them failed (5xx, timeout, no connection), it opens for {@code openFor}, during
     * which nothing is sent; then {@code halfOpenCalls} trial calls decide whether it closes again.
     */
    public record Breaker(@DefaultValue("50") float failureRatePercent, @DefaultValue("20") int window,
                          @DefaultValue("10") int minimumCalls, @DefaultValue("60s") Duration openFor,
                          @DefaultValue("2") int halfOpenCalls) {
    }

    /**
     * The configured address, from either name; blank when delivery is off. Both set to different addresses is a
     * mistake the service does not guess about.
     */
    public static String url(PropertyResolver environment) {
        String documented = environment.getProperty(URL, "").trim();
        String nested = environment.getProperty(URL_NESTED, "").trim();
        if (StringUtils.hasText(documented) && StringUtils.hasText(nested) && !documented.equals(nested)) {
            throw new IllegalStateException(URL + " and " + URL_NESTED + " name different addresses (" + documented + ", "
                    + nested + "); set one of them");
        }
        return StringUtils.hasText(documented) ? documented : nested;
    }

    /** The address as a URI, checked: absolute, http or https. */
    static URI uri(String url) {
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalStateException(URL + " must be an http or https address, not " + url);
        }
        return uri;
    }
}
