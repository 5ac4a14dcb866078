package com.trafficrules.fill.asset;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AssetRepository extends JpaRepository<Asset, UUID> {

    List<Asset> findByUriIn(Collection<String> uris);

    List<Asset> findAllByOrderByUri();
}
