package org.stoa.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stoa.engine.policy.Durations;
import org.stoa.server.accounts.ReservedUsernames;
import org.stoa.server.limits.Limit;
import org.stoa.server.limits.Quota;

/**
 * Reads {@link StoaConfig} from a YAML file (nested keys, e.g. {@code server: {port: 8080}}) and
 * {@code STOA_*} environment variables, which win ({@code server.port} is {@code STOA_SERVER_PORT},
 * {@code limits.messagesPerAccountBurst} is {@code STOA_LIMITS_MESSAGES_PER_ACCOUNT_BURST}).
 * Unknown keys and bad values stop start-up with a message naming the setting.
 */
public final class ConfigLoader {

    /** A setting: its key in stoa.yaml, its default, and what it is for. */
    public record Setting(String key, String defaultValue, String help) {
        /** The environment variable that sets it, e.g. {@code STOA_SERVER_PORT}. */
        public String envName() {
            return "STOA_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
        }
    }

    private static final List<Setting> SETTINGS = allSettings();

    private static List<Setting> allSettings() {
        List<Setting> all = new ArrayList<>(List.of(
                new Setting("server.host", "0.0.0.0", "address to listen on"),
                new Setting("server.port", "8080", "TCP port, 0 for any free port"),
                new Setting("data.dir", "./stoa-data", "folder for the SQLite database and media files"),
                new Setting("storage.url", "", "PostgreSQL database, postgresql://user:password@host:port/db; empty: SQLite in data.dir"),
                new Setting("media.dir", "", "folder for media files, shared by every node of a cluster; empty: data.dir/media"),
                new Setting("exports.dir", "", "folder for accounts' data exports (kept 7 days), shared by every node of a cluster;"
                        + " empty: data.dir/exports"),
                new Setting("cluster.bus", "", "Redis or Valkey server connecting several nodes, redis://[:password@]host:port;"
                        + " empty: this server runs alone"),
                new Setting("sessions.ttl", "30d", "how long a login token stays valid"),
                new Setting("accounts.reservedUsernames", "admin,administrator,moderator,mod,support,system,root,stoa,"
                        + "staff,security,abuse,safety,help,official,postmaster,webmaster,noreply",
                        "names only ./stoa admin create-user gives out, also with digits or as a part of a name (stoa.support)"),
                new Setting("events.retention", "30d", "how long stream events are kept for clients to resume from"),
                new Setting("media.maxBytes", "20MB", "largest image upload"),
                new Setting("media.maxFileBytes", "50MB", "largest file upload (PDF, text, office documents, archives)"),
                new Setting("media.maxPixels", "50000000", "largest image in pixels (decompression bombs)"),
                new Setting("groups.maxMembers", "500", "largest group"),
                new Setting("groups.maxPublicMembers", "5000", "largest public group (members who joined from the directory)"),
                new Setting("server.shutdownGrace", "10s", "time in-flight requests get to finish on shutdown"),
                new Setting("server.memory", "1g", "Java heap limit ./stoa serve starts the server with"),
                new Setting("log.format", "auto", "auto (text at a terminal, JSON lines otherwise), text or json"),
                new Setting("policy.file", "", "moderation policy YAML; empty: the bundled sample policy"),
                new Setting("ocr.enabled", "true", "read text in images with Tesseract, off the send path"),
                new Setting("transparency.public", "true",
                        "whether anyone may read the transparency report (false: moderators and admins only)"),
                new Setting("server.publicAddress", "", "host or host:port other Stoa servers reach this one at (e.g."
                        + " chat.example.org, served over https); empty: moves to other servers are off"),
                new Setting("moves.allowPrivateAddresses", "false", "let moves check Stoa servers at loopback and"
                        + " private-network addresses, over http for loopback (two servers on one machine); never on a public server")));
        for (Limit limit : Limit.values()) all.add(new Setting(limit.settingKey(), limit.defaultValue(), limit.help()));
        return List.copyOf(all);
    }

    private ConfigLoader() {}

    /** Loads from {@code yamlFile} (may be absent when not {@code required}) and the environment. */
    public static StoaConfig load(Path yamlFile, boolean required, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        if (Files.exists(yamlFile)) {
            values.putAll(readYaml(yamlFile));
        } else if (required) {
            throw new ConfigException("configuration file " + yamlFile + " does not exist");
        }
        for (Setting s : SETTINGS) {
            String v = env.get(s.envName());
            if (v != null) values.put(s.key(), v);
        }
        return fromMap(values);
    }

    /**
     * The server's settings as {@code stoa serve} finds them: {@code explicitFile} ({@code --config}),
     * else {@code $STOA_CONFIG}, else {@code ./stoa.yaml} if it exists; then {@code STOA_*}.
     */
    public static StoaConfig loadForServe(Path explicitFile, Map<String, String> env) {
        String fromEnv = env.get("STOA_CONFIG");
        Path file = explicitFile != null ? explicitFile : Path.of(fromEnv != null ? fromEnv : "stoa.yaml");
        return load(file, explicitFile != null || fromEnv != null, env);
    }

