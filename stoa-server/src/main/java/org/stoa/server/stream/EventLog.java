package org.stoa.server.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.stoa.server.http.Json;
import org.stoa.server.storage.DirectSql;
import org.stoa.server.storage.Rows;
import org.stoa.server.storage.Staging;
import org.stoa.server.storage.Tx;
import org.stoa.server.storage.Writer;

/**
 * Every account's durable stream of events. Appending happens inside the writer's transaction and
 * delivery to live connections after it commits, so a client never sees an event that a crash
 * could take back, and replay from the table yields exactly what was delivered. New events may
 * wait in {@code events_recent} or {@code events_recent_b} before they join {@code events}
 * ({@link Staging}); reads take all three.
 */
public final class EventLog {

    // One event for many accounts, each row at the account's new eventSeq; into the table Staging names at the time.
    private static final String INSERT_FOR_EACH = """
            INSERT INTO %s (account_id, seq, type, message_id, payload, created_at)
            SELECT column1, column2, ?, CAST(? AS BIGINT), ?, ? FROM (VALUES %s) AS v""";
    /** Rows one {@link #INSERT_FOR_EACH} takes (two parameters each), well under SQLite's limit on parameters. */
    static final int ROWS_PER_INSERT = 4_000;
    private static final String INSERT_ONE = """
            INSERT INTO %s (account_id, seq, type, message_id, payload, created_at)
            VALUES (:account, :seq, :type, NULL, :payload, :now)""";
    private static final String READ = """
            SELECT seq, type, message_id, payload FROM (
                SELECT * FROM (SELECT seq, type, message_id, payload FROM events
                    WHERE account_id = :account AND seq > :after ORDER BY seq LIMIT :limit) AS kept
                %s) AS e
            ORDER BY seq LIMIT :limit""".formatted(Staging.Table.EVENTS.recentNames().stream().map(recent -> """
                UNION ALL
                SELECT seq, type, message_id, payload FROM %s WHERE account_id = :account AND seq > :after
                    AND seq > coalesce((SELECT max(seq) FROM events WHERE account_id = :account), 0)""".formatted(recent))
            .collect(Collectors.joining("\n")));
    private static final String FIRST_KEPT = "SELECT coalesce(%s, 0)".formatted(Staging.Table.EVENTS.allNames().stream()
            .map(table -> "(SELECT min(seq) FROM " + table + " WHERE account_id = :id)").collect(Collectors.joining(", ")));

    private final Jdbi reads;
    private final StreamHub hub;
    private final Staging staging;
    private final EventCounters counters;
    private final Map<EventType, Integer> codes;
    private final Map<Integer, EventType> types;
    private volatile MessageRenderer renderer;

    private EventLog(Jdbi reads, StreamHub hub, Staging staging, Map<EventType, Integer> codes) {
        this.reads = reads;
        this.hub = hub;
        this.staging = staging;
        this.counters = EventCounters.forStaging(staging);
        this.codes = new EnumMap<>(codes);
        this.types = new HashMap<>();
        codes.forEach((type, code) -> types.put(code, type));
    }

