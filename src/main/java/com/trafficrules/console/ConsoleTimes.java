package com.trafficrules.console;

import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.web.Times;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Instants as a person on a channel reads them: in the channel's timezone (UTC where there is no channel), with
 * the UTC instant beside it for the hover. Templates call it as {@code @times}.
 */
@Component("times")
public class ConsoleTimes {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** UTC as a region, so that it is written "UTC" (ZoneOffset.UTC writes itself "Z"). */
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final ActiveRuleset active;

    ConsoleTimes(ActiveRuleset active) {
        this.active = active;
    }

    /** The channel's timezone in the active version's policy; UTC for no channel. */
    public ZoneId zoneOf(String channel) {
        if (channel == null || channel.isBlank()) {
            return UTC;
        }
        return ChannelPolicies.of(active.current()).forChannel(channel).zone();
    }

    /** E.g. {@code 2026-11-20 15:12:00 EST} on retro-prime. */
    public String local(Instant instant, String channel) {
        return instant == null ? "" : LOCAL.format(instant.atZone(zoneOf(channel)));
    }

    /** The time of day only, on the channel's clock. */
    public String clock(Instant instant, String channel) {
        return instant == null ? "" : CLOCK.format(instant.atZone(zoneOf(channel)));
    }

    /** As the API writes it: {@code 2026-11-20T20:12:00.000Z}. */
    public String utc(Instant instant) {
        return instant == null ? "" : Times.format(instant);
    }
}
