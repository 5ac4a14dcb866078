package com.trafficrules.fill.playlog;

import com.trafficrules.fill.asset.Asset;
import com.trafficrules.fill.asset.AssetRepository;
import com.trafficrules.policy.ChannelSlug;
import com.trafficrules.web.RequestChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A channel's play log over HTTP: plays made outside the fill path, and what aired when. */
@RestController
@RequestMapping("/api/v1/channels/{slug}")
class PlayController {

    private final PlayLog playLog;
    private final AssetRepository assets;

    PlayController(PlayLog playLog, AssetRepository assets) {
        this.playLog = playLog;
        this.assets = assets;
    }

    record PlayInput(String assetUri, String playedAt, String blockId, Integer breakIndex) {
    }

    record PlaysRequest(List<PlayInput> plays) {
        PlaysRequest {
            plays = plays == null ? List.of() : plays;
        }
    }

    record PlayView(String assetUri, UUID assetUuid, String assetType, Instant playedAt, String blockId, Integer breakIndex,
                    long durationMs) {

        static PlayView of(LoggedPlay play) {
            return new PlayView(play.assetUri(), play.assetUuid(), play.assetType(), Instant.ofEpochMilli(play.playedAtMs()),
                    play.blockId(), play.breakIndex(), play.durationMs());
        }
    }

    record PlayList(List<PlayView> plays) {
    }

    /** Plays made outside the fill path (live events, manual playout), so cooldowns and caps see them. */
    @PostMapping("/plays")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    PlayList record(@PathVariable ChannelSlug slug, @RequestBody PlaysRequest request) {
        String channel = slug.value();
        Map<String, Asset> known = assets.findByUriIn(request.plays().stream().filter(p -> p != null && p.assetUri() != null)
                .map(PlayInput::assetUri).toList()).stream().collect(Collectors.toMap(Asset::getUri, Function.identity()));
        RequestChecks checks = new RequestChecks();
        List<LoggedPlay> plays = new ArrayList<>();
        for (int i = 0; i < request.plays().size(); i++) {
            String field = "plays[" + i + "]";
            PlayInput input = request.plays().get(i);
            if (input == null) {
                checks.reject(field, "is required");
                continue;
            }
            Asset asset = null;
            if (checks.required(field + ".assetUri", input.assetUri())) {
                asset = known.get(input.assetUri());
                if (asset == null) {
                    checks.reject(field + ".assetUri", "is not a known asset: " + input.assetUri());
                }
            }
            Instant playedAt = checks.instant(field + ".playedAt", input.playedAt());
            if (asset != null && playedAt != null) {
                plays.add(new LoggedPlay(asset.getUuid(), asset.getUri(), asset.getType(), playedAt.toEpochMilli(),
                        input.breakIndex(), input.blockId(), asset.getDurationMs()));
            }
        }
        checks.throwIfAny();
        playLog.insert(channel, plays);
        return new PlayList(plays.stream().map(PlayView::of).toList());
    }

    @GetMapping("/plays")
    PlayList plays(@PathVariable ChannelSlug slug, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to) {
        RequestChecks checks = new RequestChecks();
        Instant fromInstant = from == null ? null : checks.instant("from", from);
        Instant toInstant = to == null ? null : checks.instant("to", to);
        checks.throwIfAny();
        return new PlayList(playLog.between(slug.value(), fromInstant, toInstant).stream().map(PlayView::of).toList());
    }
}
