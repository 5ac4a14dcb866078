package com.trafficrules.ruleset;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bounds of one check worker (a proposal's checks or an impact preview, in a JVM of their own).
 *
 * @param heapMb    the worker's heap; a proposal that needs more is rejected as out of memory
 * @param wallClock how long one job may take from the moment it is handed over
 * @param cpu       how much CPU time one job may use (all the worker's threads together)
 * @param warmUp    how long a pre-started worker may take to start and warm up before it is given up
 * @param prestart  keep one worker started and warmed up, so a proposal does not wait for a JVM to start
 * @param workers   how many workers may run at once; a check or preview past that is answered 503
 */
@ConfigurationProperties("traffic.rules.check")
record CheckLimits(@DefaultValue("384") int heapMb, @DefaultValue("20s") Duration wallClock,
                   @DefaultValue("20s") Duration cpu, @DefaultValue("60s") Duration warmUp,
                   @DefaultValue("true") boolean prestart, @DefaultValue("2") int workers) {
}
