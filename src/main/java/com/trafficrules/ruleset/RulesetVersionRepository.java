package com.trafficrules.ruleset;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RulesetVersionRepository extends JpaRepository<RulesetVersion, Long> {

    Optional<RulesetVersion> findByStatus(RulesetStatus status);

    Optional<RulesetVersion> findFirstByHashAndStatusNotOrderByIdDesc(String hash, RulesetStatus excluded);

    List<RulesetVersion> findAllByOrderByIdDesc();

    @EntityGraph(attributePaths = "files")
    Optional<RulesetVersion> findWithFilesById(long id);
}
