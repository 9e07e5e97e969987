package org.stoa.server.accounts;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A login's browser and system in a few words ("Firefox on Linux"), from its User-Agent, for the
 * person to recognise their logins by. Only these words are kept, never the header itself.
 */
final class ClientNames {

    // Order matters: Edge and Opera say Chrome too, Chrome says Safari, Android says Linux.
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("edg/", "Edge"), Map.entry("opr/", "Opera"), Map.entry("firefox/", "Firefox"),
            Map.entry("chromium/", "Chromium"), Map.entry("chrome/", "Chrome"), Map.entry("safari/", "Safari"),
            Map.entry("curl/", "curl"), Map.entry("java-http-client", "Java"), Map.entry("python", "Python"));
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("android", "Android"), Map.entry("iphone", "iPhone"), Map.entry("ipad", "iPad"),
            Map.entry("windows", "Windows"), Map.entry("mac os", "macOS"), Map.entry("cros", "ChromeOS"),
            Map.entry("linux", "Linux"));

    private ClientNames() {}

    /** "Chrome on Android", "Firefox", "curl"; null when the header says nothing we know. */
    static String of(String userAgent) {
        if (userAgent == null) return null;
        String ua = userAgent.toLowerCase(Locale.ROOT);
        String browser = first(BROWSERS, ua);
        String system = first(SYSTEMS, ua);
        if (browser == null) return system;
        return system == null ? browser : browser + " on " + system;
    }

    private static String first(List<Map.Entry<String, String>> names, String ua) {
        for (Map.Entry<String, String> n : names) if (ua.contains(n.getKey())) return n.getValue();
        return null;
    }
}
