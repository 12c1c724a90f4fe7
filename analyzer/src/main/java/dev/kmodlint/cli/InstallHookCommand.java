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
 * pre-commit framework. It checks what is being committed, as pre-commit does: the staged
 * version of each staged C file, header, Kbuild file, Makefile and Kconfig file, with the whole
 * of its module as staged, copied from the index into {@code .git/kmodlint-staged}; unstaged
 * edits in the work tree are neither checked nor able to hide a bad staged line. A finding at
 * {@code --fail-on} refuses the commit.
 */
@Command(name = "install-hook", mixinStandardHelpOptions = true,
    defaultValueProvider = InstallHookCommand.Defaults.class,
    description = {"Write a git pre-commit hook (.git/hooks/pre-commit) that checks what is being committed: at each"
        + " commit it copies the staged C files, headers, Kbuild files, Makefiles and Kconfig files, with the whole"
        + " of their modules as staged, from the index into",
        "  .git/kmodlint-staged",
        "and runs there",
        "  CMD check --fail-on LEVEL -- STAGED-FILES...",
        "Unstaged edits are neither checked nor able to hide a staged problem. git commit --no-verify skips the"
            + " hook once."})
final class InstallHookCommand implements Callable<Integer> {
  static final String MARKER = "# kmodlint pre-commit hook";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "the git repository (default: .)")
  Path repo;

  @Option(names = "--command", paramLabel = "CMD",
      description = {"CMD above: how the hook runs kmodlint (default here: ${DEFAULT-VALUE}; the default is this"
          + " checkout's launcher, else java -jar with this kmodlint's jar, else kmodlint on PATH)"})
  String command;

  /** The default of --command, computed where this kmodlint runs from, so that --help shows it. */
  static final class Defaults implements CommandLine.IDefaultValueProvider {
    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
      if (arg instanceof CommandLine.Model.OptionSpec o && o.longestName().equals("--command")) return defaultCommand();
      return null;
    }
  }

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
    String kmodlint = command != null ? command : defaultCommand();
    Files.writeString(hook, script(kmodlint, failOn.name()), StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      hook.toFile().setExecutable(true);
    }
    spec.commandLine().getOut().println("kmodlint: wrote " + hook + "; at each commit it runs, on the staged files"
        + " copied to .git/kmodlint-staged: " + kmodlint + " check --fail-on " + failOn.name() + " -- FILES...");
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

  /**
   * The hook. Why a copy of the index rather than {@code git stash --keep-index}: stashing
   * rewrites the work tree under the user's editor, loses nothing only if every step succeeds
   * (a hook killed between stash and pop leaves the edits in the stash), and conflicts when the
   * unstaged edits touch staged lines. A copy of the index leaves the work tree alone, and holds
   * exactly what the commit will hold. It is kept in one place, so that kmodlint's fact cache
   * serves the next commit, and emptied each time; its {@code .git} marks where kmodlint stops
   * looking for a module's Kbuild file.
   */
  static String script(String kmodlint, String failOn) {
    return String.join("\n", List.of(
        "#!/usr/bin/env bash",
        MARKER + " (written by `kmodlint install-hook`; `kmodlint install-hook` again rewrites it)",
        "# Checks what is being committed: the staged version of each staged C file, header, Kbuild file,",
        "# Makefile and Kconfig file, with the whole of its module as staged, copied from the index into",
        "# .git/kmodlint-staged (unstaged edits are not committed, so they are not checked either). A finding",
        "# at or above '" + failOn + "' refuses the commit. It runs, in that copy:",
        "#   " + kmodlint.replace("\n", " ") + " check --fail-on " + failOn + " -- FILES...",
        "# Silence one finding with a kmodlint-disable-line comment (see README).",
        "# Skip the hook once with: git commit --no-verify",
        "set -euo pipefail",
        "export GIT_LITERAL_PATHSPECS=1",
        "top=$(git rev-parse --show-toplevel)",
        "stage=$(cd \"$(git rev-parse --git-dir)\" && pwd)/kmodlint-staged",
        "cd \"$top\"",
        "files=()",
        "while IFS= read -r -d '' f; do",
        "  case \"$f\" in",
        "    *.c | *.h | Kbuild | */Kbuild | Makefile | */Makefile | Kconfig* | */Kconfig*) files+=(\"$f\") ;;",
        "  esac",
        "done < <(git diff --cached --name-only --diff-filter=ACMR -z)",
        "[ ${#files[@]} -gt 0 ] || exit 0",
        "# each file's module as the index has it: the nearest directory with a Kbuild file or Makefile",
        "dirs=()",
        "for f in \"${files[@]}\"; do",
        "  d=$(dirname -- \"$f\")",
        "  m=$d",
        "  while :; do",
        "    if [ -n \"$(git ls-files --cached -- \"$d/Kbuild\" \"$d/Makefile\" \"$d/makefile\" \"$d/GNUmakefile\")\" ]; then",
        "      m=$d",
        "      break",
        "    fi",
        "    [ \"$d\" = . ] && break",
        "    d=$(dirname -- \"$d\")",
        "  done",
        "  dirs+=(\"$m\")",
        "done",
        "rm -rf \"$stage\"",
        "mkdir -p \"$stage/.git\"",
        "{",
        "  git ls-files --cached -z -- \"${dirs[@]}\"",
        "  GIT_LITERAL_PATHSPECS=0 git ls-files --cached -z -- ':(glob)**/.kmodlint.yaml'",
        "} | git checkout-index -z --stdin --force --prefix=\"$stage/\"",
        "# a .kmodlint.yaml that is not committed still configures the check, as it does in the work tree",
        "for m in \"${dirs[@]}\"; do",
        "  while :; do",
        "    if [ -f \"$m/.kmodlint.yaml\" ] && [ ! -e \"$stage/$m/.kmodlint.yaml\" ]; then",
        "      mkdir -p \"$stage/$m\" && cp -- \"$m/.kmodlint.yaml\" \"$stage/$m/\"",
        "    fi",
        "    [ \"$m\" = . ] && break",
        "    m=$(dirname -- \"$m\")",
        "  done",
        "done",
        "cd \"$stage\"",
        kmodlint + " check --fail-on " + failOn + " -- \"${files[@]}\"",
        ""));
  }
}
