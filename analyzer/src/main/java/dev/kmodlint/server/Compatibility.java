package dev.kmodlint.server;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an analysis reads from its process rather than from its command line: the kernel
 * index cache ({@code XDG_CACHE_HOME}, {@code user.home}), the fact cache of test runs, how
 * file names decode, which JVM runs it. A server answers a client only when these are the
 * same in both; otherwise the client runs the check itself.
 */
public final class Compatibility {
  private static final List<String> ENVIRONMENT = List.of("XDG_CACHE_HOME");
  private static final List<String> PROPERTIES = List.of("user.home", "kmodlint.cache.dir", "sun.jnu.encoding",
      "file.encoding", "java.home", "os.version");

  private Compatibility() {}

  /** This process's values (absent ones as the empty string with a marker, so that absent differs from empty). */
  public static Map<String, String> current() {
    Map<String, String> m = new TreeMap<>();
    for (String e : ENVIRONMENT) m.put("env " + e, value(System.getenv(e)));
    for (String p : PROPERTIES) m.put("property " + p, value(System.getProperty(p)));
    return m;
  }

  /** Why a client with {@code client}'s values cannot be answered here; null when it can. */
  static String mismatch(Map<String, String> client) {
    Map<String, String> own = current();
    for (Map.Entry<String, String> e : own.entrySet()) {
      String theirs = client.get(e.getKey());
      if (!e.getValue().equals(theirs)) return e.getKey() + " differs";
    }
    return null;
  }

  private static String value(String v) {
    return v == null ? "\u0000unset" : "=" + v;
  }
}
