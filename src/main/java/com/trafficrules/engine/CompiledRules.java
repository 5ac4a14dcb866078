package com.trafficrules.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.drools.core.impl.InternalRuleBase;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

/**
 * A compiled ruleset: one KieBase per job folder under {@code rules/} (rotation, fill, ...), so a
 * job's facts never meet another job's rules.
 */
public final class CompiledRules {

    private static final int POOLED_SESSIONS = 4;

    private final Map<String, KieBase> kieBasesByJob;
    /** Reset sessions to reuse: a fresh session per request would allocate the whole network's memories again. */
    private final Map<String, KieSessionsPool> sessionPools = new ConcurrentHashMap<>();
    /** Per job, whether its rules' patterns read facts of a class. */
    private final Map<String, Map<Class<?>, Boolean>> readClasses = new ConcurrentHashMap<>();

    CompiledRules(Map<String, KieBase> kieBasesByJob) {
        this.kieBasesByJob = Map.copyOf(kieBasesByJob);
    }

    /** Runs {@code job}'s rules over {@code facts} in a short-lived stateless session. */
    public Evaluation evaluate(String job, Collection<?> facts) {
        Outcomes outcomes = new Outcomes();
        KieBase kieBase = kieBasesByJob.get(job);
        if (kieBase == null) {
            return new Evaluation(outcomes, List.of());
        }
        StatelessKieSession session = sessionPools.computeIfAbsent(job, name -> kieBase.newKieSessionsPool(POOLED_SESSIONS))
                .newStatelessKieSession();
        if (declaresOutcomes(kieBase)) {
            session.setGlobal(Outcomes.GLOBAL, outcomes);
        }
        TreeSet<String> fired = new TreeSet<>();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(event.getMatch().getRule().getName());
            }
        });
        session.execute(new ArrayList<>(facts));
        return new Evaluation(outcomes, List.copyOf(fired));
    }

    /**
     * Whether some pattern of {@code job}'s rules reads facts of {@code factType}. A job asks before building a
     * kind of fact that only earlier versions of its rules read: inserting a fact no pattern reads costs as
     * much as inserting one that is matched.
     */
    public boolean reads(String job, Class<?> factType) {
        KieBase kieBase = kieBasesByJob.get(job);
        if (kieBase == null) {
            return false;
        }
        return readClasses.computeIfAbsent(job, name -> new ConcurrentHashMap<>()).computeIfAbsent(factType,
                type -> ((InternalRuleBase) kieBase).getRete().getObjectTypeNodes().stream()
                        .anyMatch(node -> node.getObjectType().isAssignableFrom(type)));
    }

    /** A stateful workspace for {@code job}, for decisions made step by step (e.g. building a rotation). */
    public RuleWorkspace openWorkspace(String job) {
        KieBase kieBase = kieBasesByJob.get(job);
        if (kieBase == null) {
            throw new IllegalStateException("The ruleset has no rules for " + job);
        }
        return new RuleWorkspace(kieBase.newKieSession(), declaresOutcomes(kieBase));
    }

    private static boolean declaresOutcomes(KieBase kieBase) {
        return kieBase.getKiePackages().stream()
                .anyMatch(pkg -> pkg.getGlobalVariables().stream().anyMatch(g -> g.getName().equals(Outcomes.GLOBAL)));
    }

    public Collection<String> jobs() {
        return kieBasesByJob.keySet();
    }
}
