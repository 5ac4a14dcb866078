package com.trafficrules.fill.playlog;

import com.trafficrules.fill.asset.Asset;
import com.trafficrules.fill.asset.AssetRepository;
import com.trafficrules.policy.ChannelSlug;
import com.trafficrules.web.RequestChecks;
import com.trafficrules.web.Times;
import com.trafficrules.web.Timestamp;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    record PlayInput(@NotBlank String assetUri, @NotBlank @Timestamp String playedAt, String blockId, Integer breakIndex) {
    }

    record PlaysRequest(List<@NotNull @Valid PlayInput> plays) {
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
        RequestChecks checks = RequestChecks.of(request);
        List<String> uris = request.plays().stream().map(PlayInput::assetUri).filter(Objects::nonNull).toList();
        Map<String, Asset> known = assets.findByUriIn(uris).stream().collect(Collectors.toMap(Asset::getUri, Function.identity()));
        checks.each("plays", request.plays(), (field, input) -> {
            if (checks.ok(field + ".assetUri") && !known.containsKey(input.assetUri())) {
                checks.reject(field + ".assetUri", "is not a known asset: " + input.assetUri());
            }
        });
        checks.throwIfAny();
        List<LoggedPlay> plays = request.plays().stream().map(input -> {
            Asset asset = known.get(input.assetUri());
            return new LoggedPlay(asset.getUuid(), asset.getUri(), asset.getType(),
                    Times.parseWithOffset(input.playedAt()).toEpochMilli(), input.breakIndex(), input.blockId(),
                    asset.getDurationMs());
        }).toList();
        playLog.insert(channel, plays);
        return new PlayList(plays.stream().map(PlayView::of).toList());
    }

    @GetMapping("/plays")
    PlayList plays(@PathVariable ChannelSlug slug, @RequestParam(required = false) @Timestamp String from,
                   @RequestParam(required = false) @Timestamp String to) {
        return new PlayList(playLog.between(slug.value(), Times.parseOptional(from), Times.parseOptional(to)).stream()
                .map(PlayView::of).toList());
    }
}
