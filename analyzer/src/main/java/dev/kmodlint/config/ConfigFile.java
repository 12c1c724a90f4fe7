package dev.kmodlint.config;

import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Rule;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One {@code .kmodlint.yaml}:
 * <pre>
 * rules:                      # a rule ID or a family: off, on, error, warning or note
 *   kconfig: off
 *   kconfig/syntax: on        # the more specific entry wins
 *   param/symbolic-permission: warning
 * exclude: [vendor/**, "*_test.c"]   # globs relative to this file's directory
 * kdir: /lib/modules/6.1.0-21-amd64/build
 * symvers: [../core/Module.symvers]
 * fail-on: warning            # error, warning, note or none
 * </pre>
 * Paths are relative to the directory of the file. Findings in excluded files are not
 * reported, but the files are still read, so the modules they belong to are complete.
 */
public record ConfigFile(Path file, Map<String, Setting> rules, List<String> exclude, Optional<Path> kdir,
    List<Path> symvers, Optional<String> failOn, Map<String, Integer> ruleLines) {
  public static final String FILE_NAME = ".kmodlint.yaml";
  public static final Set<String> FAIL_ON = Set.of("error", "warning", "note", "none");
  private static final Set<String> KEYS = Set.of("rules", "exclude", "kdir", "symvers", "fail-on");

  /** What {@code rules:} says about a rule or family: off, on, or on at a level. */
  public record Setting(boolean enabled, Optional<Level> level) {}

  /** An invalid configuration file: the message is one line, {@code file:line: what}. */
  public static final class InvalidConfigurationException extends IOException {
    public InvalidConfigurationException(String message) {
      super(message);
    }
  }

  public ConfigFile {
    rules = Map.copyOf(rules);
    exclude = List.copyOf(exclude);
    symvers = List.copyOf(symvers);
    ruleLines = Map.copyOf(ruleLines);
  }

  /** A configuration that does not say where its entries are. */
  public ConfigFile(Path file, Map<String, Setting> rules, List<String> exclude, Optional<Path> kdir,
      List<Path> symvers, Optional<String> failOn) {
    this(file, rules, exclude, kdir, symvers, failOn, Map.of());
  }

  /** The line of the {@code rules:} entry for {@code id}; 1 when unknown. */
  public int lineOf(String id) {
    return ruleLines.getOrDefault(id, 1);
  }

  public Path directory() {
    return file.toAbsolutePath().normalize().getParent();
  }

  /** The setting for {@code ruleId}: its own entry, else its family's, else none. */
  public Optional<Setting> settingFor(String ruleId) {
    Setting own = rules.get(ruleId);
    if (own != null) return Optional.of(own);
    int slash = ruleId.indexOf('/');
    return Optional.ofNullable(slash < 0 ? null : rules.get(ruleId.substring(0, slash)));
  }

  /** True when {@code file} matches an {@code exclude} glob (relative to this file's directory). */
  public boolean excludes(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    if (!abs.startsWith(directory())) return false;
    Path rel = directory().relativize(abs);
    for (String glob : exclude) {
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      if (m.matches(rel) || m.matches(rel.getFileName())) return true;
      // "dir/**" should also mean "everything under dir" one level down
      if (glob.endsWith("/**") && rel.startsWith(glob.substring(0, glob.length() - 3))) return true;
    }
    return false;
  }

  /** The nearest {@code .kmodlint.yaml} in {@code start} (a directory or a file's directory) or above. */
  public static Optional<Path> find(Path start) {
    Path dir = start.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) dir = dir.getParent();
    for (; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(FILE_NAME);
      if (Files.isRegularFile(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }

  public static ConfigFile read(Path file) throws IOException {
    byte[] bytes = dev.kmodlint.text.BoundedReader.read(file, 1L << 20);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
    java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
    if (r.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) if (bytes[i] == '\n') line++;
      throw new InvalidConfigurationException(file + ":" + line + ": not UTF-8 text");
    }
    return parse(file, new java.io.StringReader(out.flip().toString()));
  }

  static ConfigFile parse(Path file, Reader text) throws InvalidConfigurationException {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      root = new Yaml(options).compose(text);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new InvalidConfigurationException(file + ":" + (m == null ? 1 : m.getLine() + 1) + ": invalid YAML: "
          + (e.getProblem() != null ? e.getProblem() : e.getMessage().lines().findFirst().orElse("")));
    } catch (YAMLException e) {
      throw new InvalidConfigurationException(file + ":1: invalid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    if (root == null) return new ConfigFile(file, Map.of(), List.of(), Optional.empty(), List.of(), Optional.empty());
    MappingNode top = mapping(file, root, "the file");
    Map<String, Setting> rules = new LinkedHashMap<>();
    Map<String, Integer> ruleLines = new LinkedHashMap<>();
    List<String> exclude = new ArrayList<>();
    Optional<Path> kdir = Optional.empty();
    List<Path> symvers = new ArrayList<>();
    Optional<String> failOn = Optional.empty();
    for (NodeTuple t : top.getValue()) {
      String key = scalar(file, t.getKeyNode(), "a key");
      Node value = t.getValueNode();
      switch (key) {
        case "rules" -> {
          for (NodeTuple r : mapping(file, value, "rules").getValue()) {
            String id = scalar(file, r.getKeyNode(), "a rule ID or family");
            if (!id.matches("[a-z]+(/[a-z0-9]+(-[a-z0-9]+)*)?"))
              throw error(file, r.getKeyNode(), "'" + id + "' is not a rule ID (family/name) or family");
            rules.put(id, setting(file, r.getValueNode()));
            ruleLines.put(id, r.getKeyNode().getStartMark().getLine() + 1);
          }
        }
        case "exclude" -> {
          for (String glob : strings(file, value, "exclude")) {
            try {
              FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (IllegalArgumentException e) { // PatternSyntaxException is one
              throw error(file, value, "exclude: '" + glob + "' is not a glob ("
                  + (e instanceof java.util.regex.PatternSyntaxException p ? p.getDescription() : e.getMessage()) + ")");
            }
            exclude.add(glob);
          }
        }
        case "kdir" -> kdir = Optional.of(dir.resolve(scalar(file, value, "kdir")));
        case "symvers" -> strings(file, value, "symvers").forEach(s -> symvers.add(dir.resolve(s)));
        case "fail-on" -> {
          String v = scalar(file, value, "fail-on");
          if (!FAIL_ON.contains(v)) throw error(file, value, "fail-on must be error, warning, note or none, not '" + v + "'");
          failOn = Optional.of(v);
        }
        default -> throw error(file, t.getKeyNode(), "unknown key '" + key + "' (known: " + String.join(", ",
            KEYS.stream().sorted().toList()) + ")");
      }
    }
    return new ConfigFile(file, rules, exclude, kdir, symvers, failOn, ruleLines);
  }

  /** Rule IDs and families of {@code rules:} that name no rule of {@code known}: they would silently do nothing. */
  public List<String> unknownRules(Set<String> known) {
    List<String> out = new ArrayList<>();
    for (String id : rules.keySet()) {
      boolean family = !id.contains("/");
      boolean exists = family ? known.stream().anyMatch(k -> k.startsWith(id + "/")) : known.contains(id);
      if (!exists) out.add(id);
    }
    return out;
  }

  private static Setting setting(Path file, Node value) throws InvalidConfigurationException {
    // YAML 1.1 reads a bare off/on as a boolean; both spellings mean the same here
    String v = scalar(file, value, "a rule setting").toLowerCase(java.util.Locale.ROOT);
    return switch (v) {
      case "off", "false" -> new Setting(false, Optional.empty());
      case "on", "true" -> new Setting(true, Optional.empty());
      case "error" -> new Setting(true, Optional.of(Level.ERROR));
      case "warning" -> new Setting(true, Optional.of(Level.WARNING));
      case "note" -> new Setting(true, Optional.of(Level.NOTE));
      default -> throw error(file, value, "a rule setting is off, on, error, warning or note, not '" + v + "'");
    };
  }

  private static MappingNode mapping(Path file, Node n, String what) throws InvalidConfigurationException {
    if (n instanceof MappingNode m) return m;
    throw error(file, n, what + " must be a mapping (key: value lines)");
  }

  private static String scalar(Path file, Node n, String what) throws InvalidConfigurationException {
    if (n instanceof ScalarNode s && !s.getValue().isBlank()) return s.getValue().strip();
    throw error(file, n, what + " must be a single value");
  }

  private static List<String> strings(Path file, Node n, String what) throws InvalidConfigurationException {
    if (n instanceof ScalarNode) return List.of(scalar(file, n, what));
    if (!(n instanceof SequenceNode seq)) throw error(file, n, what + " must be a value or a list of values");
    List<String> out = new ArrayList<>();
    for (Node item : seq.getValue()) out.add(scalar(file, item, "each entry of " + what));
    return out;
  }

  private static InvalidConfigurationException error(Path file, Node at, String message) {
    return new InvalidConfigurationException(file + ":" + (at.getStartMark().getLine() + 1) + ": " + message);
  }
}
