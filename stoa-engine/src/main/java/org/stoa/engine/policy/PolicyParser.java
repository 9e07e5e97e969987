package org.stoa.engine.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.stoa.engine.text.Evasion;
import org.stoa.engine.text.TermList;
import org.stoa.engine.text.TermListOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a policy file. Every mistake is reported with its line and what to write instead, and
 * nothing is half-loaded: either the whole policy is valid or a {@link PolicyException} says why.
 * The policy's version is the declared {@code version} plus a digest of the file, so two different
 * files never share a version even if an operator forgets to bump it.
 */
public final class PolicyParser {

    private static final int MAX_SEVERITY = 100;

    private final Path baseDir;

    private PolicyParser(Path baseDir) {
        this.baseDir = baseDir;
    }

    public static Policy parse(Path file) throws PolicyException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyException(0, "cannot read the policy file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toAbsolutePath().getParent());
    }

    /** Parses policy text; list files named in it are read relative to {@code baseDir}. */
    public static Policy parse(String text, Path baseDir) throws PolicyException {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new PolicyException(line, "not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new PolicyException(0, "not valid YAML: " + e.getMessage());
        }
        if (root == null) throw new PolicyException(1, "the policy file is empty");
        return new PolicyParser(baseDir).policy(map(root, "the policy"), digest(text));
    }

