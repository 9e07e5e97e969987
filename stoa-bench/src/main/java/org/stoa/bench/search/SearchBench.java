package org.stoa.bench.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.stoa.engine.review.ContentReview;
import org.stoa.engine.review.Decision;
import org.stoa.engine.text.SearchText;
import org.stoa.server.StoaServer;
import org.stoa.server.config.ConfigLoader;
import org.stoa.server.config.StoaConfig;

/**
 * How long {@code GET /api/v1/search/messages} takes over a large store. Fills a real SQLite data
 * folder with {@code --messages} messages (default 1,000,000) in {@code --conversations} groups,
 * indexed exactly as the send path indexes them (the server's migrations made the tables; the rows
 * are written with JDBC because a million sends through the API would take an hour), then starts
 * the server on it and times sequential searches of one account that is in {@code --member-of}
 * groups, through HTTP, reporting the median, p90, p99 and the largest.
 *
 * <p>Texts: 85% English-like (words drawn from a Zipf distribution over a 20,000-word vocabulary,
 * 3 to 14 words), 15% Chinese (8 to 30 characters from 3,000 common ones, no spaces). Queries, in
 * turn: a common word, a rare word, two words, a Chinese pair from a stored message, the 10 most
 * common words (the worst case: many postings), and a word within one conversation
 * ({@code conversationId=}); and, as the baseline on the same server in the same run, a page of a
 * chat's history ({@code GET /api/v1/conversations/{id}/messages?limit=20}).
 *
 * <pre>
 * java -cp 'stoa-bench/target/stoa-bench.jar:stoa-bench/target/lib/*' org.stoa.bench.search.SearchBench \
 *      [--messages 1000000] [--conversations 2000] [--member-of 50] [--queries 2000] [--data DIR]
 * </pre>
 * With {@code --data} naming a folder that a previous run filled, the filling is skipped.
 */
