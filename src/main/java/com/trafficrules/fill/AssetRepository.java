package com.trafficrules.fill;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface AssetRepository extends JpaRepository<Asset, UUID> {

    List<Asset> findByUriIn(Collection<String> uris);

    List<Asset> findAllByOrderByUri();
}
