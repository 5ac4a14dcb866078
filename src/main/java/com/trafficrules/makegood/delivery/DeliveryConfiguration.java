package com.trafficrules.makegood.delivery;

import com.trafficrules.makegood.order.Cancellations;
import com.trafficrules.makegood.order.OrderStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/** Delivery of make-good orders, all of it present only when the traffic system's address is configured. */
@Configuration(proxyBeanMethods = false)
@Conditional(DeliveryConfiguration.AddressConfigured.class)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

    static final String NAME = "traffic-system";

    static final class AddressConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(DeliveryProperties.url(context.getEnvironment()));
        }
    }

    @Bean
    TrafficSystem trafficSystem(DeliveryProperties settings, Environment environment) {
        return new TrafficSystem(DeliveryProperties.uri(DeliveryProperties.url(environment)), settings.connectTimeout(),
                settings.requestTimeout());
    }

    /** The breaker in front of the traffic system: only failed calls count against it, a refused order does not. */
    @Bean
    CircuitBreaker trafficSystemBreaker(DeliveryProperties settings) {
        DeliveryProperties.Breaker breaker = settings.breaker();
        return CircuitBreaker.of(NAME, CircuitBreakerConfig.custom()
                .slidingWindow(breaker.window(), breaker.minimumCalls(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(breaker.failureRatePercent())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
                .recordExceptions(OrderDelivery.Failed.class)
                .ignoreExceptions(OrderDelivery.Stopped.class)
                .build());
    }

    /** One round of sending: failed calls only are tried again, after an exponential backoff with jitter. */
    @Bean
    Retry trafficSystemRetry(DeliveryProperties settings) {
        DeliveryProperties.Retry retry = settings.retry();
        return Retry.of(NAME, RetryConfig.custom()
                .maxAttempts(retry.attempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(retry.firstBackoff(), retry.multiplier(), retry.jitter(),
                        retry.maxBackoff()))
                .retryOnException(OrderDelivery.Failed.class::isInstance)
                .build());
    }

    @Bean
    OrderDelivery orderDelivery(JdbcTemplate jdbc, OrderStore orders, Cancellations cancellations, TrafficSystem trafficSystem,
                                Retry trafficSystemRetry, CircuitBreaker trafficSystemBreaker, TransactionTemplate transactions,
                                Clock clock, MeterRegistry meters, DeliveryProperties settings) {
        return new OrderDelivery(new OutboxStore(jdbc), orders, cancellations, trafficSystem, trafficSystemRetry, trafficSystemBreaker,
                transactions, clock, meters, settings);
    }
}
