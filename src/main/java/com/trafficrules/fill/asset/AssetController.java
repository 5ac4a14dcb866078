package com.trafficrules.fill.asset;

import com.trafficrules.policy.InterstitialType;
import com.trafficrules.web.DurationMs;
import com.trafficrules.web.NotFoundException;
import com.trafficrules.web.RequestChecks;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The interstitial library fills choose from; deleting an asset deletes its play history too. */
@RestController
@RequestMapping("/api/v1/assets")
class AssetController {

    private final AssetRepository assets;

    AssetController(AssetRepository assets) {
        this.assets = assets;
    }

    record AssetInput(@NotBlank String uri, @NotNull @DurationMs Long durationMs, @NotNull InterstitialType type,
                      String title, AssetState state, String cooldownGroup, String billingCode) {
    }

    record AssetsRequest(List<@NotNull @Valid AssetInput> assets) {
        AssetsRequest {
            assets = assets == null ? List.of() : assets;
        }
    }

    record AssetView(UUID uuid, String uri, long durationMs, String type, String title, String state, String cooldownGroup,
                     String billingCode) {

        static AssetView of(Asset asset) {
            return new AssetView(asset.getUuid(), asset.getUri(), asset.getDurationMs(), asset.getType(), asset.getTitle(),
                    asset.getState(), asset.getCooldownGroup(), asset.getBillingCode());
        }
    }

    record AssetList(List<AssetView> assets) {
    }

    @PutMapping
    @Transactional
    AssetList upsert(@RequestBody AssetsRequest request) {
        RequestChecks checks = RequestChecks.of(request);
        Set<String> seen = new HashSet<>();
        checks.each("assets", request.assets(), (field, input) -> {
            if (checks.ok(field + ".uri") && !seen.add(input.uri())) {
                checks.reject(field + ".uri", "appears twice in this request");
            }
        });
        checks.throwIfAny();
        Map<String, Asset> existing = assets.findByUriIn(seen).stream()
                .collect(Collectors.toMap(Asset::getUri, Function.identity()));
        List<Asset> saved = request.assets().stream().map(input -> {
            Asset asset = existing.getOrDefault(input.uri(), new Asset(input.uri()));
            asset.update(input.title(), input.type().spelling(), input.durationMs(),
                    (input.state() == null ? AssetState.READY : input.state()).spelling(), input.cooldownGroup(),
                    input.billingCode() == null || input.billingCode().isBlank() ? null : input.billingCode().trim());
            return assets.save(asset);
        }).toList();
        return new AssetList(saved.stream().map(AssetView::of).toList());
    }

    @GetMapping
    AssetList list() {
        return new AssetList(assets.findAllByOrderByUri().stream().map(AssetView::of).toList());
    }

    @DeleteMapping("/{uuid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable UUID uuid) {
        Asset asset = assets.findById(uuid).orElseThrow(() -> new NotFoundException("No asset " + uuid));
        assets.delete(asset);
    }
}
