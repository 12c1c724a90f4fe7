package dev.kmodlint.kbuild;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a Makefile gets from outside itself when kbuild reads it. Everything not given
 * here is unknown to the evaluation (and conditionals on it take both branches).
 *
 * @param kernelConfig the target kernel's configuration, {@code CONFIG_FOO -> "y"}, {@code "m"} or
 *     a string as {@code auto.conf} writes it ({@code "\"text\""}); a symbol absent from it is not
 *     set. Empty when no .config is known: every {@code CONFIG_} value is then unknown.
 * @param commandLine variables given on make's command line ({@code --define CONFIG_X=m}, the
 *     variables of a dkms {@code MAKE[]} line); the file's own assignments do not change them
 *     unless written with {@code override}, as in make.
 * @param kernelRelease the target kernel's release ({@code 6.1.0-27-amd64}), when known: the
 *     value of KERNELRELEASE (otherwise unknown but not empty, which is how kbuild's pass over
 *     an out-of-tree Makefile is told apart from the user's).
 * @param kernelVersion {@code 6.1.115}: VERSION, PATCHLEVEL and SUBLEVEL, when known.
 * @param sourceTree the kernel source tree being scanned ({@code srctree}), when the Makefiles
 *     read belong to one: then {@code $(src)} is a path relative to it and relative paths are
 *     resolved against it, as in the kernel's own build. Otherwise a Makefile is an out-of-tree
 *     one: {@code $(src)}, {@code $(M)}, {@code $(PWD)} are its directory.
 * @param tree the files kmodlint reads: includes and {@code $(wildcard)} look only inside it.
 *     Empty: the directory of the Makefile read.
 */
public record KbuildEnvironment(
    Optional<Map<String, String>> kernelConfig,
    Map<String, String> commandLine,
    Optional<String> kernelRelease,
    Optional<String> kernelVersion,
    Optional<Path> sourceTree,
    Optional<Path> tree) {

  public KbuildEnvironment {
    kernelConfig = kernelConfig.map(Map::copyOf);
    commandLine = Map.copyOf(new LinkedHashMap<>(commandLine));
    sourceTree = sourceTree.map(p -> p.toAbsolutePath().normalize());
    tree = tree.map(p -> p.toAbsolutePath().normalize());
  }

  /** Nothing known from outside: no .config, no command line, no kernel. */
  public static KbuildEnvironment unknown() {
    return new KbuildEnvironment(Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  public KbuildEnvironment withKernelConfig(Map<String, String> config) {
    return new KbuildEnvironment(Optional.of(config), commandLine, kernelRelease, kernelVersion, sourceTree, tree);
  }

  public KbuildEnvironment withCommandLine(Map<String, String> variables) {
    return new KbuildEnvironment(kernelConfig, variables, kernelRelease, kernelVersion, sourceTree, tree);
  }

  public KbuildEnvironment withSourceTree(Optional<Path> srctree) {
    return new KbuildEnvironment(kernelConfig, commandLine, kernelRelease, kernelVersion, srctree, tree);
  }

  public KbuildEnvironment withTree(Optional<Path> root) {
    return new KbuildEnvironment(kernelConfig, commandLine, kernelRelease, kernelVersion, sourceTree, root);
  }

  private static final Pattern RELEASE = Pattern.compile("\\b(\\d+\\.\\d+\\.\\d+(?:-[A-Za-z0-9_.+~-]+)?)");
  private static final Pattern VERSION_IN_PARENS = Pattern.compile("\\((\\d+\\.\\d+\\.\\d+)");

  /**
   * The kernel of a description such as {@code Debian linux-headers 6.1.0-27-amd64 (6.1.115-1)}
   * or a bare release {@code 6.12.9}: the release, and the version in parentheses (else the
   * release's own numbers).
   */
  public KbuildEnvironment withKernel(String description) {
    Matcher r = RELEASE.matcher(description);
    if (!r.find()) return this;
    String release = r.group(1);
    Matcher v = VERSION_IN_PARENS.matcher(description);
    String version = v.find() ? v.group(1) : release.replaceFirst("-.*", "");
    return new KbuildEnvironment(kernelConfig, commandLine, Optional.of(release), Optional.of(version), sourceTree,
        tree);
  }

  /**
   * The root of the kernel source tree {@code path} is in, if any: the nearest directory at or
   * above it with the kernel's top {@code Kbuild}, {@code Makefile} and {@code Kconfig} (whose
   * first menu line is {@code mainmenu}); or the parent of a {@code drivers} directory whose
   * {@code Kconfig} opens the "Device Drivers" menu (an extraction of drivers/ alone).
   */
  public static Optional<Path> kernelSourceTree(Path path) {
    Path p = path.toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) p = p.getParent();
    for (Path d = p; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("Kbuild")) && Files.isRegularFile(d.resolve("Makefile"))
          && firstLineStarts(d.resolve("Kconfig"), "mainmenu")) {
        return Optional.of(d);
      }
      if (d.getFileName() != null && d.getFileName().toString().equals("drivers")
          && firstLineStarts(d.resolve("Kconfig"), "menu \"Device Drivers\"") && d.getParent() != null) {
        return Optional.of(d.getParent());
      }
    }
    return Optional.empty();
  }

  private static boolean firstLineStarts(Path file, String prefix) {
    if (!Files.isRegularFile(file)) return false;
    try (java.io.BufferedReader r = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      for (int i = 0; i < 20; i++) {
        String line = r.readLine();
        if (line == null) return false;
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) continue;
        return line.startsWith(prefix);
      }
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
    return false;
  }
}
