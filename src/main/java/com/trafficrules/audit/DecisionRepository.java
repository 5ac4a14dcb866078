package com.trafficrules.audit;

import com.trafficrules.kernel.StoredDecision;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface DecisionRepository extends JpaRepository<Decision, UUID>, JpaSpecificationExecutor<Decision> {

    @Query("select new com.trafficrules.kernel.StoredDecision(d.id, d.kind, d.channel, d.createdAt, d.request) from Decision d "
            + "where d.kind in :kinds and d.createdAt >= :since order by d.createdAt desc, d.id desc")
    List<StoredDecision> findRecent(Collection<String> kinds, Instant since, Pageable page);
}
