package org.stoa.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.server.http.Json;
import org.stoa.server.support.ModerationHistory;
import org.stoa.server.support.Response;
import org.stoa.server.support.TestServer;
import org.stoa.server.support.User;

/**
 * The transparency report and its statements of reasons over four days of real moderation on the
 * sample policy. Every figure of the report that the statements can carry is recomputed from the
 * statements alone: the DSA fields where they say enough, the exact times, Stoa's outcome and
 * category, the detector and the sanction from {@code decision_facts}. The rest (reports received
 * and dismissed, appeals, the policy versions) rest on records the DSA set has no field for
 * (dismissals and appeals restrict nothing), and are checked against what moderators read instead.
 */
class TransparencyTest {

    @TempDir
    static Path dir;
    static TestServer server;
    static ModerationHistory history;

    @BeforeAll
    static void write() {
        server = new TestServer(dir);
        history = ModerationHistory.write(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static JsonNode report(LocalDate from, LocalDate to) {
        Response r = server.anonymous().get("/api/v1/transparency/report?from=" + from + "&to=" + to);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static List<JsonNode> statements(LocalDate from, LocalDate to) throws IOException {
        Response r = history.admin.api().get("/api/v1/transparency/statements?from=" + from + "&to=" + to);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> out = new ArrayList<>();
        for (String line : new String(r.raw(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) out.add(Json.MAPPER.readTree(line));
        }
        return out;
    }

    @Test
    void everyFigureTheStatementsCarryRecomputesFromThemForTheWholeTimeAndForPartOfIt() throws IOException {
        for (LocalDate[] period : List.of(new LocalDate[] {history.firstDay, history.laterDay},
                new LocalDate[] {history.firstDay, history.thirdDay}, new LocalDate[] {history.laterDay, history.laterDay})) {
            JsonNode report = report(period[0], period[1]);
            List<JsonNode> statements = statements(period[0], period[1]);
            assertThat(statements).isNotEmpty();
            Recomputed expected = Recomputed.from(statements, report);

            JsonNode decisions = report.get("decisions");
            assertThat(decisions.get("total").asLong()).isEqualTo(statements.size());
            assertThat(counts(decisions.get("byCategory"))).isEqualTo(expected.byCategory);
            assertThat(counts(decisions.get("byOutcome"))).isEqualTo(expected.byOutcome);
            assertThat(counts(decisions.get("byDetection"))).isEqualTo(expected.byDetection);
            assertThat(counts(decisions.get("byAutomation"))).isEqualTo(expected.byAutomation);
            assertThat(decisions.get("automatedDetection").asLong()).isEqualTo(expected.automatedDetection);
            Map<String, Long> dayTotals = new TreeMap<>();
            Map<String, Map<String, Long>> dayCategories = new TreeMap<>();
            Map<String, Map<String, Long>> dayAutomation = new TreeMap<>();
            for (JsonNode day : decisions.get("byDay")) {
                String date = day.get("date").asText();
                if (day.get("total").asLong() == 0) continue;
                dayTotals.put(date, day.get("total").asLong());
                dayCategories.put(date, counts(day.get("byCategory")));
                dayAutomation.put(date, counts(day.get("byAutomation")));
            }
            assertThat(dayTotals).isEqualTo(expected.dayTotals);
            assertThat(dayCategories).isEqualTo(expected.dayCategories);
            assertThat(dayAutomation).isEqualTo(expected.dayAutomation);
            assertThat(decisions.get("byDay")).hasSize((int) (period[1].toEpochDay() - period[0].toEpochDay() + 1));

            JsonNode sanctions = report.get("sanctions");
            assertThat(counts(sanctions.get("byKind"))).isEqualTo(expected.sanctionsByKind);
            assertThat(sanctions.get("total").asLong()).isEqualTo(expected.sanctionsByKind.values().stream().mapToLong(Long::longValue).sum());
            Map<String, Long> byKindAndLength = new HashMap<>();
            sanctions.get("byKindAndLength").forEach(k -> byKindAndLength.put(k.get("kind").asText() + " " + k.get("length").asText(),
                    k.get("count").asLong()));
            assertThat(byKindAndLength).isEqualTo(expected.sanctionsByKindAndLength);

            JsonNode held = report.get("heldMessages");
            assertThat(held.get("held").asLong()).isEqualTo(expected.held);
            assertThat(held.get("released").asLong()).isEqualTo(expected.released);
            assertThat(held.get("removed").asLong()).isEqualTo(expected.removedAfterHold);
            assertThat(held.get("waiting").asLong()).isEqualTo(expected.held - expected.released - expected.removedAfterHold);
            assertThat(number(held.get("medianWaitSeconds"))).isEqualTo(median(expected.waits));

            assertThat(report.at("/reports/actedOn").asLong()).isEqualTo(expected.timesToAct.size());
            assertThat(number(report.at("/reports/medianSecondsToAct"))).isEqualTo(median(expected.timesToAct));
        }
    }

    /** What the statements say, added up the way the report says it adds up. */
    private static final class Recomputed {
        final Map<String, Long> byCategory;
        final Map<String, Long> byOutcome;
        final Map<String, Long> byDetection;
        final Map<String, Long> byAutomation;
        final Map<String, Long> sanctionsByKind;
        final Map<String, Long> sanctionsByKindAndLength = new HashMap<>();
        final Map<String, Long> dayTotals = new TreeMap<>();
        final Map<String, Map<String, Long>> dayCategories = new TreeMap<>();
        final Map<String, Map<String, Long>> dayAutomation = new TreeMap<>();
        long automatedDetection;
        long held;
        long released;
        long removedAfterHold;
        final List<Long> waits = new ArrayList<>();
        final List<Long> timesToAct = new ArrayList<>();

        /** Zeroes for every key the report lists, then the statements' counts. */
        private Recomputed(JsonNode report) {
            byCategory = zeros(report.at("/decisions/byCategory"));
            byOutcome = zeros(report.at("/decisions/byOutcome"));
            byDetection = zeros(report.at("/decisions/byDetection"));
            byAutomation = zeros(report.at("/decisions/byAutomation"));
            sanctionsByKind = zeros(report.at("/sanctions/byKind"));
        }

        static Recomputed from(List<JsonNode> statements, JsonNode report) {
            Recomputed r = new Recomputed(report);
            for (JsonNode s : statements) r.add(s);
            return r;
        }

        private void add(JsonNode s) {
            Map<String, String> facts = facts(s);
            String[] decision = facts.get("Decision").split(", ");
            assertThat(decision[0]).isEqualTo(s.get("puid").asText());
            String outcome = decision[1];
            Instant decidedAt = Instant.parse(decision[2]);
            String day = s.get("application_date").asText();
            assertThat(day).as("the database's day is the exact time's").isEqualTo(decidedAt.toString().substring(0, 10));
            String category = facts.get("Category");
            String automation = switch (s.get("automated_decision").asText()) {
                case "AUTOMATED_DECISION_FULLY" -> "fully";
                case "AUTOMATED_DECISION_PARTIALLY" -> "partially";
                default -> "not";
            };
            byCategory.merge(category, 1L, Long::sum);
            byOutcome.merge(outcome, 1L, Long::sum);
            byDetection.merge(facts.get("Detected by").split(" ")[0], 1L, Long::sum);
            byAutomation.merge(automation, 1L, Long::sum);
            if (s.get("automated_detection").asText().equals("Yes")) automatedDetection++;
            dayTotals.merge(day, 1L, Long::sum);
            dayCategories.computeIfAbsent(day, d -> new LinkedHashMap<>()).merge(category, 1L, Long::sum);
            dayAutomation.computeIfAbsent(day, d -> new LinkedHashMap<>()).merge(automation, 1L, Long::sum);

            // Restrictions, suspensions and bans from the database's own fields; warnings, which restrict
            // nothing the database knows of, and lengths finer than days from the facts.
            String sanctionFacts = facts.get("Sanction");
            String kind = s.has("decision_provision") ? "restriction"
                    : s.path("decision_account").asText().equals("DECISION_ACCOUNT_SUSPENDED") ? "suspension"
                    : s.path("decision_account").asText().equals("DECISION_ACCOUNT_TERMINATED") ? "ban"
                    : sanctionFacts != null && sanctionFacts.startsWith("warning") ? "warning" : null;
            if (kind != null) {
                assertThat(sanctionFacts).startsWith(kind);
                sanctionsByKind.merge(kind, 1L, Long::sum);
                String length = sanctionFacts.replaceAll(".*, length ([^,]+),.*", "$1");
                sanctionsByKindAndLength.merge(kind + " " + length, 1L, Long::sum);
            } else {
                assertThat(sanctionFacts).isNull();
            }

            boolean disabled = s.path("decision_visibility").toString().contains("DECISION_VISIBILITY_CONTENT_DISABLED");
            assertThat(disabled).isEqualTo(outcome.equals("held"));
            if (disabled) {
                held++;
                String review = facts.get("Held");
                if (review.startsWith("until ")) {
                    String[] parts = review.substring("until ".length()).split(", then ");
                    waits.add(Duration.between(decidedAt, Instant.parse(parts[0])).toMillis());
                    if (parts[1].equals("approved")) released++;
                    else removedAfterHold++;
                    assertThat(s.get("end_date_visibility_restriction").asText()).isEqualTo(parts[0].substring(0, 10));
                }
            }
            String reports = facts.get("Reports acted on");
            assertThat(reports != null).isEqualTo(s.get("source_type").asText().equals("SOURCE_TYPE_OTHER_NOTIFICATION")
                    && !outcome.equals("modified"));
            if (reports != null) {
                String[] filed = reports.substring(reports.indexOf("filed ") + "filed ".length()).split(" and ");
                assertThat(filed).hasSize(Integer.parseInt(reports.substring(0, reports.indexOf(','))));
                for (String t : filed) timesToAct.add(Duration.between(Instant.parse(t), decidedAt).toMillis());
            }
        }
    }

    /** decision_facts as its labelled lines. */
    static Map<String, String> facts(JsonNode statement) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : statement.get("decision_facts").asText().split("\n")) {
            int colon = line.indexOf(": ");
            assertThat(colon).as(line).isPositive();
            out.put(line.substring(0, colon), line.substring(colon + 2));
        }
        return out;
    }

    private static Map<String, Long> zeros(JsonNode keys) {
        Map<String, Long> m = new LinkedHashMap<>();
        keys.fieldNames().forEachRemaining(k -> m.put(k, 0L));
        return m;
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> m = new LinkedHashMap<>();
        node.properties().forEach(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }

    private static Double number(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asDouble();
    }

    /** The median in seconds, as the report takes it: the middle one, or the mean of the middle two. */
    private static Double median(List<Long> millis) {
        long[] v = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        if (v.length == 0) return null;
        int mid = v.length / 2;
        return (v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0) / 1000.0;
    }

    @Test
    void theStatementsUseOnlyTheDatabasesFieldsAndAllowedValuesWithDatesInOrder() throws IOException {
        DsaSpec spec = DsaSpec.load();
        assertThat(spec.fields()).containsKeys("puid", "decision_ground", "content_type", "source_type", "automated_decision",
                "incompatible_content_ground");
        assertThat(spec.categories()).contains("STATEMENT_CATEGORY_SCAMS_AND_FRAUD").hasSizeGreaterThan(10);
        List<JsonNode> statements = statements(history.firstDay, history.laterDay);
        Set<String> puids = new HashSet<>();
        for (JsonNode s : statements) {
            for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                assertThat(spec.fields()).as("a field of the database").containsKey(field);
                Set<String> allowed = spec.allowed(field);
                if (allowed.isEmpty()) continue; // free text or a date
                JsonNode value = s.get(field);
                List<String> values = new ArrayList<>();
                if (value.isArray()) value.forEach(v -> values.add(v.asText()));
                else values.add(value.asText());
                assertThat(values).as(field).isNotEmpty();
                assertThat(allowed).as(field).containsAll(values);
            }
            for (String required : List.of("puid", "decision_ground", "decision_facts", "content_type", "category", "source_type",
                    "automated_detection", "automated_decision", "content_date", "application_date")) {
                assertThat(s.has(required)).as(required + " in " + s).isTrue();
            }
            assertThat(List.of("decision_visibility", "decision_monetary", "decision_provision", "decision_account"))
                    .as("one of the four decision fields").anyMatch(s::has);
            assertThat(s.get("puid").asText()).matches("[A-Za-z0-9_-]{1,500}");
            assertThat(puids.add(s.get("puid").asText())).as("unique puid").isTrue();
            assertThat(s.get("decision_ground").asText()).isEqualTo("DECISION_GROUND_INCOMPATIBLE_CONTENT");
            assertThat(s.get("incompatible_content_ground").asText()).hasSizeLessThanOrEqualTo(500).isNotBlank();
            assertThat(s.get("incompatible_content_explanation").asText()).hasSizeLessThanOrEqualTo(2000).isNotBlank();
            assertThat(s.get("decision_facts").asText()).hasSizeLessThanOrEqualTo(5000);
            LocalDate applied = LocalDate.parse(s.get("application_date").asText());
            assertThat(LocalDate.parse(s.get("content_date").asText())).isBeforeOrEqualTo(applied);
            for (String end : List.of("end_date_visibility_restriction", "end_date_monetary_restriction",
                    "end_date_service_restriction", "end_date_account_restriction")) {
                if (s.has(end)) assertThat(LocalDate.parse(s.get(end).asText())).as(end).isAfterOrEqualTo(applied);
            }
        }
    }

    @Test
    void detectionAndAutomationFlagsAreTheRightWayRoundAndEveryDetectorShowsUp() throws IOException {
        for (JsonNode s : statements(history.firstDay, history.laterDay)) {
            Map<String, String> facts = facts(s);
            String detector = facts.get("Detected by").split(" ")[0];
            boolean software = !detector.equals("user_report") && !detector.equals("moderator");
            assertThat(s.get("automated_detection").asText()).as(facts.toString()).isEqualTo(software ? "Yes" : "No");
            assertThat(s.get("source_type").asText()).isEqualTo(detector.equals("user_report") ? "SOURCE_TYPE_OTHER_NOTIFICATION"
                    : "SOURCE_VOLUNTARY");
            String outcome = facts.get("Decision").split(", ")[1];
            if (outcome.equals("refused") || outcome.equals("withdrawn")) {
                assertThat(s.get("automated_decision").asText()).isEqualTo("AUTOMATED_DECISION_FULLY");
            }
            if (outcome.equals("removed") && software) {
                assertThat(s.get("automated_decision").asText()).as("a moderator confirming a hold").isEqualTo("AUTOMATED_DECISION_PARTIALLY");
            }
            if (detector.equals("moderator") || detector.equals("user_report")) {
                assertThat(s.get("automated_decision").asText()).isEqualTo("AUTOMATED_DECISION_NOT_AUTOMATED");
            }
        }
        JsonNode byDetection = report(history.firstDay, history.laterDay).at("/decisions/byDetection");
        for (String detector : List.of("term_list", "regex", "exact_hash", "pdq", "ocr", "user_report", "moderator")) {
            assertThat(byDetection.get(detector).asLong()).as(detector).isPositive();
        }
    }

    @Test
    void theStatementsNameNobodyAndQuoteNothingThatWasSent() throws IOException {
        Response r = history.admin.api().get("/api/v1/transparency/statements?from=" + history.firstDay + "&to=" + history.laterDay);
        String body = new String(r.raw(), StandardCharsets.UTF_8).toLowerCase();
        for (User u : history.people) assertThat(body).doesNotContain(u.username());
        assertThat(body).doesNotContain(history.admin.username()).doesNotContain(history.moderator.username());
        for (String text : history.texts) assertThat(body).doesNotContain(text.toLowerCase());
        assertThat(body).doesNotContain("paypa1").doesNotContain("followers here").doesNotContain("idiots");
        for (String reason : List.of(ModerationHistory.REVERSE_REASON, ModerationHistory.UPHOLD_REASON, ModerationHistory.MODIFY_REASON,
                "spam sent to many people at once", "insults break the rules")) {
            assertThat(body).doesNotContain(reason.toLowerCase());
        }
        for (JsonNode s : statements(history.firstDay, history.laterDay)) {
            assertThat(s.has("account_id")).isFalse();
            assertThat(s.toString()).doesNotContain("accountId").doesNotContain("moderatorId");
        }
    }

    @Test
    void reportsAppealsAndPolicyVersionsMatchWhatModeratorsRead() throws IOException {
        LocalDate from = history.firstDay;
        LocalDate to = history.thirdDay;
        JsonNode report = report(from, to);
        Instant start = ModerationHistory.startOf(from);
        Instant end = ModerationHistory.startOf(to.plusDays(1));

        // Reports: the reporter's own list says when each was filed and how it ended.
        User friend = history.people.getFirst();
        long received = 0;
        long dismissed = 0;
        for (JsonNode r : friend.api().get("/api/v1/reports").json()) {
            Instant created = Instant.parse(r.get("createdAt").asText());
            if (!created.isBefore(start) && created.isBefore(end)) received++;
            if (r.path("outcome").asText().startsWith("no action")) dismissed++;
        }
        assertThat(report.at("/reports/received").asLong()).isEqualTo(received).isEqualTo(3);
        assertThat(report.at("/reports/dismissed").asLong()).isEqualTo(dismissed).isEqualTo(1);
        assertThat(report.at("/reports/actedOn").asLong()).isEqualTo(1);

        // Appeals: the moderators' list of every appeal, with its dates, outcome and the rule appealed.
        JsonNode cases = history.admin.api().get("/api/v1/moderation/appeals?status=all").json();
        long filed = 0;
        Map<String, Long> outcomes = new HashMap<>();
        List<Long> durations = new ArrayList<>();
        Map<String, long[]> byRule = new TreeMap<>(); // decided, reversed
        for (JsonNode c : cases) {
            JsonNode a = c.get("appeal");
            Instant filedAt = Instant.parse(a.get("filedAt").asText());
            if (!filedAt.isBefore(start) && filedAt.isBefore(end)) filed++;
            if (!a.hasNonNull("decidedAt")) continue;
            Instant decidedAt = Instant.parse(a.get("decidedAt").asText());
            if (decidedAt.isBefore(start) || !decidedAt.isBefore(end)) continue;
            outcomes.merge(a.get("outcome").asText(), 1L, Long::sum);
            durations.add(Duration.between(filedAt, decidedAt).toMillis());
            String rule = c.at("/decision/ruleId").asText(null);
            if (rule != null) {
                long[] n = byRule.computeIfAbsent(rule, k -> new long[2]);
                n[0]++;
                if (a.get("outcome").asText().equals("reversed")) n[1]++;
            }
        }
        JsonNode appeals = report.get("appeals");
        assertThat(appeals.get("filed").asLong()).isEqualTo(filed).isEqualTo(3);
        assertThat(appeals.get("decided").asLong()).isEqualTo(durations.size()).isEqualTo(3);
        for (String o : List.of("upheld", "reversed", "modified")) {
            assertThat(appeals.get(o).asLong()).as(o).isEqualTo(outcomes.getOrDefault(o, 0L)).isEqualTo(1);
        }
        assertThat(number(appeals.get("medianSecondsToDecide"))).isEqualTo(median(durations));
        Map<String, Double> rates = new TreeMap<>();
        appeals.get("byRule").forEach(r -> {
            assertThat(r.get("decided").asLong()).isEqualTo(byRule.get(r.get("ruleId").asText())[0]);
            rates.put(r.get("ruleId").asText(), r.get("reversalRate").asDouble());
        });
        Map<String, Double> expectedRates = new TreeMap<>();
        byRule.forEach((rule, n) -> expectedRates.put(rule, (double) n[1] / n[0]));
        assertThat(rates).isEqualTo(expectedRates).isEqualTo(Map.of("gambling-ads", 1.0, "phishing", 0.0));
        assertThat(appeals.at("/byRule/0/ruleTitle").asText()).isNotBlank();

        // The policy in force, since before the first decision; the statements name no other.
        String version = history.moderator.api().get("/api/v1/moderation/policy").json().get("version").asText();
        assertThat(report.get("policyVersions")).hasSize(1);
        assertThat(report.at("/policyVersions/0/version").asText()).isEqualTo(version);
        assertThat(Instant.parse(report.at("/policyVersions/0/from").asText())).isBefore(start);
        assertThat(report.at("/policyVersions/0/until").isMissingNode()).isTrue();
        for (JsonNode s : statements(from, to)) assertThat(facts(s).get("Policy")).isEqualTo(version);
    }

    @Test
    void theHistoryShowsAsItHappened() {
        JsonNode all = report(history.firstDay, history.laterDay);
        assertThat(all.get("from").asText()).isEqualTo(history.firstDay.toString());
        assertThat(all.get("to").asText()).isEqualTo(history.laterDay.toString());
        JsonNode held = all.get("heldMessages");
        assertThat(held.get("held").asLong()).isEqualTo(3);
        assertThat(held.get("released").asLong()).isEqualTo(1);
        assertThat(held.get("removed").asLong()).isEqualTo(1);
        assertThat(held.get("waiting").asLong()).isEqualTo(1);
        assertThat(held.get("medianWaitSeconds").asDouble()).as("40 and 120 minutes").isEqualTo(80 * 60.0);
        assertThat(all.at("/reports/medianSecondsToAct").asDouble()).isEqualTo(3 * 3600.0);
        assertThat(all.at("/decisions/byOutcome/modified").asLong()).isEqualTo(1);
        assertThat(all.at("/decisions/byOutcome/sanctioned").asLong()).isEqualTo(1);
        assertThat(all.at("/sanctions/byKind/suspension").asLong()).as("the moderator's, and its replacement").isEqualTo(2);
        assertThat(all.at("/sanctions/byKind/restriction").asLong()).as("the malware lure's, at once").isEqualTo(1);
        assertThat(all.get("sanctions").get("byKindAndLength").toString()).contains("\"kind\":\"suspension\",\"length\":\"3d\"");

        JsonNode firstThree = report(history.firstDay, history.thirdDay);
        JsonNode later = report(history.laterDay, history.laterDay);
        assertThat(later.at("/decisions/total").asLong()).isEqualTo(1);
        assertThat(later.at("/decisions/byCategory/gambling").asLong()).isEqualTo(1);
        assertThat(firstThree.at("/decisions/total").asLong() + later.at("/decisions/total").asLong())
                .isEqualTo(all.at("/decisions/total").asLong());
        assertThat(report(history.firstDay.minusDays(30), history.firstDay.minusDays(1)).at("/decisions/total").asLong()).isZero();
    }

    @Test
    void theReportComesAsCsvToo() {
        Response csv = server.anonymous().get("/api/v1/transparency/report?from=" + history.firstDay + "&to=" + history.laterDay
                + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v)
                .contains("attachment").contains("stoa-transparency-" + history.firstDay + "-" + history.laterDay + ".csv"));
        JsonNode json = report(history.firstDay, history.laterDay);
        List<String> lines = new String(csv.raw(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("figure,key,value");
        assertThat(lines).contains("decisions.total,," + json.at("/decisions/total").asLong(),
                "decisions.byDetection,pdq," + json.at("/decisions/byDetection/pdq").asLong(),
                "heldMessages.medianWaitSeconds,,4800",
                "appeals.byRule.reversalRate,gambling-ads,1",
                "decisions.byDay.byCategory," + history.laterDay + " gambling,1");
        assertThat(lines).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(3));
    }
}
