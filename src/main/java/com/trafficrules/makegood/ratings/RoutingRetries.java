package com.trafficrules.makegood.ratings;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.JsonNode;

/**
 * Tries the make-goods whose routing failed again once their back-off is over: inventory may have been added
 * since. Each run leases the due payloads (skipping rows another replica is leasing), so each is tried once per due
 * time whichever replica finds it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(MakegoodRetryProperties.class)
class RoutingRetries {

    private static final Logger log = LoggerFactory.getLogger(RoutingRetries.class);
    private static final int BATCH = 100;
    /** How long a run may take to decide its payloads before another may try them. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final RatingStore ratings;
    private final RatingsService service;
    private final Clock clock;

    RoutingRetries(RatingStore ratings, RatingsService service, Clock clock) {
        this.ratings = ratings;
        this.service = service;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${traffic.makegood.routing-retry.every:10s}", initialDelayString = "${traffic.makegood.routing-retry.every:10s}")
    void retryDue() {
        try {
            // Leased in a statement of its own, so the batch below is a transaction of its own (which a deadlock
            // may end and the service start again) and holds no row longer than it decides.
            List<JsonNode> due = ratings.leaseDueRetries(clock.instant(), clock.instant().plus(LEASE), BATCH);
            if (!due.isEmpty()) {
                service.retry(due);
            }
        } catch (RuntimeException e) {
            log.warn("Retrying failed make-good routings did not complete; the next run tries again", e);
        }
    }
}
