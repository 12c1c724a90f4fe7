package dev.kmodlint.cli;

import dev.kmodlint.report.Tool;
import dev.kmodlint.server.CheckClient;
import dev.kmodlint.server.Compatibility;
import dev.kmodlint.server.Protocol;
import dev.kmodlint.server.SocketNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** How {@code check} hands itself to a running {@code kmodlint server}, and how it starts one. */
final class ServerUse {
  /** Idle timeout of a server that {@code --server always} starts. */
  static final String BACKGROUND_IDLE_MINUTES = "60";

  private ServerUse() {}

  /**
   * The exit code of the check as the server of the inputs' tree ran it (its stdout and stderr
   * copied to {@code main}'s), or empty: no server (and none started), or one that could not
   * answer; the caller then runs the check itself.
   */
  static Optional<Integer> forward(Main main, List<Path> paths, Path cacheDirOption, boolean start) {
    return forward(main.argv, paths, cacheDirOption, start, main.stdout, main.stderr);
  }

  /** The same for a command line {@code argv} with output to {@code stdout} and {@code stderr}. */
  static Optional<Integer> forward(List<String> argv, List<Path> paths, Path cacheDirOption, boolean start,
      java.io.OutputStream stdout, java.io.OutputStream stderr) {
    if (paths.isEmpty()) return Optional.empty();
    List<Path> inputs = new ArrayList<>();
    for (Path p : paths) {
      Path abs = p.toAbsolutePath().normalize();
      if (!Files.exists(abs)) return Optional.empty(); // the error is the same, and quicker, here
      inputs.add(Files.isDirectory(abs) ? abs : abs.getParent());
    }
    Path dir = inputs.get(0);
    for (Path in : inputs) while (!in.startsWith(dir)) dir = dir.getParent();
    Path cacheDir = (cacheDirOption != null ? cacheDirOption : defaultCacheDir()).toAbsolutePath();
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : Invocation.ENVIRONMENT) {
      String v = System.getenv(name);
      if (v != null) env.put(name, v);
    }
    Protocol.Request request = new Protocol.Request(Protocol.Kind.CHECK, Tool.build(), argv,
        Path.of("").toAbsolutePath().toString(), env, Terminal.isInteractive(), ProgressReporter.stderrIsTerminal(),
        Compatibility.current());
    Optional<Function<SocketNames.Location, List<String>>> launcher = start
        ? Optional.of(at -> serverCommand(at, cacheDir)) : Optional.empty();
    Optional<CheckClient.Answer> answer = CheckClient.check(request, cacheDir, dir, launcher, stderr);
    if (answer.isEmpty()) return Optional.empty();
    try {
      stdout.write(answer.get().stdout());
      stdout.flush();
    } catch (IOException e) {
      // stdout closed (a pipe that went away): as a standalone run, the exit code still tells
    }
    return Optional.of(answer.get().exitCode());
  }

  /**
   * {@link Main.Check#defaultCacheDir()} without loading what it loads (the kernel database's
   * class and its patterns): a client before the parser counts milliseconds. Only where to
   * look for the socket depends on it; a test holds the two equal.
   */
  static Path defaultCacheDir() {
    String forTests = System.getProperty("kmodlint.cache.dir");
    if (forTests != null) return Path.of(forTests);
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("kmodlint");
  }

  /** Options of check that take a value (any other option is a flag). */
  private static final java.util.Set<String> VALUED = java.util.Set.of("--format", "-o", "--output", "--fail-on",
      "--symvers", "--kdir", "--kernel", "-j", "--jobs", "--file-timeout", "--config", "--baseline", "--category", "--source-root",
      "--color", "--cache-dir", "--server");
  private static final java.util.Set<String> FLAGS = java.util.Set.of("--no-config", "--fail-on-new",
      "--omit-suppressed", "-q", "--quiet", "--no-cache");

  /**
   * Before the command line parser is even loaded: a plain {@code check} command line is
   * sent to a running server at once (a client that starts in a blink is most of what the
   * server saves on a small module). Whatever the line holds, the server parses it as a
   * standalone run would, so a mistake in it is reported the same. Empty when the line is
   * anything but plain (help, argument files, clustered or unknown options) or no server
   * answered: the caller then goes the usual way.
   */
  static Quick quick(String[] args, java.io.OutputStream stdout, java.io.OutputStream stderr) {
    if (args.length < 2 || !args[0].equals("check")) return Quick.NOT_TRIED;
    List<Path> paths = new ArrayList<>();
    Path cacheDir = null;
    String mode = "auto";
    boolean options = true;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (options && a.equals("--")) {
        options = false;
        continue;
      }
      if (options && a.startsWith("-") && a.length() > 1) {
        String name = a;
        String value = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
        if (FLAGS.contains(name) && value == null) continue;
        if (!VALUED.contains(name)) return Quick.NOT_TRIED;
        if (value == null) {
          if (++i >= args.length) return Quick.NOT_TRIED;
          value = args[i];
        }
        if (name.equals("--cache-dir")) cacheDir = Path.of(value);
        if (name.equals("--server")) mode = value.toLowerCase(java.util.Locale.ROOT);
        continue;
      }
      if (a.startsWith("@")) return Quick.NOT_TRIED; // an argument file: the parser's business
      paths.add(Path.of(a));
    }
    if (paths.isEmpty() || !mode.equals("auto") && !mode.equals("always")) return Quick.NOT_TRIED;
    try {
      Optional<Integer> code = forward(List.of(args), paths, cacheDir, mode.equals("always"), stdout, stderr);
      return new Quick(code, true);
    } catch (RuntimeException e) { // a path that is not one, say: the usual way reports it
      return Quick.NOT_TRIED;
    }
  }

  /** What {@link #quick} did: answered (the exit code), asked without an answer, or did not ask. */
  record Quick(Optional<Integer> code, boolean tried) {
    static final Quick NOT_TRIED = new Quick(Optional.empty(), false);
  }

  /** This JVM, with this class path, running {@code kmodlint server} for the tree of {@code at}. */
  static List<String> serverCommand(SocketNames.Location at, Path cacheDir) {
    List<String> cmd = new ArrayList<>();
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add(java);
    cmd.add("-Xss16m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-Xmn384m"); // as the launcher: syntax trees die young
    for (String prop : List.of("kmodlint.cache.dir")) {
      String v = System.getProperty(prop);
      if (v != null) cmd.add("-D" + prop + "=" + v);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.add("server");
    cmd.add("--idle-timeout");
    cmd.add(BACKGROUND_IDLE_MINUTES);
    cmd.add("--cache-dir");
    cmd.add(cacheDir.toString());
    cmd.add(at.root().toString());
    return cmd;
  }
}
