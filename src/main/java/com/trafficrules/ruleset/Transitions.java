package com.trafficrules.ruleset;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every status change of a ruleset version needs inside its transaction: the one lock that serialises
 * them across replicas, and the actor the schema's trigger records in ruleset_event.
 */
final class Transitions {

    private static final long LOCK = 0x7472_6166_6669_6301L;

    private Transitions() {
    }

    /** Takes the transition lock (released at commit) and names who acts, for the event rows. */
    static void begin(JdbcTemplate jdbc, String actor) {
        jdbc.query("select pg_advisory_xact_lock(?)", rows -> { }, LOCK);
        jdbc.queryForObject("select set_config('traffic.actor', ?, true)", String.class, actor);
    }
}
