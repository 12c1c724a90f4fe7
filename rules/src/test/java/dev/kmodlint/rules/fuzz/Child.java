package dev.kmodlint.rules.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real command line in a JVM of its own, so that a hang, a {@code System.exit} from the
 * wrong place or an {@code OutOfMemoryError} is seen for what it is. Output goes to files (a
 * runaway report cannot fill a pipe and block the child); a run past its bound is killed with
 * everything it started.
 */
final class Child {
  /** What one run did. {@code code} is -1 when it was killed. */
  record Result(int code, String out, String err, Duration took, boolean timedOut) {}

  /** How to start it: arguments after the main class, environment changes, a command to run it under. */
  record Spec(List<String> args, Map<String, String> setEnv, List<String> unsetEnv, List<String> wrapper,
      List<String> jvmOptions, Path workDir, Duration timeout) {
    Spec withTimeout(Duration t) {
      return new Spec(args, setEnv, unsetEnv, wrapper, jvmOptions, workDir, t);
    }

    Spec withoutEnv(List<String> names) {
      return new Spec(args, setEnv, names, wrapper, jvmOptions, workDir, timeout);
    }

    Spec withWrapper(List<String> command) {
      return new Spec(args, setEnv, unsetEnv, command, jvmOptions, workDir, timeout);
    }

    /** JVM options after the usual ones, which they override ({@code -Xss1m}). */
    Spec withJvmOptions(List<String> options) {
      return new Spec(args, setEnv, unsetEnv, wrapper, options, workDir, timeout);
    }
  }

  /** Heap small enough that an unbounded read fails fast instead of swapping; stack as the launcher gives it. */
  static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss16m",
      "-Xmx1g", "-Xshare:auto");

  private Child() {}

  static List<String> command(List<String> wrapper, List<String> jvmOptions, List<String> args) {
    List<String> cmd = new ArrayList<>(wrapper);
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_OPTIONS);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.kmodlint.cli.Main");
    cmd.addAll(args);
    return cmd;
  }

  static Result run(Spec spec, Path logs) throws IOException, InterruptedException {
    Files.createDirectories(logs);
    Path out = logs.resolve("stdout");
    Path err = logs.resolve("stderr");
    ProcessBuilder pb = new ProcessBuilder(command(spec.wrapper(), spec.jvmOptions(), spec.args()))
        .directory(spec.workDir().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    for (String v : List.of("KMODLINT_DEBUG", "KMODLINT_STATS", "NO_COLOR", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"))
      env.remove(v);
    spec.unsetEnv().forEach(env::remove);
    env.putAll(spec.setEnv());
    long start = System.nanoTime();
    Process p = pb.start();
    boolean done = p.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Result(done ? p.exitValue() : -1, read(out), read(err), took, !done);
  }

  /** At most 64 MiB of each stream is looked at: a SARIF log of thousands of results, and a runaway report stays cheap. */
  private static String read(Path f) throws IOException {
    long size = Files.size(f);
    int cap = 64 << 20;
    if (size <= cap) return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
    try (var in = Files.newInputStream(f)) {
      return new String(in.readNBytes(cap), StandardCharsets.UTF_8) + "\n[... " + (size - cap) + " more bytes]";
    }
  }
}
