package com.trafficrules.fill.asset;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The whole asset library at one moment: ready assets in uri order, and the members of each cooldown group. */
public final class AssetLibrary {

    public static final AssetLibrary EMPTY = new AssetLibrary(List.of());

    private final List<LibraryAsset> readyByUri;
    private final Map<UUID, LibraryAsset> ready = new HashMap<>();
    private final Map<String, List<UUID>> groups;

    public AssetLibrary(Collection<LibraryAsset> assets) {
        readyByUri = assets.stream().filter(LibraryAsset::isReady).sorted(Comparator.comparing(LibraryAsset::uri)).toList();
        readyByUri.forEach(asset -> ready.put(asset.uuid(), asset));
        // A group's clock is shared by all its members, pulled ones included: a pulled sibling's play still counts.
        groups = assets.stream().filter(asset -> asset.cooldownGroup() != null).collect(Collectors.groupingBy(
                LibraryAsset::cooldownGroup, Collectors.mapping(LibraryAsset::uuid, Collectors.toList())));
    }

    public List<LibraryAsset> readyByUri() {
        return readyByUri;
    }

    /** The ready asset with this uuid, or null when there is none (deleted or pulled). */
    public LibraryAsset ready(UUID uuid) {
        return ready.get(uuid);
    }

    /** The assets whose plays start this asset's cooldown clock: its group's members, else itself. */
    public List<UUID> sharingCooldownWith(LibraryAsset asset) {
        return asset.cooldownGroup() == null ? List.of(asset.uuid()) : groups.get(asset.cooldownGroup());
    }
}
