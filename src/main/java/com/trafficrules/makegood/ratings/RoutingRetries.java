package com.trafficrules.makegood.ratings;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Tries the make-goods whose routing failed again once their back-off is over: inventory may have been added
 * since. Each run takes the due payloads with their rows locked (skipping rows another replica is trying), so
 * each is tried once per due time whichever replica finds it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(MakegoodRetryProperties.class)
class RoutingRetries {

    private static final Logger log = LoggerFactory.getLogger(RoutingRetries.class);
    private static final int BATCH = 100;

    private final RatingStore ratings;
    private final RatingsService service;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RoutingRetries(RatingStore ratings, RatingsService service, TransactionTemplate transactions, Clock clock) {
        this.ratings = ratings;
        this.service = service;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${traffic.makegood.routing-retry.every:10s}", initialDelayString = "${traffic.makegood.routing-retry.every:10s}")
    void retryDue() {
        try {
            // The payloads' rows stay locked by the retry's own transaction: the batch below joins it.
            transactions.executeWithoutResult(status -> {
                List<JsonNode> due = ratings.dueRetries(clock.instant(), BATCH);
                if (!due.isEmpty()) {
                    service.retry(due);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Retrying failed make-good routings did not complete; the next run tries again", e);
        }
    }
}
