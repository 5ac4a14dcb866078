package com.trafficrules.bench;

import com.trafficrules.database.TrafficDatabase;
import org.postgresql.Driver;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Where PostgreSQL's time goes, statement by statement, from {@code pg_stat_statements}: for a benchmark whose
 * service runs with {@code --traffic.embedded-db.statement-statistics=true}, read as the schema owner in the
 * {@code postgres} database, where the embedded server installs the extension.
 */
final class StatementStatistics {

    private final JdbcTemplate jdbc;

    private StatementStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static StatementStatistics of(ApplicationContext app) {
        TrafficDatabase database = app.getBean(TrafficDatabase.class);
        String url = database.jdbcUrl().replaceFirst("(//[^/]+/)[^?]*", "$1postgres");
        return new StatementStatistics(new JdbcTemplate(new SimpleDriverDataSource(new Driver(), url, database.owner().user(),
                database.owner().password())));
    }

    /** Forgets every statement counted so far: what {@link #top} shows is from here on. */
    void reset() {
        jdbc.query("select pg_stat_statements_reset()", row -> {
        });
    }

    /** The {@code limit} statements that took PostgreSQL longest since {@link #reset}, as a table, per {@code unit}. */
    String top(int limit, long units, String unit) {
        StringBuilder table = new StringBuilder("| statement (start) | calls a %1$s | ms a call | ms a %1$s | rows a call |\n|---|---|---|---|---|\n"
                .formatted(unit));
        jdbc.query("""
                        select left(regexp_replace(query, '\\s+', ' ', 'g'), 110), calls, total_exec_time, rows
                          from pg_stat_statements where query not like '%pg_stat_statements%' and query not like '%pg_locks%'
                         order by total_exec_time desc limit ?""",
                row -> {
                    long calls = row.getLong(2);
                    double millis = row.getDouble(3);
                    table.append("| `%s…` | %.1f | %.2f | %.1f | %.0f |\n".formatted(row.getString(1).replace("|", "\\|").replace("`", "'"),
                            (double) calls / units, millis / calls, millis / units, (double) row.getLong(4) / calls));
                }, limit);
        return table.toString();
    }
}
