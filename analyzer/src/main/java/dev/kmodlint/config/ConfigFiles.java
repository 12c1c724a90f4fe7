package dev.kmodlint.config;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.RuleDescriptor;
import dev.kmodlint.rule.Suggestions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code .kmodlint.yaml} files of a run. A finding obeys the nearest one at or above its
 * file's directory (they are not merged: the nearest wins whole, as with {@code .editorconfig}
 * roots); the run-wide settings ({@code kdir}, {@code symvers}, {@code fail-on}) come from
 * the one nearest to the first scanned path.
 */
public final class ConfigFiles {
  private final Map<Path, Optional<ConfigFile>> byDirectory = new HashMap<>();
  private final Optional<ConfigFile> primary;
  /** False when one file ({@code --config FILE}) or none ({@code --no-config}) holds for every finding. */
  private final boolean lookUp;

  private ConfigFiles(Optional<ConfigFile> primary, boolean lookUp) {
    this.primary = primary;
    this.lookUp = lookUp;
  }

  /** {@code conf} for every finding, wherever it is. */
  public static ConfigFiles of(ConfigFile conf) {
    return new ConfigFiles(Optional.of(conf), false);
  }

  /** No configuration at all. */
  public static ConfigFiles none() {
    return new ConfigFiles(Optional.empty(), false);
  }

  /** Reads the configuration of every input now, so that an invalid one stops the run before it starts. */
  public static ConfigFiles forInputs(List<Path> inputs) throws IOException {
    ConfigFiles c = new ConfigFiles(Optional.empty(), true);
    Optional<ConfigFile> first = Optional.empty();
    for (Path in : inputs) {
      Optional<ConfigFile> conf = c.nearest(in);
      if (first.isEmpty()) first = conf;
    }
    ConfigFiles out = new ConfigFiles(first, true);
    out.byDirectory.putAll(c.byDirectory);
    return out;
  }

  public Optional<ConfigFile> primary() {
    return primary;
  }

  /** Drops findings of disabled rules and in excluded files, and sets the levels the configuration asks for. */
  public AnalysisResult apply(AnalysisResult result) throws IOException {
    List<Finding> findings = new ArrayList<>();
    for (Finding f : result.findings()) configure(f).ifPresent(findings::add);
    List<Finding> suppressed = new ArrayList<>();
    for (Finding f : result.suppressed()) configure(f).ifPresent(suppressed::add);
    List<Notification> notes = new ArrayList<>(result.notifications());
    Set<String> known = new LinkedHashSet<>(result.rules().stream().map(RuleDescriptor::id).toList());
    Set<Path> seen = new LinkedHashSet<>();
    List<Optional<ConfigFile>> used = new ArrayList<>(byDirectory.values());
    used.add(primary);
    for (Optional<ConfigFile> c : used) {
      if (c.isEmpty() || !seen.add(c.get().file())) continue;
      Set<String> names = new LinkedHashSet<>(known);
      for (String k : known) names.add(k.substring(0, k.indexOf('/')));
      for (String id : c.get().unknownRules(known)) {
        notes.add(Notification.at("config-unknown-rule", Level.WARNING, c.get().file() + " sets '" + id
            + "', which is neither a rule nor a family of rules ("
            + Suggestions.nearest(id, names).map(n -> "did you mean '" + n + "'?").orElse("see `kmodlint rules`") + ")",
            SourcePosition.line(c.get().file().toAbsolutePath().normalize(), c.get().lineOf(id))));
      }
    }
    notes.sort(null);
    findings.sort(null);
    suppressed.sort(null);
    return result.withFindings(findings, suppressed, notes);
  }

  /**
   * False when the configuration nearest to {@code file} turns {@code ruleId} off (itself or
   * its family), or excludes the file. A configuration file that cannot be read is an
   * {@link java.io.UncheckedIOException} whose cause says why.
   */
  public boolean enabled(Path file, String ruleId) {
    try {
      Optional<ConfigFile> conf = nearest(file);
      if (conf.isEmpty()) return true;
      if (conf.get().excludes(file)) return false;
      return conf.get().settingFor(ruleId).map(ConfigFile.Setting::enabled).orElse(true);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private Optional<Finding> configure(Finding f) throws IOException {
    Optional<ConfigFile> conf = nearest(f.position().file());
    if (conf.isEmpty()) return Optional.of(f);
    if (conf.get().excludes(f.position().file())) return Optional.empty();
    Optional<ConfigFile.Setting> s = conf.get().settingFor(f.ruleId());
    if (s.isEmpty()) return Optional.of(f);
    if (!s.get().enabled()) return Optional.empty();
    Level level = s.get().level().orElse(f.level());
    return Optional.of(level == f.level() ? f : f.withLevel(level));
  }

  private Optional<ConfigFile> nearest(Path path) throws IOException {
    if (!lookUp) return primary;
    Path dir = path.toAbsolutePath().normalize();
    if (!java.nio.file.Files.isDirectory(dir)) dir = dir.getParent();
    Optional<ConfigFile> cached = byDirectory.get(dir);
    if (cached != null) return cached;
    Optional<Path> file = ConfigFile.find(dir);
    Optional<ConfigFile> conf = Optional.empty();
    if (file.isPresent()) {
      Path confDir = file.get().getParent();
      Optional<ConfigFile> known = byDirectory.get(confDir);
      conf = known != null && known.isPresent() ? known : Optional.of(ConfigFile.read(file.get()));
      byDirectory.put(confDir, conf);
    }
    byDirectory.put(dir, conf);
    return conf;
  }
}
