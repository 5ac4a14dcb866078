package com.trafficrules.kernel;

import com.trafficrules.engine.RulesetFiles;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/** The jobs one process runs, with what they add up to: every config, scenario kind and replay. */
public record JobCatalog(List<Job> jobs) {

    public JobCatalog {
        jobs = jobs.stream().sorted(Comparator.comparing(Job::name)).toList();
    }

    public List<RulesetConfig<?>> configs() {
        return jobs.stream().flatMap(job -> job.configs().stream()).toList();
    }

    public List<ScenarioKind> scenarioKinds(JsonMapper json) {
        return jobs.stream().flatMap(job -> job.scenarioKinds(json).stream()).toList();
    }

    public List<DecisionReplay> replays(JsonMapper json) {
        return jobs.stream().flatMap(job -> job.replays(json).stream()).toList();
    }

    /** The decision kinds the impact preview can replay, in name order. */
    public SortedSet<String> replayKinds(JsonMapper json) {
        return replays(json).stream().map(DecisionReplay::kind).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Compiles a version's files with every job's configs. */
    public Ruleset compile(RulesetRef ref, RulesetFiles files) {
        return Ruleset.compile(ref, files, configs());
    }
}
