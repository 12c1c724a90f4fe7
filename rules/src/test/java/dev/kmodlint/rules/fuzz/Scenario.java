package dev.kmodlint.rules.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kmodlint.rules.fuzz.Verdict.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case's working directory and what it checks. {@link #tree} holds the planted module
 * (see {@link Trees#plant}); a case adds its hostile input beside it, runs the command line
 * and states what must hold. Every run is checked for what must never happen whatever the
 * input: no exit, a stack trace or "internal error", an exit code other than 0, 1 or 2, a
 * message naming a Java class or an error without the path it is about.
 */
final class Scenario {
  /**
   * A run's bound: a healthy one takes one to three seconds on an idle machine (what each
   * case feeds kmodlint is small, or refused before it is read), a hang never ends; the margin
   * is for a machine that runs other builds at the same time.
   */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern STACK_TRACE = Pattern.compile(
      "(?m)^\\s+at [\\w$.<>]+\\(|Exception in thread|^Caused by: |\\binternal error\\b");
  /** A Java class in a message: a package-qualified name, or a CamelCase ...Exception/...Error. */
  private static final Pattern JAVA_CLASS = Pattern.compile(
      "\\b(?:java|javax|jdk|sun|org\\.eclipse|org\\.antlr|org\\.yaml|com\\.fasterxml|picocli)\\.[a-z]\\w*\\.[\\w.$]+"
      + "|\\b[A-Z][A-Za-z]*(?:Exception|Error)\\b");
  /** System errors that mean nothing without the file they are about. */
  private static final Pattern BARE_ERRNO = Pattern.compile(
      "(?i)\\b(is a directory|not a directory|no such file or directory|permission denied)\\b");

  final String name;
  final Path dir;
  final Path tree;
  final Verdict verdict = new Verdict();
  private final List<Runnable> cleanups = new ArrayList<>();

  /** Thrown by a case that cannot run on this machine; the table says why. */
  static final class Skip extends RuntimeException {
    Skip(String why) {
      super(why, null, false, false);
    }
  }

  Scenario(String name, Path dir) throws IOException {
    this.name = name;
    this.dir = dir;
    this.tree = Files.createDirectories(dir.resolve("tree"));
    Trees.plant(tree);
  }

  void skip(String why) {
    throw new Skip(why);
  }

  void onCleanup(Runnable r) {
    cleanups.add(r);
  }

  void cleanUp() {
    for (Runnable r : cleanups) {
      try {
        r.run();
      } catch (RuntimeException e) {
        // best effort: the temporary directory goes anyway
      }
    }
  }

  /** {@code tree/NAME} with a Makefile holding {@code makefile} (none when null). */
  Path module(String name, String makefile) throws IOException {
    Path m = Files.createDirectories(tree.resolve(name));
    if (makefile != null) Trees.write(m.resolve("Makefile"), makefile);
    return m;
  }

  // ---- running ----

  private int runs;

  /** A run of the command line with the default bound and environment. */
  Child.Result run(String... args) throws Exception {
    return run(spec(List.of(args)));
  }

  /** {@code check} without cache or colour, then {@code args}. */
  Child.Result check(Object... args) throws Exception {
    List<String> a = new ArrayList<>(List.of("check", "--no-cache", "--color", "never"));
    for (Object o : args) a.add(o.toString());
    return run(spec(a));
  }

  Child.Spec spec(List<String> args) {
    return new Child.Spec(args, Map.of(), List.of(), List.of(), List.of(), dir, DEFAULT_TIMEOUT);
  }

  Child.Result run(Child.Spec spec) throws Exception {
    Child.Result r = Child.run(spec, dir.resolve("run-" + (++runs)));
    verdict.took(r.took());
    checkAlways(r, String.join(" ", spec.args()));
    return r;
  }

  private void checkAlways(Child.Result r, String what) {
    String both = r.out() + "\n" + r.err();
    if (r.timedOut()) {
      verdict.add(Outcome.HANG, "no exit within " + r.took().toSeconds() + " s");
      return;
    }
    Matcher trace = STACK_TRACE.matcher(both);
    if (trace.find()) verdict.add(Outcome.CRASH, excerpt(both, trace.start()));
    if (r.code() < 0 || r.code() > 2) verdict.add(Outcome.EXIT, "exit " + r.code() + ": " + firstLine(r.err()));
    for (String message : messages(r)) {
      Matcher c = JAVA_CLASS.matcher(message);
      if (c.find()) verdict.add(Outcome.MESSAGE, "names a Java class: " + shorten(message));
      Matcher e = BARE_ERRNO.matcher(message);
      if (e.find() && !message.contains("/")) verdict.add(Outcome.MESSAGE, "no path: " + shorten(message));
    }
  }

  /**
   * The messages of a run, where a class name or a bare errno string would be wrong: stderr,
   * and the report's lines (text) or its message texts (SARIF) — not source excerpts, which
   * show the hostile input itself.
   */
  static List<String> messages(Child.Result r) {
    List<String> out = new ArrayList<>(r.err().lines().toList());
    JsonNode sarif = sarif(r);
    if (sarif != null) {
      for (JsonNode run : sarif.path("runs")) {
        for (JsonNode res : run.path("results")) out.add(res.path("message").path("text").asText());
        for (JsonNode inv : run.path("invocations"))
          for (JsonNode n : inv.path("toolExecutionNotifications")) out.add(n.path("message").path("text").asText());
      }
    } else {
      for (String line : r.out().lines().toList()) {
        if (line.matches("\\s*\\d* \\| .*")) continue; // an excerpt of the source
        out.add(line);
      }
    }
    return out;
  }

  static JsonNode sarif(Child.Result r) {
    if (!r.out().startsWith("{")) return null;
    try {
      return new ObjectMapper().readTree(r.out());
    } catch (IOException e) {
      return null;
    }
  }

  // ---- expectations ----

  /** The planted license/missing finding, in a text or a SARIF report. */
  void expectPlanted(Child.Result r) {
    if (r.timedOut()) return;
    JsonNode sarif = sarif(r);
    boolean found;
    if (sarif != null) {
      found = false;
      for (JsonNode res : sarif.path("runs").path(0).path("results")) {
        String uri = res.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText();
        if (res.path("ruleId").asText().equals("license/missing") && uri.endsWith(Trees.PLANTED_DIR + "/sibling.c"))
          found = true;
      }
    } else {
      found = Pattern.compile(Trees.PLANTED_LINE).matcher(r.out()).find();
    }
    if (!found) verdict.add(Outcome.LOST, "planted license/missing not reported (exit " + r.code() + ", "
        + shorten(firstLine(r.err().isBlank() ? lastLine(r.out()) : r.err())) + ")");
  }

  void expectExit(Child.Result r, int... codes) {
    if (r.timedOut()) return;
    for (int c : codes) if (r.code() == c) return;
    verdict.add(Outcome.WRONG, "exit " + r.code() + ", expected " + java.util.Arrays.toString(codes) + ": "
        + shorten(firstLine(r.err().isBlank() ? lastLine(r.out()) : r.err())));
  }

  /** A usage or I/O error: exit 2 and one clear line on stderr ({@code kmodlint: ...}) that contains {@code about}. */
  void expectOneLineError(Child.Result r, String about) {
    if (r.timedOut()) return;
    expectExit(r, 2);
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    // picocli adds "Try 'kmodlint check --help'" after a usage error: that hint is allowed
    List<String> said = lines.stream().filter(l -> !l.startsWith("Try 'kmodlint")).toList();
    if (said.size() != 1 || !said.get(0).startsWith("kmodlint: ") || !said.get(0).contains(about))
      verdict.add(Outcome.MESSAGE, "wanted one line about '" + about + "', got: " + shorten(String.join(" / ", lines)));
  }

  void expectOut(Child.Result r, String regex) {
    if (r.timedOut()) return;
    if (!Pattern.compile(regex, Pattern.MULTILINE).matcher(r.out()).find())
      verdict.add(Outcome.WRONG, "stdout lacks /" + regex + "/: " + shorten(lastLine(r.out())));
  }

  void expectNotOut(Child.Result r, String regex) {
    if (r.timedOut()) return;
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(r.out());
    if (m.find()) verdict.add(Outcome.WRONG, "stdout has /" + regex + "/: " + shorten(excerpt(r.out(), m.start())));
  }

  /** A notification of this id at warning or error level (text reports print those) about {@code file}. */
  void expectNotification(Child.Result r, String fileRegex, String id) {
    expectOut(r, fileRegex + "[^\\n]*\\[kmodlint:" + Pattern.quote(id) + "\\]");
  }

  void fail(Outcome o, String detail) {
    verdict.add(o, detail);
  }

  static String firstLine(String s) {
    return s.strip().lines().findFirst().orElse("");
  }

  static String lastLine(String s) {
    List<String> l = s.strip().lines().toList();
    return l.isEmpty() ? "" : l.get(l.size() - 1);
  }

  static String shorten(String s) {
    String one = s.replaceAll("\\p{Cntrl}", "?");
    return one.length() > 160 ? one.substring(0, 157) + "..." : one;
  }

  private static String excerpt(String s, int at) {
    int start = s.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
    int end = s.indexOf('\n', at);
    return shorten(s.substring(start, end < 0 ? s.length() : end));
  }
}