public final class SearchBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContentReview NO_REVIEW = content -> Decision.deliver("none", List.of());
    private static final int VOCABULARY = 20_000;
    private static final int SENDERS = 200;
    private static final String SEARCHER = "searcher";
    /** Not a search: the newest 20 messages of one of the searcher's groups, what opening a chat asks for. */
    private static final String BASELINE = "baseline: history page";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int messages = Integer.parseInt(opts.getOrDefault("messages", "1000000"));
        int conversations = Integer.parseInt(opts.getOrDefault("conversations", "2000"));
        int memberOf = Integer.parseInt(opts.getOrDefault("member-of", "50"));
        int queries = Integer.parseInt(opts.getOrDefault("queries", "2000"));
        Path data = opts.containsKey("data") ? Path.of(opts.get("data")) : Files.createTempDirectory("stoa-search-bench");
        StoaConfig config = ConfigLoader.fromMap(Map.of("server.port", "0", "server.host", "127.0.0.1", "data.dir", data.toString(),
                "log.format", "text", "ocr.enabled", "false", "limits.messageSearchesPerAccount", "1000000/1m"));
        Words words = new Words(new SplittableRandom(13));
        boolean fill = !Files.exists(config.databaseFile());
        try (StoaServer server = StoaServer.startReplacingReview(config, Clock.systemUTC(), NO_REVIEW)) {
            if (fill) register(server.port());
        }
        if (fill) {
            long start = System.nanoTime();
            fill(config.databaseFile(), words, messages, conversations, memberOf);
            System.out.printf("filled %,d messages in %,d conversations in %.1f s (%s)%n", messages, conversations,
                    (System.nanoTime() - start) / 1e9, data);
        } else {
            for (int i = 0; i < 100_000; i++) words.message(); // the same texts again, for the Chinese queries' samples
        }
        try (StoaServer server = StoaServer.startReplacingReview(config, Clock.systemUTC(), NO_REVIEW)) {
            measure(server.port(), words, queries, conversations, memberOf);
        }
    }

    private static void register(int port) throws Exception {
        post(port, "/api/v1/accounts", Map.of("username", SEARCHER, "password", "password-" + SEARCHER), null);
    }

    /** Rows as the server writes them: conversations, members, messages, and each message's distinct terms. */
    private static void fill(Path file, Words words, int messages, int conversations, int memberOf) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous = OFF");
                s.execute("PRAGMA cache_size = -400000");
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE fresh_terms (term TEXT, scope_id INTEGER, doc_id INTEGER)");
            }
            long searcher;
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT id FROM accounts WHERE username = '" + SEARCHER + "'")) {
                rs.next();
                searcher = rs.getLong(1);
            }
            long now = System.currentTimeMillis() - messages * 1000L;
            long firstSender;
            try (PreparedStatement a = c.prepareStatement("""
                    INSERT INTO accounts (username, username_skeleton, password_hash, role, created_at) VALUES (?, ?, 'x', 'user', ?)""")) {
                for (int i = 0; i < SENDERS; i++) {
                    a.setString(1, "sender" + i);
                    a.setString(2, "sender" + i);
                    a.setLong(3, now);
                    a.addBatch();
                }
                a.executeBatch();
            }
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT min(id) FROM accounts WHERE username LIKE 'sender%'")) {
                rs.next();
                firstSender = rs.getLong(1);
            }
            int perConversation = messages / conversations;
            try (PreparedStatement conv = c.prepareStatement("""
                         INSERT INTO conversations (id, type, title, created_by, created_at, last_seq, updated_at)
                         VALUES (?, 'group', ?, ?, ?, ?, ?)""");
                 PreparedStatement member = c.prepareStatement("""
                         INSERT INTO members (conversation_id, account_id, role, joined_at, joined_seq, last_read_seq)
                         VALUES (?, ?, ?, ?, 0, 0)""");
                 PreparedStatement msg = c.prepareStatement("""
                         INSERT INTO messages (id, conversation_id, seq, status, sender_id, client_id, text, created_at)
                         VALUES (?, ?, ?, 'delivered', ?, ?, ?, ?)""");
                 PreparedStatement term = c.prepareStatement("INSERT INTO fresh_terms (term, scope_id, doc_id) VALUES (?, ?, ?)")) {
                long messageId = 0;
                for (int k = 1; k <= conversations; k++) {
                    long sender = firstSender + (k % SENDERS);
                    conv.setLong(1, k);
                    conv.setString(2, "group " + k);
                    conv.setLong(3, sender);
                    conv.setLong(4, now);
                    conv.setLong(5, perConversation);
                    conv.setLong(6, now);
                    conv.executeUpdate();
                    addMember(member, k, sender, "owner", now);
                    if (k <= memberOf) addMember(member, k, searcher, "member", now);
                    for (int seq = 1; seq <= perConversation; seq++) {
                        messageId++;
                        String text = words.message();
                        msg.setLong(1, messageId);
                        msg.setLong(2, k);
                        msg.setLong(3, seq);
                        msg.setLong(4, sender);
                        msg.setString(5, "c" + messageId);
                        msg.setString(6, text);
                        msg.setLong(7, now + messageId * 1000L);
                        msg.addBatch();
                        for (String t : SearchText.indexTerms(text)) {
                            term.setString(1, t);
                            term.setLong(2, k);
                            term.setLong(3, messageId);
                            term.addBatch();
                        }
                        if (messageId % 5000 == 0) {
                            msg.executeBatch();
                            term.executeBatch();
                        }
                    }
                }
                msg.executeBatch();
                term.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                // In the key's order, so the B-tree is written front to back instead of at random.
                s.execute("""
                        INSERT INTO search_terms (term, kind, scope_id, doc_id)
                        SELECT term, 1, scope_id, doc_id FROM fresh_terms ORDER BY term, scope_id, doc_id""");
                s.execute("DROP TABLE fresh_terms");
            }
            c.commit();
        }
    }

    private static void addMember(PreparedStatement member, long conversation, long account, String role, long now) throws Exception {
        member.setLong(1, conversation);
        member.setLong(2, account);
        member.setString(3, role);
        member.setLong(4, now);
        member.executeUpdate();
    }

    private static void measure(int port, Words words, int queries, int conversations, int memberOf) throws Exception {
        String token = post(port, "/api/v1/sessions", Map.of("username", SEARCHER, "password", "password-" + SEARCHER), null)
                .get("token").asText();
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Histogram> byKind = new HashMap<>();
        Histogram all = new Histogram(60_000_000_000L, 3);
        long hits = 0;
        int searches = 0;
        int warmUp = Math.max(100, queries / 10);
        for (int i = 0; i < warmUp + queries; i++) {
            String kind = Words.QUERY_KINDS[i % Words.QUERY_KINDS.length];
            String path = kind.equals(BASELINE) ? "/api/v1/conversations/" + (1 + random.nextInt(memberOf)) + "/messages?limit=20"
                    : "/api/v1/search/messages?q=" + URLEncoder.encode(words.query(kind, random), StandardCharsets.UTF_8)
                    + (kind.equals("in one conversation") ? "&conversationId=" + (1 + random.nextInt(memberOf)) : "");
            long start = System.nanoTime();
            JsonNode results = get(port, path, token);
            long took = System.nanoTime() - start;
            if (i < warmUp) continue;
            byKind.computeIfAbsent(kind, k -> new Histogram(60_000_000_000L, 3)).recordValue(took);
            if (kind.equals(BASELINE)) continue;
            searches++;
            hits += results.get("results").size();
            all.recordValue(took);
        }
        System.out.printf("%d searches (after %d requests to warm up), %.1f results each on average%n", searches, warmUp,
                (double) hits / searches);
        print("all searches", all);
        for (String kind : Words.QUERY_KINDS) print(kind, byKind.get(kind));
    }

    private static void print(String name, Histogram h) {
        System.out.printf("  %-24s median %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %7.2f ms%n", name,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static JsonNode post(int port, String path, Object body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode get(int port, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    /** A made-up language with a Zipf-shaped vocabulary, and Chinese from 3,000 characters. */
    static final class Words {
        static final String[] QUERY_KINDS = {"common word", "rare word", "two words", "chinese pair", "top-10 word",
            "in one conversation", BASELINE};
        private static final int CHINESE = 3000;

        private final String[] vocabulary = new String[VOCABULARY];
        private final double[] cumulative = new double[VOCABULARY];
        private final SplittableRandom random;
        private final List<String> chineseSamples = new ArrayList<>();

        Words(SplittableRandom random) {
            this.random = random;
            SplittableRandom spelling = new SplittableRandom(42);
            double sum = 0;
            for (int i = 0; i < VOCABULARY; i++) {
                StringBuilder w = new StringBuilder();
                int length = 2 + Math.min(10, i / 2000) + spelling.nextInt(4);
                for (int j = 0; j < length; j++) w.append((char) ('a' + spelling.nextInt(26)));
                vocabulary[i] = w.toString() + (i % 97 == 0 ? "é" : "");
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }
            for (int i = 0; i < VOCABULARY; i++) cumulative[i] /= sum;
        }

        private String word(SplittableRandom r) {
            double x = r.nextDouble();
            int lo = 0;
            int hi = VOCABULARY - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] < x) lo = mid + 1; else hi = mid;
            }
            return vocabulary[lo];
        }

        String message() {
            if (random.nextInt(100) < 15) {
                StringBuilder s = new StringBuilder();
                int n = 8 + random.nextInt(23);
                for (int i = 0; i < n; i++) s.appendCodePoint(0x4E00 + random.nextInt(CHINESE));
                if (chineseSamples.size() < 10_000) chineseSamples.add(s.toString());
                return s.toString();
            }
            StringBuilder s = new StringBuilder();
            int n = 3 + random.nextInt(12);
            for (int i = 0; i < n; i++) s.append(i == 0 ? "" : " ").append(word(random));
            return s.toString();
        }

        String query(String kind, SplittableRandom r) {
            return switch (kind) {
                case "common word", "in one conversation" -> vocabulary[50 + r.nextInt(450)];
                case "rare word" -> vocabulary[5000 + r.nextInt(VOCABULARY - 5000)];
                case "two words" -> vocabulary[r.nextInt(2000)] + " " + vocabulary[r.nextInt(2000)];
                case "chinese pair" -> {
                    if (chineseSamples.isEmpty()) {
                        yield new String(Character.toChars(0x4E00 + r.nextInt(CHINESE))) + new String(Character.toChars(0x4E00 + r.nextInt(CHINESE)));
                    }
                    String s = chineseSamples.get(r.nextInt(chineseSamples.size()));
                    int at = r.nextInt(s.length() - 1);
                    yield s.substring(at, at + 2);
                }
                case "top-10 word" -> vocabulary[r.nextInt(10)];
                case BASELINE -> "";
                default -> throw new IllegalArgumentException(kind);
            };
        }
    }
}
