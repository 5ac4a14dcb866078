package com.trafficrules.makegood.avail;

import com.trafficrules.database.InstantArrays;
import com.trafficrules.makegood.facts.AvailOption;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Future inventory in PostgreSQL. Routing reads avails without holding anything, then holds the markets it routes
 * in (see {@link #lockMarkets}), reads again the avails it read and reserves against them as they then stand, so
 * of two make-goods racing for an avail's last 30 s exactly one wins, whichever replica each runs on. Product codes
 * are kept sorted and distinct, so "still as it was" is equality.
 */
@Repository
public class AvailStore {

    private static final String OPTION_COLUMNS = "id, market, program_id, start_at, duration_ms, remaining_ms, estimated_grps, product_codes";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AvailStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An avail as the traffic system books it. */
    public record Booked(String id, String market, String programId, Instant start, long durationMs, long remainingMs,
                         double estimatedGrps, List<String> productCodes) {
    }

    /** What a make-good took of an avail. */
    public record Reservation(String orderId, String availId, Instant start, long durationMs, List<String> productCodes) {
    }

    /** An avail as it stands: what the traffic system booked and what make-goods reserved since. */
    public record Avail(String id, String market, String programId, Instant start, long durationMs, long remainingMs,
                        double estimatedGrps, List<String> productCodes, List<Reservation> reservations) {
    }

    /**
     * Writes what the traffic system says of each avail; what make-goods reserved there stays reserved (room
     * is the booked room less the reservations, never below 0; codes are the booked ones and the reserved ones).
     */
    public void upsert(Collection<Booked> avails) {
        Instant now = clock.instant();
        lockMarkets(avails.stream().map(Booked::market).toList());
        jdbc.batchUpdate("""
                insert into avail (id, market, program_id, start_at, duration_ms, booked_remaining_ms, booked_product_codes,
                                   remaining_ms, product_codes, estimated_grps, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set market = excluded.market, program_id = excluded.program_id,
                    start_at = excluded.start_at, duration_ms = excluded.duration_ms,
                    booked_remaining_ms = excluded.booked_remaining_ms, booked_product_codes = excluded.booked_product_codes,
                    estimated_grps = excluded.estimated_grps, updated_at = excluded.updated_at,
                    remaining_ms = greatest(0, excluded.booked_remaining_ms - (
                        select coalesce(sum(r.duration_ms), 0) from makegood_reservation r
                         where r.avail_id = excluded.id and r.released_at is null)),
                    product_codes = array(
                        select distinct c from unnest(excluded.booked_product_codes || array(
                            select unnest(r.product_codes) from makegood_reservation r
                             where r.avail_id = excluded.id and r.released_at is null)) c order by c)
                """, avails, 500, (statement, avail) -> {
            String[] codes = sorted(avail.productCodes());
            statement.setString(1, avail.id());
            statement.setString(2, avail.market());
            statement.setString(3, avail.programId());
            statement.setTimestamp(4, Timestamp.from(avail.start()));
            statement.setLong(5, avail.durationMs());
            statement.setLong(6, avail.remainingMs());
            statement.setArray(7, statement.getConnection().createArrayOf("text", codes));
            statement.setLong(8, avail.remainingMs());
            statement.setArray(9, statement.getConnection().createArrayOf("text", codes));
            statement.setDouble(10, avail.estimatedGrps());
            statement.setTimestamp(11, Timestamp.from(now));
        });
    }

    /** The avails of a market (all markets when null) starting in {@code [from, to)}, by start, with their reservations. */
    public List<Avail> list(String market, Instant from, Instant to) {
        return withReservations(jdbc.query("select " + OPTION_COLUMNS + " from avail where (?::text is null or market = ?)"
                        + " and start_at >= ? and start_at < ? order by start_at, id",
                (row, n) -> option(row), market, market, Timestamp.from(from), Timestamp.from(to)));
    }

    /** These avails as they stand, by start. */
    public List<Avail> byIds(Collection<String> ids) {
        return withReservations(jdbc.query("select " + OPTION_COLUMNS + " from avail where id = any(?) order by start_at, id",
                (row, n) -> option(row), (Object) ids.toArray(String[]::new)));
    }

    private List<Avail> withReservations(List<AvailOption> options) {
        Map<String, List<Reservation>> reservations = new HashMap<>();
        if (!options.isEmpty()) {
            jdbc.query("""
                    select avail_id, order_id, start_at, duration_ms, product_codes from makegood_reservation
                     where avail_id = any(?) and released_at is null order by start_at, order_id""", row -> {
                reservations.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(new Reservation(row.getString(2),
                        row.getString(1), row.getTimestamp(3).toInstant(), row.getLong(4), codes(row.getArray(5))));
            }, (Object) options.stream().map(AvailOption::availId).toArray(String[]::new));
        }
        return options.stream().map(o -> new Avail(o.availId(), o.market(), o.programId(), Instant.ofEpochMilli(o.startMs()),
                o.durationMs(), o.remainingMs(), o.estimatedGrps(), o.productCodes(),
                reservations.getOrDefault(o.availId(), List.of()))).toList();
    }

    /**
     * Holds the markets for this transaction, in name order. Whatever changes avails (routing, cancelling, booking)
     * holds their markets first, so make-goods of one market are routed one batch at a time against what the last
     * one left, and two writers never wait on each other's avail rows in a circle.
     */
    public void lockMarkets(Collection<String> markets) {
        if (markets.isEmpty()) {
            return;
        }
        jdbc.query("select pg_advisory_xact_lock(hashtextextended('avail-market:' || m, 0))"
                + " from (select distinct m from unnest(?::text[]) m order by m) held", row -> {
        }, (Object) markets.toArray(String[]::new));
    }

    /** An avail as a routing holding its market sees it: as it stands, and the room the traffic system booked (where reservations start). */
    public record Held(AvailOption avail, long bookedRemainingMs) {
    }

    /** These avails as they stand; the caller holds their markets. */
    public List<Held> current(Collection<String> ids) {
        return jdbc.query("select " + OPTION_COLUMNS + ", booked_remaining_ms from avail where id = any(?)",
                (row, n) -> new Held(option(row), row.getLong("booked_remaining_ms")), (Object) ids.toArray(String[]::new));
    }

    /** Writes the room and product codes that reservations left these avails with; the caller holds their markets. */
    public void reserved(Collection<AvailOption> avails) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.batchUpdate("update avail set remaining_ms = ?, product_codes = ?, updated_at = ? where id = ?", avails, 500,
                (statement, avail) -> {
                    statement.setLong(1, avail.remainingMs());
                    statement.setArray(2, statement.getConnection().createArrayOf("text", sorted(avail.productCodes())));
                    statement.setTimestamp(3, now);
                    statement.setString(4, avail.availId());
                });
    }

    /** Where one make-good looks for avails: a market and the starts {@code (fromMs, untilMs)}. */
    public record Window(int index, String market, long fromMs, long untilMs) {
    }

    private record WindowStart(String market, long fromMs) {
    }

    /**
     * For each window (by its index), the avails starting in it, by start (then id): the {@code earliest} first
     * ones, or all when it is 0. One query, an index probe per market and window start: windows that start together
     * in a market (a batch's make-goods all look from now) differ only in their end, so each one's avails are those of
     * the widest of them that start before its end. The widest's {@code earliest} first hold every narrower one's,
     * since those are the first of its own. A call reads each avail once, not once for every make-good of its market.
     */
    public Map<Integer, List<AvailOption>> around(List<Window> windows, int earliest) {
        Map<Integer, List<AvailOption>> around = new LinkedHashMap<>();
        windows.forEach(window -> around.put(window.index(), new ArrayList<>()));
        if (windows.isEmpty()) {
            return around;
        }
        Map<WindowStart, List<Window>> together = windows.stream().collect(Collectors.groupingBy(
                window -> new WindowStart(window.market(), window.fromMs()), LinkedHashMap::new, Collectors.toList()));
        List<Window> widest = new ArrayList<>();
        together.forEach((start, itsWindows) -> widest.add(new Window(widest.size(), start.market(), start.fromMs(),
                itsWindows.stream().mapToLong(Window::untilMs).max().orElseThrow())));
        Map<Integer, List<AvailOption>> read = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    select w.idx, a.id, a.market, a.program_id, a.start_at, a.duration_ms, a.remaining_ms, a.estimated_grps,
                           a.product_codes
                      from unnest(?::int[], ?::text[], ?::timestamptz[], ?::timestamptz[]) as w(idx, market, from_at, until_at)
                      cross join lateral (select * from avail a where a.market = w.market and a.start_at > w.from_at
                                            and a.start_at < w.until_at order by a.start_at, a.id collate "C" limit nullif(?, 0)) a
                    """);
            statement.setArray(1, connection.createArrayOf("int4", widest.stream().map(Window::index).toArray()));
            statement.setArray(2, connection.createArrayOf("text", widest.stream().map(Window::market).toArray()));
            statement.setArray(3, InstantArrays.of(connection, widest.stream().map(w -> Instant.ofEpochMilli(w.fromMs())).toList()));
            statement.setArray(4, InstantArrays.of(connection,
                    widest.stream().map(w -> Instant.ofEpochMilli(w.untilMs())).toList()));
            statement.setInt(5, earliest);
            return statement;
        }, row -> {
            read.computeIfAbsent(row.getInt(1), idx -> new ArrayList<>()).add(option(row));
        });
        // SQL promises no order without an outer ORDER BY, and that one made PostgreSQL sort the rows of all windows
        // together again (about a seventh of the query's time): each probe's few rows are sorted here instead. An
        // avail's start to the millisecond is before a window's end exactly when it is to the microsecond.
        List<List<Window>> groups = List.copyOf(together.values());
        for (int group = 0; group < groups.size(); group++) {
            List<AvailOption> widestAvails = read.getOrDefault(group, new ArrayList<>());
            widestAvails.sort(AvailOption.EARLIEST);
            for (Window window : groups.get(group)) {
                widestAvails.stream().filter(avail -> avail.startMs() < window.untilMs()).forEach(around.get(window.index())::add);
            }
        }
        return around;
    }

    /** Gives back what {@code orderId} reserved: its room, and its product codes unless booked or reserved by another. */
    public void release(String orderId) {
        Instant now = clock.instant();
        lockMarkets(jdbc.queryForList("""
                select distinct a.market from makegood_reservation r join avail a on a.id = r.avail_id
                 where r.order_id = ? and r.released_at is null""", String.class, orderId));
        List<String> availIds = jdbc.queryForList("""
                update makegood_reservation set released_at = ? where order_id = ? and released_at is null returning avail_id""",
                String.class, Timestamp.from(now), orderId);
        for (String availId : availIds.stream().sorted().toList()) {
            jdbc.update("""
                    update avail a set updated_at = ?,
                        remaining_ms = least(a.booked_remaining_ms, a.remaining_ms + (
                            select r.duration_ms from makegood_reservation r where r.order_id = ? and r.avail_id = a.id)),
                        product_codes = array(
                            select distinct c from unnest(a.booked_product_codes || array(
                                select unnest(r.product_codes) from makegood_reservation r
                                 where r.avail_id = a.id and r.released_at is null)) c order by c)
                     where a.id = ?""", Timestamp.from(now), orderId, availId);
        }
    }

    /** Records where an order's make-good sits in each of its avails. */
    public void recordReservations(List<Reservation> placed) {
        jdbc.batchUpdate("""
                insert into makegood_reservation (order_id, avail_id, start_at, duration_ms, product_codes)
                values (?, ?, ?, ?, ?)""", placed, 500, (statement, reservation) -> {
            statement.setString(1, reservation.orderId());
            statement.setString(2, reservation.availId());
            statement.setTimestamp(3, Timestamp.from(reservation.start()));
            statement.setLong(4, reservation.durationMs());
            statement.setArray(5, statement.getConnection().createArrayOf("text", sorted(reservation.productCodes())));
        });
    }

    private static AvailOption option(ResultSet row) throws SQLException {
        return new AvailOption(row.getString("id"), row.getString("market"), row.getString("program_id"),
                row.getTimestamp("start_at").toInstant().toEpochMilli(), row.getLong("duration_ms"), row.getLong("remaining_ms"),
                row.getDouble("estimated_grps"), codes(row.getArray("product_codes")));
    }

    private static List<String> codes(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String[] sorted(Collection<String> codes) {
        return new TreeSet<>(codes).toArray(String[]::new);
    }

    /** Codes trimmed, sorted and each once: the form rows are compared in. */
    static List<String> normalised(List<String> codes) {
        return codes == null ? List.of() : codes.stream().map(String::trim).collect(Collectors.toCollection(TreeSet::new))
                .stream().toList();
    }
}
