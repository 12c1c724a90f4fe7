package dev.kmodlint.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/** Facts about kmodlint itself: name, version, where its documentation lives. */
public final class Tool {
  public static final String NAME = "kmodlint";
  public static final String INFORMATION_URI = "https://github.com/kmodlint/kmodlint";
  private static final Properties PROPERTIES = loadProperties();
  private static final String VERSION = PROPERTIES.getProperty("version", "0.0.0");

  private Tool() {}

  public static String version() {
    return VERSION;
  }

  /**
   * This build of kmodlint: the version, the id stamped at build time, and the size and time
   * of the jar it runs from, so that facts cached by another build of the same version are not
   * trusted (from class directories too, whose time does not change with their content).
   */
  public static String build() {
    String where = "unknown";
    try {
      java.security.CodeSource cs = Tool.class.getProtectionDomain().getCodeSource();
      if (cs != null && cs.getLocation() != null) {
        java.nio.file.Path p = java.nio.file.Path.of(cs.getLocation().toURI());
        where = p + "@" + java.nio.file.Files.size(p) + "@" + java.nio.file.Files.getLastModifiedTime(p).toMillis();
      }
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      // no location: the version alone keys the cache
    }
    return NAME + " " + VERSION + " build " + PROPERTIES.getProperty("build", "unknown") + " " + where;
  }

  public static String helpUri(String ruleId) {
    return INFORMATION_URI + "/blob/main/docs/rules/" + ruleId + ".md";
  }

  /** The rule's doc page (markdown), packaged from {@code docs/rules/<id>.md}. */
  public static Optional<String> ruleDoc(String ruleId) {
    try (InputStream in = Tool.class.getResourceAsStream("/dev/kmodlint/docs/rules/" + ruleId + ".md")) {
      if (in == null) return Optional.empty();
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Properties loadProperties() {
    Properties p = new Properties();
    try (InputStream in = Tool.class.getResourceAsStream("/dev/kmodlint/kmodlint.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