    private Policy policy(Fields f, String digest) throws PolicyException {
        f.only("version", "enforcement", "appeals", "moves", "ocr", "lists", "banks", "rules");
        String version = f.string("version") + "#" + digest;
        Enforcement enforcement = f.has("enforcement") ? enforcement(f.map("enforcement")) : Enforcement.DEFAULT;
        Appeals appeals = f.has("appeals") ? appeals(f.map("appeals")) : Appeals.DEFAULT;
        Moves moves = f.has("moves") ? moves(f.map("moves")) : Moves.DEFAULT;

        Map<String, TermList> lists = new LinkedHashMap<>();
        if (f.has("lists")) {
            Fields l = f.map("lists");
            for (NodeTuple t : l.node.getValue()) {
                String name = scalar(t.getKeyNode(), "a list name");
                lists.put(name, list(name, map(t.getValueNode(), "list " + name)));
            }
        }
        List<String> banks = f.has("banks") ? f.strings("banks") : List.of();
        String ocrBank = null;
        if (f.has("ocr")) {
            Fields o = f.map("ocr");
            o.only("bank");
            ocrBank = o.string("bank");
            if (!banks.contains(ocrBank)) throw o.error("bank", "the bank '" + ocrBank + "' is not listed under banks");
        }

        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node n : f.sequence("rules")) {
            Rule r = rule(map(n, "a rule"), lists.keySet(), banks);
            if (!ids.add(r.id())) throw new PolicyException(line(n), "two rules have the id '" + r.id() + "'");
            rules.add(r);
        }
        return new Policy(version, lists, banks, rules, enforcement, appeals, moves, ocrBank);
    }

    private Enforcement enforcement(Fields f) throws PolicyException {
        f.only("strikesExpireAfter", "burstWindow", "severeCategories", "ladder");
        Duration expiry = f.has("strikesExpireAfter") ? f.duration("strikesExpireAfter") : Enforcement.DEFAULT.strikesExpireAfter();
        Duration burst = f.has("burstWindow") ? f.duration("burstWindow") : Enforcement.DEFAULT_BURST_WINDOW;
        Set<Category> severe = EnumSet.noneOf(Category.class);
        if (f.has("severeCategories")) {
            for (Node n : f.sequence("severeCategories")) severe.add(enumValue(Category.class, n, "a category"));
        }
        List<LadderStep> ladder = new ArrayList<>();
        if (f.has("ladder")) {
            for (Node n : f.sequence("ladder")) ladder.add(step(map(n, "a ladder step")));
        } else {
            ladder.addAll(Enforcement.DEFAULT.ladder());
        }
        return new Enforcement(expiry, burst, severe, ladder);
    }

    /**
     * {@code window} (at least 183d), {@code decideWithin}, and {@code onOverdue}: {@code escalate}
     * (the default), or {@code {reverse: [categories]}} to reverse overdue appeals in those categories.
     */
    private Appeals appeals(Fields f) throws PolicyException {
        f.only("window", "decideWithin", "onOverdue");
        Duration window = f.has("window") ? f.duration("window") : Appeals.DEFAULT.window();
        if (window.compareTo(Appeals.MINIMUM_WINDOW) < 0) {
            throw f.error("window", "appeals.window is at least 183d: people have six months to appeal (EU Digital Services Act)");
        }
        Duration decideWithin = f.has("decideWithin") ? f.duration("decideWithin") : Appeals.DEFAULT.decideWithin();
        Set<Category> reverse = EnumSet.noneOf(Category.class);
        if (f.has("onOverdue")) {
            Node n = f.get("onOverdue");
            if (n instanceof ScalarNode s) {
                if (s.getValue().strip().equals("reverse")) {
                    throw new PolicyException(line(n),
                            "name the categories whose overdue appeals are reversed: onOverdue: {reverse: [spam]}");
                }
                if (!s.getValue().strip().equals("escalate")) {
                    throw new PolicyException(line(n), "onOverdue is escalate, or {reverse: [categories]}");
                }
            } else {
                Fields o = map(n, "'onOverdue'");
                o.only("reverse");
                for (Node c : o.sequence("reverse")) reverse.add(enumValue(Category.class, c, "a category"));
            }
        }
        return new Appeals(window, decideWithin, reverse);
    }

    /** {@code denyWhenSanctionedFor}: the categories whose sanctions keep an account from moving. */
    private Moves moves(Fields f) throws PolicyException {
        f.only("denyWhenSanctionedFor");
        Set<Category> deny = EnumSet.noneOf(Category.class);
        if (f.has("denyWhenSanctionedFor")) {
            for (Node n : f.sequence("denyWhenSanctionedFor")) deny.add(enumValue(Category.class, n, "a category"));
        }
        return new Moves(deny);
    }

    private LadderStep step(Fields f) throws PolicyException {
        f.only("atStrikes", "sanction", "features", "duration", "fallback");
        int at = f.integer("atStrikes", 1, 10_000);
        String kind = f.string("sanction");
        return switch (kind) {
            case "warning" -> new LadderStep.Warning(at);
            case "restriction" -> {
                Set<Feature> features = EnumSet.noneOf(Feature.class);
                for (Node n : f.sequence("features")) features.add(enumValue(Feature.class, n, "a feature"));
                yield new LadderStep.Restriction(at, features, f.duration("duration"));
            }
            case "suspension" -> new LadderStep.Suspension(at, f.duration("duration"));
            case "ban" -> new LadderStep.Ban(at, f.has("fallback") ? f.duration("fallback") : Duration.ofDays(30));
            default -> throw f.error("sanction", "sanction is warning, restriction, suspension or ban, not '" + kind + "'");
        };
    }

    private TermList list(String name, Fields f) throws PolicyException {
        f.only("terms", "file", "wholeWords", "evasions", "pinyin", "allow");
        List<String> terms = new ArrayList<>();
        if (f.has("terms")) terms.addAll(f.strings("terms"));
        if (f.has("file")) {
            Path file = baseDir == null ? Path.of(f.string("file")) : baseDir.resolve(f.string("file"));
            try {
                terms.addAll(TermList.parseLines(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw f.error("file", "cannot read the term file " + file + ": " + e.getMessage());
            }
        }
        if (terms.isEmpty()) throw new PolicyException(line(f.node), "list '" + name + "' has no terms: give terms or file");
        Set<Evasion> evasions = EnumSet.copyOf(Evasion.DEFAULTS);
        if (f.has("evasions")) {
            evasions = EnumSet.noneOf(Evasion.class);
            for (Node n : f.sequence("evasions")) evasions.add(enumValue(Evasion.class, n, "an evasion family"));
        }
        if (f.has("pinyin") && f.bool("pinyin")) evasions.add(Evasion.PINYIN);
        boolean wholeWords = !f.has("wholeWords") || f.bool("wholeWords");
        List<String> allow = f.has("allow") ? f.strings("allow") : List.of();
        return new TermList(name, terms, new TermListOptions(evasions, wholeWords, allow));
    }

    private Rule rule(Fields f, Set<String> lists, List<String> banks) throws PolicyException {
        f.only("id", "version", "title", "explanation", "category", "scope", "match", "conditions", "action",
                "severity", "mode");
        String id = f.string("id");
        if (!id.matches("[a-z0-9][a-z0-9_.-]{0,63}")) {
            throw f.error("id", "rule ids are 1 to 64 characters a-z, 0-9, '-', '_' and '.'");
        }
        String match = f.has("match") ? f.string("match") : "any";
        if (!match.equals("any") && !match.equals("all")) throw f.error("match", "match is 'any' or 'all'");
        List<Condition> conditions = new ArrayList<>();
        for (Node n : f.sequence("conditions")) conditions.add(condition(map(n, "a condition"), lists, banks));
        if (conditions.isEmpty()) throw f.error("conditions", "a rule needs at least one condition");
        return new Rule(id, f.integer("version", 1, Integer.MAX_VALUE), f.string("title"), f.string("explanation"),
                f.enumValue("category", Category.class),
                f.has("scope") ? f.enumValue("scope", RuleScope.class) : RuleScope.ANY,
                match.equals("all"), conditions, f.enumValue("action", Action.class),
                f.integer("severity", 0, MAX_SEVERITY),
                f.has("mode") ? f.enumValue("mode", Mode.class) : Mode.ENFORCE);
    }

    private Condition condition(Fields f, Set<String> lists, List<String> banks) throws PolicyException {
        if (f.node.getValue().size() != 1) {
            throw new PolicyException(line(f.node), "a condition is one of text: LIST, regex: PATTERN, image: BANK or ocr: LIST");
        }
        String kind = scalar(f.node.getValue().getFirst().getKeyNode(), "a condition type");
        String value = f.string(kind);
        return switch (kind) {
            case "text", "ocr" -> {
                if (!lists.contains(value)) throw f.error(kind, "there is no list named '" + value + "' under lists");
                yield kind.equals("text") ? new Condition.TextList(value) : new Condition.ImageText(value);
            }
            case "image" -> {
                if (!banks.contains(value)) throw f.error(kind, "there is no bank named '" + value + "' under banks");
                yield new Condition.ImageBank(value);
            }
            case "regex" -> {
                try {
                    Pattern.compile(value);
                    yield new Condition.Regex(value);
                } catch (PatternSyntaxException e) {
                    throw f.error(kind, "not a valid regular expression (RE2 syntax): " + e.getMessage());
                }
            }
            default -> throw new PolicyException(line(f.node), "unknown condition '" + kind
                    + "'; use text, regex, image or ocr");
        };
    }

    /** A mapping node and its fields, with errors that name the line. */
    private static final class Fields {
        final MappingNode node;
        final String what;
        final Map<String, Node> values = new LinkedHashMap<>();

        Fields(MappingNode node, String what) throws PolicyException {
            this.node = node;
            this.what = what;
            for (NodeTuple t : node.getValue()) values.put(scalar(t.getKeyNode(), "a key"), t.getValueNode());
        }

        void only(String... allowed) throws PolicyException {
            Set<String> ok = Set.of(allowed);
            for (NodeTuple t : node.getValue()) {
                String key = ((ScalarNode) t.getKeyNode()).getValue();
                if (!ok.contains(key)) {
                    throw new PolicyException(line(t.getKeyNode()), "unknown key '" + key + "' in " + what
                            + "; expected one of " + String.join(", ", allowed));
                }
            }
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        Node get(String key) throws PolicyException {
            Node n = values.get(key);
            if (n == null) throw new PolicyException(line(node), what + " needs '" + key + "'");
            return n;
        }

        PolicyException error(String key, String message) {
            Node n = values.getOrDefault(key, node);
            return new PolicyException(line(n), message);
        }

        String string(String key) throws PolicyException {
            String s = scalar(get(key), "'" + key + "'").trim();
            if (s.isEmpty()) throw error(key, "'" + key + "' is empty");
            return s;
        }

        List<String> strings(String key) throws PolicyException {
            List<String> out = new ArrayList<>();
            for (Node n : sequence(key)) out.add(scalar(n, "an entry of '" + key + "'"));
            return out;
        }

        Fields map(String key) throws PolicyException {
            return PolicyParser.map(get(key), "'" + key + "'");
        }

        List<Node> sequence(String key) throws PolicyException {
            Node n = get(key);
            if (!(n instanceof SequenceNode s)) throw new PolicyException(line(n), "'" + key + "' must be a list (- item)");
            return s.getValue();
        }

        int integer(String key, int min, int max) throws PolicyException {
            return convert(key, s -> {
                int v = Integer.parseInt(s);
                if (v < min || v > max) throw new IllegalArgumentException("must be " + min + " to " + max);
                return v;
            }, "a whole number");
        }

        boolean bool(String key) throws PolicyException {
            return convert(key, s -> switch (s) {
                case "true", "yes" -> true;
                case "false", "no" -> false;
                default -> throw new IllegalArgumentException("must be true or false");
            }, "true or false");
        }

        Duration duration(String key) throws PolicyException {
            return convert(key, Durations::parse, "a duration such as 24h or 7d");
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type) throws PolicyException {
            return PolicyParser.enumValue(type, get(key), "'" + key + "'");
        }

        private <T> T convert(String key, Function<String, T> parse, String expected) throws PolicyException {
            String raw = string(key);
            try {
                return parse.apply(raw);
            } catch (RuntimeException e) {
                String why = e instanceof NumberFormatException || e.getMessage() == null ? "must be " + expected : e.getMessage();
                throw error(key, "'" + key + "' is '" + raw + "': " + why);
            }
        }
    }

    private static Fields map(Node n, String what) throws PolicyException {
        if (!(n instanceof MappingNode m)) throw new PolicyException(line(n), what + " must be a mapping (key: value)");
        return new Fields(m, what);
    }

    private static String scalar(Node n, String what) throws PolicyException {
        if (!(n instanceof ScalarNode s)) throw new PolicyException(line(n), what + " must be a single value");
        return s.getValue();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Node n, String what) throws PolicyException {
        String raw = scalar(n, what);
        return WireName.parse(type, raw).orElseThrow(() -> new PolicyException(line(n),
                "'" + raw + "' is not " + what + "; use one of " + WireName.choices(type)));
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
