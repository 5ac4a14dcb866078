package com.trafficrules.console;

import com.trafficrules.fill.playlog.LoggedPlay;
import com.trafficrules.fill.playlog.PlayLog;
import com.trafficrules.kernel.ActiveRuleset;
import com.trafficrules.policy.ChannelPolicies;
import com.trafficrules.policy.ChannelPolicy;
import com.trafficrules.policy.ChannelSlug;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Channels: each one's effective policy, and its plays of a local day drawn with the cooldowns they start. */
@Controller
@RequestMapping("/console/channels")
class ChannelPages {

    private static final int TICKS = 8;

    private final ActiveRuleset active;
    private final PlayLog plays;
    private final ConsoleTimes times;
    private final Clock clock;

    ChannelPages(ActiveRuleset active, PlayLog plays, ConsoleTimes times, Clock clock) {
        this.active = active;
        this.plays = plays;
        this.times = times;
        this.clock = clock;
    }

    @GetMapping
    String list(Model model) {
        ChannelPolicies policies = ChannelPolicies.of(active.current());
        model.addAttribute("channels", policies.configuredChannels().stream().map(policies::forChannel).toList());
        return "console/channels";
    }

    /** {@code day} is a date on the channel's clock; by default the day of its latest play, else today. */
    @GetMapping("/{slug}")
    String channel(@PathVariable ChannelSlug slug, @RequestParam(required = false) LocalDate day, Model model) {
        ChannelPolicy policy = ChannelPolicies.of(active.current()).forChannel(slug.value());
        ZoneId zone = policy.zone();
        LocalDate shown = day != null ? day
                : plays.latestPlayedAt(slug.value()).orElse(clock.instant()).atZone(zone).toLocalDate();
        Instant from = shown.atStartOfDay(zone).toInstant();
        Instant to = shown.plusDays(1).atStartOfDay(zone).toInstant();
        List<LoggedPlay> ofTheDay = plays.between(slug.value(), from, to);
        model.addAttribute("policy", policy);
        model.addAttribute("day", shown);
        model.addAttribute("previousDay", shown.minusDays(1));
        model.addAttribute("nextDay", shown.plusDays(1));
        model.addAttribute("plays", ofTheDay.stream().map(play -> new PlayRow(Instant.ofEpochMilli(play.playedAtMs()), play)).toList());
        model.addAttribute("lanes", lanes(ofTheDay));
        model.addAttribute("timeline", ofTheDay.isEmpty() ? null
                : Timeline.of(from, to, items(ofTheDay, policy), TICKS, instant -> times.clock(instant, slug.value())));
        return "console/channel";
    }

    /** A play with its air time as an instant, for the page to show on the channel's clock. */
    record PlayRow(Instant playedAt, LoggedPlay play) {
    }

    /** One lane per asset, in uri order. */
    private static Map<String, Integer> lanes(List<LoggedPlay> plays) {
        Map<String, Integer> lanes = new LinkedHashMap<>();
        new TreeSet<>(plays.stream().map(LoggedPlay::assetUri).toList()).forEach(uri -> lanes.put(uri, lanes.size()));
        return lanes;
    }

    /**
     * Each play, and after it the cooldown it starts (its type's, else the channel's default; none when 0) in the
     * same lane: the asset may not fill a break again before that window ends.
     */
    private List<Timeline.Item> items(List<LoggedPlay> plays, ChannelPolicy policy) {
        Map<String, Integer> lanes = lanes(plays);
        List<Timeline.Item> items = new ArrayList<>();
        for (LoggedPlay play : plays) {
            Instant at = Instant.ofEpochMilli(play.playedAtMs());
            int lane = lanes.get(play.assetUri());
            long cooldownSeconds = policy.traffic().typeCooldowns().getOrDefault(play.assetType(),
                    policy.traffic().defaultCooldownSeconds());
            if (cooldownSeconds > 0) {
                Instant until = at.plusSeconds(cooldownSeconds);
                items.add(new Timeline.Item(at, cooldownSeconds * 1000, lane, "cooldown", "cooldown",
                        play.assetUri() + " cools down until " + times.clock(until, policy.channel())));
            }
            items.add(new Timeline.Item(at, play.durationMs(), lane, play.assetType(), play.assetType(),
                    play.assetUri() + " (" + play.assetType() + ") at " + times.clock(at, policy.channel()) + ", "
                            + play.durationMs() + " ms, block " + play.blockId()));
        }
        return items;
    }
}
