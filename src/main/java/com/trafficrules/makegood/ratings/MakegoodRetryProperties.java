package com.trafficrules.makegood.ratings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service tries a failed routing again ({@code traffic.makegood.routing-retry.*}).
 *
 * @param firstDelay how long after the first failure the second attempt is due; each later one waits twice as long
 * @param every      how often due attempts are looked for
 */
@ConfigurationProperties("traffic.makegood.routing-retry")
record MakegoodRetryProperties(@DefaultValue("1m") Duration firstDelay, @DefaultValue("10s") Duration every) {
}