    /**
     * The log over the database: every event type gets its row in {@code event_types} first (rows
     * store the type's small code), so appending never has to add one. New events go where
     * {@code staging} says, and it decides where the eventSeq counters are kept ({@link EventCounters}).
     */
    public static EventLog open(Jdbi reads, Writer writer, StreamHub hub, Staging staging) {
        Map<EventType, Integer> codes = writer.execute(tx -> {
            for (EventType t : EventType.values()) {
                tx.handle().createUpdate("INSERT INTO event_types (name) VALUES (:name) ON CONFLICT (name) DO NOTHING")
                        .bind("name", t.wireName()).execute();
            }
            Map<EventType, Integer> known = new EnumMap<>(EventType.class);
            for (var row : tx.handle().createQuery("SELECT name, code FROM event_types")
                    .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getInt("code"))).list()) {
                EventType.find(row.getKey()).ifPresent(t -> known.put(t, row.getValue()));
            }
            return known;
        });
        return new EventLog(reads, hub, staging, codes);
    }

    /** Wired once at start-up by the feature that owns messages. */
    public void renderMessagesWith(MessageRenderer renderer) {
        this.renderer = renderer;
    }

    /** Appends an event with {@code data} (serialized as JSON) to each account's stream. */
    public void append(Tx tx, Collection<Long> accountIds, EventType type, Object data) {
        appendBody(tx, accountIds, null, new EventBody(type, Json.write(data)));
    }

    /**
     * Appends a message event; the stored row refers to the message, {@code message} goes live,
     * serialized by the first stream that sends it rather than on the writer's thread.
     */
    public void appendMessage(Tx tx, Collection<Long> accountIds, EventType type, long messageId, Object message) {
        appendBody(tx, accountIds, messageId, EventBody.serializedOnFirstUse(type, () -> Json.write(message)));
    }

    /**
     * Appends an event to the stream of every moderator and admin, as they are in this transaction
     * (the review queue changed, say).
     */
    public void appendToStaff(Tx tx, EventType type, Object data) {
        String json = Json.write(data);
        List<Long> staff = tx.handle().createQuery("SELECT id FROM accounts WHERE role <> 'user'").mapTo(Long.class).list();
        insert(tx, counters.next(tx, staff), type, account -> json);
    }

    /**
     * Appends an event to each account's stream with data of its own ({@code dataByAccount}: account
     * id to data), in a fixed number of statements however many accounts: a move card to each of
     * 1,400 contacts, say.
     */
    public void appendEach(Tx tx, EventType type, Map<Long, ?> dataByAccount) {
        if (dataByAccount.isEmpty()) return;
        Map<Long, String> json = new HashMap<>();
        dataByAccount.forEach((account, data) -> json.put(account, Json.write(data)));
        insert(tx, counters.next(tx, List.copyOf(dataByAccount.keySet())), type, json::get);
    }

    /**
     * The same event for every account: one statement stores all the rows, the pairs of account and
     * eventSeq bound as a list of values (a batch of one row per account, bound one value at a time,
     * was a fifth of the writer's time on a group message).
     */
    private void appendBody(Tx tx, Collection<Long> accountIds, Long messageId, EventBody body) {
        if (accountIds.isEmpty()) return;
        List<long[]> seqs = counters.next(tx, List.copyOf(accountIds));
        if (seqs.isEmpty()) return;
        for (int at = 0; at < seqs.size(); at += ROWS_PER_INSERT) {
            List<long[]> part = seqs.subList(at, Math.min(seqs.size(), at + ROWS_PER_INSERT));
            Object[] args = new Object[4 + 2 * part.size()];
            args[0] = codes.get(body.type());
            args[1] = messageId;
            args[2] = messageId == null ? body.dataJson() : null;
            args[3] = tx.now();
            for (int i = 0; i < part.size(); i++) {
                args[4 + 2 * i] = part.get(i)[0];
                args[5 + 2 * i] = part.get(i)[1];
            }
            DirectSql.update(tx.handle(), INSERT_FOR_EACH.formatted(staging.into(Staging.Table.EVENTS),
                    "(?, ?)" + ", (?, ?)".repeat(part.size() - 1)), args);
        }
        staging.appended(Staging.Table.EVENTS);
        deliverAfterCommit(tx, seqs.stream().map(s -> new StreamEvent(s[0], s[1], body)).toList());
    }

    /** Stores one event per {account id, its new eventSeq}, each with data of its own, and delivers them live once the transaction commits. */
    private void insert(Tx tx, List<long[]> seqs, EventType type, LongFunction<String> dataJson) {
        if (seqs.isEmpty()) return;
        PreparedBatch batch = tx.handle().prepareBatch(INSERT_ONE.formatted(staging.into(Staging.Table.EVENTS)));
        List<StreamEvent> live = new ArrayList<>(seqs.size());
        EventBody body = null;
        for (long[] s : seqs) {
            String data = dataJson.apply(s[0]);
            // The same data for every account (an event to all staff): one body, encoded once for all of them.
            if (body == null || body.dataJson() != data) body = new EventBody(type, data);
            batch.bind("account", s[0]).bind("seq", s[1]).bind("type", codes.get(type))
                    .bind("payload", data).bind("now", tx.now()).add();
            live.add(new StreamEvent(s[0], s[1], body));
        }
        batch.execute();
        staging.appended(Staging.Table.EVENTS);
        deliverAfterCommit(tx, live);
    }

    private void deliverAfterCommit(Tx tx, List<StreamEvent> live) {
        tx.afterCommit(() -> hub.committed(live));
    }

    /**
     * Takes every event of {@code accountId} out of its stream (the account is being deleted); its
     * counter stays where it is, so any later event follows the deleted ones.
     */
    public void deleteAll(Tx tx, long accountId) {
        for (String table : Staging.Table.EVENTS.recentNames()) {
            Staging.Table.EVENTS.countersUpTo(table, "account_id = ?").ifPresent(sql -> DirectSql.update(tx.handle(), sql, accountId));
        }
        for (String table : Staging.Table.EVENTS.allNames()) {
            tx.handle().createUpdate("DELETE FROM " + table + " WHERE account_id = :a").bind("a", accountId).execute();
        }
    }

    /**
     * Up to {@code limit} events of {@code accountId} after {@code afterSeq}, in order: the kept
     * ones from the account's range of {@code events}, the newest, if any, from where they wait
     * (small: what the last {@link org.stoa.server.storage.RecentRows#EVERY} or two appended). A row
     * there at or below the account's newest eventSeq in {@code events} has moved already; an
     * account's rows move together, oldest first.
     */
    List<StreamEvent> read(long accountId, long afterSeq, int limit) {
        return reads.withHandle(h -> {
            record Row(long seq, EventType type, Long messageId, String payload) {}
            List<Row> rows = h.createQuery(READ)
                    .bind("account", accountId).bind("after", afterSeq).bind("limit", limit)
                    .map((rs, ctx) -> new Row(rs.getLong("seq"), type(rs.getInt("type")),
                            Rows.nullableLong(rs, "message_id"), rs.getString("payload")))
                    .list();
            List<Long> messageIds = rows.stream().map(Row::messageId).filter(id -> id != null).distinct().toList();
            Map<Long, String> messages = messageIds.isEmpty() ? Map.of() : renderer.render(h, messageIds);
            List<StreamEvent> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                String data = r.messageId() != null ? messages.get(r.messageId()) : r.payload();
                out.add(new StreamEvent(accountId, r.seq(), r.type(), data));
            }
            return out;
        });
    }

    private EventType type(int code) {
        EventType t = types.get(code);
        if (t == null) throw new IllegalStateException("event type code " + code + " is not one this server knows");
        return t;
    }

    /**
     * The first eventSeq still kept for {@code accountId}: events before it were pruned. With
     * nothing kept (all pruned, or none yet) it is the next one to be handed out.
     */
    long firstKeptSeq(long accountId) {
        long first = reads.withHandle(h -> h.createQuery(FIRST_KEPT).bind("id", accountId).mapTo(Long.class).one());
        return first > 0 ? first : latestSeq(accountId) + 1;
    }

    /** The last eventSeq of a committed event of each of {@code accountIds} that exists. */
    Map<Long, Long> latestSeqs(Collection<Long> accountIds) {
        Map<Long, Long> latest = new HashMap<>(counters.committed(accountIds));
        List<Long> rest = accountIds.stream().filter(id -> !latest.containsKey(id)).toList();
        if (rest.isEmpty()) return latest;
        return reads.withHandle(h -> h.createQuery("""
                        SELECT a.id, coalesce(s.seq, 0) AS event_seq FROM accounts a
                        LEFT JOIN event_seqs s ON s.account_id = a.id WHERE a.id IN (<ids>)""")
                .bindList("ids", rest)
                .reduceRows(latest, (m, row) -> {
                    m.put(row.getColumn("id", Long.class), row.getColumn("event_seq", Long.class));
                    return m;
                }));
    }

    /** The last eventSeq of a committed event of {@code accountId} (0 if none). */
    long latestSeq(long accountId) {
        return latestSeqs(List.of(accountId)).getOrDefault(accountId, 0L);
    }
}
