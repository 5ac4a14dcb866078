package com.trafficrules.engine;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A stateful session for decisions taken step by step: insert and delete facts, then {@link #fire()} to
 * learn what the change caused. Matches among facts that did not change do not fire again, so each
 * fire reports only the outcomes the step itself brought about.
 */
public final class RuleWorkspace implements AutoCloseable {

    private final KieSession session;
    private final Outcomes outcomes = new Outcomes();
    private final Set<String> firedRules = new TreeSet<>();

    RuleWorkspace(KieSession session, boolean declaresOutcomes) {
        this.session = session;
        if (declaresOutcomes) {
            session.setGlobal(Outcomes.GLOBAL, outcomes);
        }
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                firedRules.add(event.getMatch().getRule().getName());
            }
        });
    }

    /** A fact in the workspace, to delete it later. */
    public static final class Handle {
        private final FactHandle factHandle;

        private Handle(FactHandle factHandle) {
            this.factHandle = factHandle;
        }
    }

    public Handle insert(Object fact) {
        return new Handle(session.insert(fact));
    }

    public void delete(Handle handle) {
        session.delete(handle.factHandle);
    }

    /** Runs the rules the changes since the last fire activated; returns what they reported. */
    public List<Object> fire() {
        session.fireAllRules();
        return outcomes.drain();
    }

    /** Every rule that fired in this workspace so far. */
    public List<String> firedRules() {
        return List.copyOf(firedRules);
    }

    @Override
    public void close() {
        session.dispose();
    }
}
