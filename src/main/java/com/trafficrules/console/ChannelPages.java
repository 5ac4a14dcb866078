package com.trafficrules.console;

import com.trafficrules.fill.asset.CooldownSharing;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Channels: each one's effective policy, and its plays of a local day drawn with the rests they start. */
@Controller
@RequestMapping("/console/channels")
class ChannelPages {

    private static final int TICKS = 8;

    private final ActiveRuleset active;
    private final PlayLog plays;
    private final CooldownSharing cooldowns;
    private final ConsoleTimes times;
    private final Clock clock;

    ChannelPages(ActiveRuleset active, PlayLog plays, CooldownSharing cooldowns, ConsoleTimes times, Clock clock) {
        this.active = active;
        this.plays = plays;
        this.cooldowns = cooldowns;
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
        Map<UUID, CooldownSharing.Sharing> sharing = cooldowns.of(ofTheDay.stream().map(LoggedPlay::assetUuid).distinct().toList());
        List<Lane> lanes = lanes(ofTheDay, sharing);
        model.addAttribute("policy", policy);
        model.addAttribute("day", shown);
        model.addAttribute("previousDay", shown.minusDays(1));
        model.addAttribute("nextDay", shown.plusDays(1));
        model.addAttribute("plays", ofTheDay.stream().map(play -> new PlayRow(Instant.ofEpochMilli(play.playedAtMs()), play)).toList());
        model.addAttribute("lanes", lanes);
        model.addAttribute("timeline", ofTheDay.isEmpty() ? null
                : Timeline.of(from, to, items(ofTheDay, sharing, lanes, policy), TICKS, instant -> times.clock(instant, slug.value())));
        return "console/channel";
    }

    /** A play with its air time as an instant, for the page to show on the channel's clock. */
    record PlayRow(Instant playedAt, LoggedPlay play) {
    }

    /**
     * The plays that share one rest, as the cooldown rule keys them: a cooldown group's, else one asset's. Its
     * {@code label} names the group, or the asset.
     */
    record Lane(String key, String label) {
    }

    /** One lane per cooldown key, in label order. */
    private static List<Lane> lanes(List<LoggedPlay> plays, Map<UUID, CooldownSharing.Sharing> sharing) {
        Map<String, Lane> lanes = new TreeMap<>();
        for (LoggedPlay play : plays) {
            CooldownSharing.Sharing shared = sharingOf(play, sharing);
            String key = shared.key(play.assetUri());
            lanes.put(key, new Lane(key, shared.group() != null ? "group " + shared.group() : play.assetUri()));
        }
        return lanes.values().stream().sorted(Comparator.comparing(Lane::label)).toList();
    }

    /** An asset deleted since its play (its plays go with it) rests alone, for its own type. */
    private static CooldownSharing.Sharing sharingOf(LoggedPlay play, Map<UUID, CooldownSharing.Sharing> sharing) {
        return sharing.getOrDefault(play.assetUuid(), new CooldownSharing.Sharing(null, List.of(play.assetType())));
    }

    /**
     * Each play, and after it the rest it starts in its lane: every asset sharing its key fills no break before the
     * rest of its own type ends (its type's cooldown, else the channel's default; none when 0). A group whose members'
     * types rest differently gets the longest band, the hover text telling each type's end.
     */
    private List<Timeline.Item> items(List<LoggedPlay> plays, Map<UUID, CooldownSharing.Sharing> sharing, List<Lane> lanes,
                                      ChannelPolicy policy) {
        Map<String, Integer> laneOf = new HashMap<>();
        lanes.forEach(lane -> laneOf.put(lane.key(), laneOf.size()));
        List<Timeline.Item> items = new ArrayList<>();
        for (LoggedPlay play : plays) {
            Instant at = Instant.ofEpochMilli(play.playedAtMs());
            CooldownSharing.Sharing shared = sharingOf(play, sharing);
            int lane = laneOf.get(shared.key(play.assetUri()));
            Map<String, Long> restByType = new TreeMap<>();
            shared.types().forEach(type -> restByType.put(type, policy.traffic().cooldownSeconds(type)));
            restByType.values().removeIf(seconds -> seconds <= 0);
            if (!restByType.isEmpty()) {
                long longest = Collections.max(restByType.values());
                items.add(new Timeline.Item(at, longest * 1000, lane, "cooldown",
                        restTitle(play, shared, restByType, at, policy.channel())));
            }
            items.add(new Timeline.Item(at, play.durationMs(), lane, play.assetType(),
                    play.assetUri() + " (" + play.assetType() + ") at " + times.clock(at, policy.channel()) + ", "
                            + play.durationMs() + " ms, block " + play.blockId()));
        }
        return items;
    }

    /** E.g. "group jingles rests after /ids/a.mp4: its promo members until 20:30:00, its station_id members until 21:00:00". */
    private String restTitle(LoggedPlay play, CooldownSharing.Sharing shared, Map<String, Long> restByType, Instant at,
                             String channel) {
        if (shared.group() == null) {
            return play.assetUri() + " rests until " + times.clock(at.plusSeconds(restByType.values().iterator().next()), channel);
        }
        String who = "group " + shared.group() + " rests after " + play.assetUri();
        if (new HashSet<>(restByType.values()).size() == 1) {
            return who + ": no member fills a break until "
                    + times.clock(at.plusSeconds(restByType.values().iterator().next()), channel);
        }
        List<String> ends = new ArrayList<>();
        restByType.forEach((type, seconds) -> ends.add("its " + type + " members until " + times.clock(at.plusSeconds(seconds), channel)));
        return who + ": " + String.join(", ", ends);
    }
}
