package dev.kmodlint.cli;

import dev.kmodlint.text.BoundedReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kmodlint install-hook}: a plain git pre-commit hook for those who do not use the
 * pre-commit framework. The hook passes the staged C files, headers, Kbuild files, Makefiles
 * and Kconfig files to {@code kmodlint check}, which analyzes their modules whole and reports
 * only what concerns those files; a finding at {@code --fail-on} refuses the commit.
 */
@Command(name = "install-hook", mixinStandardHelpOptions = true,
    description = "Write a git pre-commit hook that runs kmodlint on the staged files.")
final class InstallHookCommand implements Callable<Integer> {
  static final String MARKER = "# kmodlint pre-commit hook";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "the git repository (default: .)")
  Path repo;

  @Option(names = "--command", paramLabel = "CMD",
      description = "how the hook runs kmodlint (default: java -jar with this kmodlint's jar, else kmodlint on PATH)")
  String command;

  @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
      description = "refuse the commit for findings at or above LEVEL (default error)")
  Main.FailOn failOn;

  @Option(names = "--force", description = "replace a pre-commit hook kmodlint did not write")
  boolean force;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path hooks = hooksDirectory();
    Files.createDirectories(hooks);
    Path hook = hooks.resolve("pre-commit");
    // any bytes: the marker is ASCII, and someone else's hook may be written in any encoding
    if (Files.exists(hook) && !force && !new String(BoundedReader.read(hook, 1L << 20), StandardCharsets.ISO_8859_1)
        .contains(MARKER)) {
      throw new FileAlreadyExistsException(hook + ": a pre-commit hook exists already (--force replaces it)");
    }
    Files.writeString(hook, script(command != null ? command : defaultCommand(), failOn.name()),
        StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      hook.toFile().setExecutable(true);
    }
    spec.commandLine().getOut().println("kmodlint: wrote " + hook);
    return Main.OK;
  }

  /** {@code git rev-parse --git-path hooks}: honours core.hooksPath and linked work trees. */
  private Path hooksDirectory() throws IOException, InterruptedException {
    Path dir = repo.toAbsolutePath().normalize();
    Process p = new ProcessBuilder("git", "rev-parse", "--git-path", "hooks").directory(dir.toFile())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(dir + ": not a git repository (" + out.lines().findFirst().orElse("git failed") + ")");
    }
    return dir.resolve(out);
  }

  /**
   * The launcher of the checkout this kmodlint was built in (it rebuilds the jar when the
   * sources change), else the jar this kmodlint runs from, else {@code kmodlint} on PATH.
   */
  private static String defaultCommand() {
    try {
      Path self = Path.of(InstallHookCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path launcher = self.toAbsolutePath().getParent().resolveSibling("kmodlint");
      if (self.getFileName().toString().equals("kmodlint.jar") && Files.isExecutable(launcher)
          && Files.isRegularFile(launcher)) {
        return quote(launcher.toString());
      }
      if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return quote(java.toString()) + " -jar " + quote(self.toString());
      }
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      // fall through: no jar to point at
    }
    return "kmodlint";
  }

  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static String script(String kmodlint, String failOn) {
    return String.join("\n", List.of(
        "#!/bin/sh",
        MARKER + " (written by `kmodlint install-hook`; `kmodlint install-hook` again rewrites it)",
        "# Checks the staged C files, headers, Kbuild files, Makefiles and Kconfig files, each with the whole",
        "# of its module; a finding at or above '" + failOn + "' refuses the commit. It reads the files as they",
        "# are in the work tree. Silence one finding with a kmodlint-disable-line comment (see README).",
        "# Skip the hook once with: git commit --no-verify",
        "cd \"$(git rev-parse --show-toplevel)\"",
        "staged() {",
        "  git diff --cached --name-only --diff-filter=ACMR -z -- '*.c' '*.h' '*Kbuild' '*Makefile' '*Kconfig*'",
        "}",
        "[ -n \"$(staged | tr -d '\\0')\" ] || exit 0",
        "staged | xargs -0 " + kmodlint + " check --fail-on " + failOn + " --",
        ""));
  }
}