    /** Builds a config from {@code key -> value} settings over the defaults (used by tests and tools). */
    public static StoaConfig fromMap(Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Setting s : SETTINGS) v.put(s.key(), s.defaultValue());
        for (var e : overrides.entrySet()) {
            if (!v.containsKey(e.getKey())) {
                throw new ConfigException("unknown setting '" + e.getKey() + "'; known settings: " + knownKeys());
            }
            v.put(e.getKey(), e.getValue());
        }
        return new StoaConfig(
                parse(v, "server.host", s -> s),
                parse(v, "server.port", ConfigLoader::port),
                parse(v, "data.dir", ConfigLoader::path),
                parse(v, "sessions.ttl", ConfigLoader::duration),
                parse(v, "accounts.reservedUsernames", ReservedUsernames::parse),
                parse(v, "events.retention", ConfigLoader::duration),
                parse(v, "media.maxBytes", ConfigLoader::bytes),
                parse(v, "media.maxFileBytes", ConfigLoader::bytes),
                parse(v, "media.maxPixels", s -> positiveLong(s)),
                parse(v, "groups.maxMembers", s -> (int) Math.min(Integer.MAX_VALUE, positiveLong(s))),
                parse(v, "groups.maxPublicMembers", s -> (int) Math.min(Integer.MAX_VALUE, positiveLong(s))),
                parse(v, "server.shutdownGrace", ConfigLoader::duration),
                parse(v, "server.memory", ConfigLoader::heapSize),
                parse(v, "log.format", s -> switch (s.toLowerCase(Locale.ROOT)) {
                    case "auto" -> StoaConfig.LogFormat.AUTO;
                    case "json" -> StoaConfig.LogFormat.JSON;
                    case "text" -> StoaConfig.LogFormat.TEXT;
                    default -> throw new IllegalArgumentException("expected auto, text or json");
                }),
                parse(v, "policy.file", s -> s.isEmpty() ? Optional.<Path>empty() : Optional.of(path(s))),
                parse(v, "ocr.enabled", ConfigLoader::bool),
                parse(v, "transparency.public", ConfigLoader::bool),
                parse(v, "server.publicAddress", s -> s.isEmpty() ? Optional.<ServerAddress>empty()
                        : Optional.of(ServerAddress.parse(s).orElseThrow(() -> new IllegalArgumentException(
                                "expected a host or host:port such as chat.example.org or 127.0.0.1:8080, without a scheme or path")))),
                parse(v, "moves.allowPrivateAddresses", ConfigLoader::bool),
                limits(v),
                parse(v, "storage.url", s -> s.isEmpty() ? Optional.<StorageUrl>empty() : Optional.of(StorageUrl.parse(s))),
                parse(v, "media.dir", s -> s.isEmpty() ? Optional.<Path>empty() : Optional.of(path(s))),
                parse(v, "exports.dir", s -> s.isEmpty() ? Optional.<Path>empty() : Optional.of(path(s))),
                parse(v, "cluster.bus", s -> s.isEmpty() ? Optional.<BusUrl>empty() : Optional.of(BusUrl.parse(s))));
    }

    private static Map<Limit, Quota> limits(Map<String, String> values) {
        Map<Limit, Quota> limits = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) limits.put(limit, parse(values, limit.settingKey(), limit::parse));
        return limits;
    }

    /** Every setting, in the order {@code stoa serve --help} lists them. */
    public static List<Setting> settings() {
        return SETTINGS;
    }

    private static <T> T parse(Map<String, String> values, String key, Function<String, T> parser) {
        String raw = values.get(key).trim();
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            Setting s = SETTINGS.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
            String shown = key.equals("storage.url") || key.equals("cluster.bus") ? StorageUrl.redact(raw) : raw; // never print a password
            throw new ConfigException("bad setting " + key + " (" + s.envName() + ") = '" + shown + "': "
                    + (e.getMessage() == null ? "invalid value" : e.getMessage()) + "; it is the " + s.help());
        }
    }

    private static Map<String, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) return out;
        if (!root.isObject()) throw new ConfigException(file + " must hold a mapping of settings");
        flatten("", root, out, file);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue().isObject()) {
                flatten(key, e.getValue(), out, file);
            } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                if (SETTINGS.stream().noneMatch(s -> s.key().equals(key))) {
                    throw new ConfigException("unknown setting '" + key + "' in " + file + "; known settings: " + knownKeys());
                }
                out.put(key, e.getValue().asText());
            } else {
                throw new ConfigException("setting '" + key + "' in " + file + " must be a single value");
            }
        }
    }

    private static String knownKeys() {
        return String.join(", ", SETTINGS.stream().map(Setting::key).toList());
    }

    private static int port(String s) {
        int p = Integer.parseInt(s);
        if (p < 0 || p > 65535) throw new IllegalArgumentException("a port is 0 to 65535");
        return p;
    }

    private static boolean bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    private static long positiveLong(String s) {
        long v = Long.parseLong(s.replace("_", ""));
        if (v <= 0) throw new IllegalArgumentException("must be positive");
        return v;
    }

    private static Duration duration(String s) {
        return Durations.parse(s);
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb?|mb?|gb?)?");

    private static long bytes(String s) {
        Matcher m = SIZE.matcher(s.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("expected a size such as 512KB or 20MB");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long v = switch (unit.charAt(0)) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> n;
        };
        if (v <= 0) throw new IllegalArgumentException("must be positive");
        return v;
    }

    /** A heap is whole megabytes, at least 128 MB: less cannot hold the server. */
    private static long heapSize(String s) {
        long v = bytes(s);
        if (v < 128L << 20) throw new IllegalArgumentException("the server needs at least 128MB");
        return v >> 20 << 20;
    }

    private static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path");
        }
    }
}
