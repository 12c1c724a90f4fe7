package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code action.yml} (kmodlint as a composite GitHub action) and the workflows that use it
 * ({@code docs/ci/github-code-scanning.yml}, README's short form): checked against the
 * required fields of GitHub's action metadata and workflow syntax, then the action's own run
 * steps executed as the runner would ({@code bash --noprofile --norc -eo pipefail}, the
 * inputs and {@code ${{ }}} expressions substituted, {@code $GITHUB_OUTPUT} per step) on
 * corpus scenarios, through the launcher and a jar of this build; the SARIF file they write is
 * read back.
 */
class GitHubActionTest {
  @TempDir Path tmp;

  static final Path ACTION = Corpus.ROOT.resolve("action.yml");
  static final Path WORKFLOW = Corpus.ROOT.resolve("docs/ci/github-code-scanning.yml");
  static final Pattern ID = Pattern.compile("[_a-zA-Z][a-zA-Z0-9_-]*");
  static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
  static final Pattern PIN = Pattern.compile("kmodlint/kmodlint@(\\S+)");

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String text) {
    Object o = new Yaml().load(text);
    assertInstanceOf(Map.class, o, "not a YAML mapping:\n" + text);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o, String what) {
    assertInstanceOf(Map.class, o, what + " is not a mapping: " + o);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> steps(Object o, String what) {
    assertInstanceOf(List.class, o, what + " is not a list: " + o);
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Object s : (List<Object>) o) steps.add(map(s, what + " entry"));
    assertFalse(steps.isEmpty(), what + " is empty");
    return steps;
  }

  static void keysWithin(Map<String, Object> m, Set<String> allowed, String what) {
    Set<String> extra = new TreeSet<>();
    for (Object k : m.keySet()) if (!allowed.contains(String.valueOf(k))) extra.add(String.valueOf(k));
    assertTrue(extra.isEmpty(), what + ": keys the schema does not allow: " + extra);
  }

  static String nonEmptyString(Object o, String what) {
    assertInstanceOf(String.class, o, what + " must be a string");
    assertFalse(((String) o).isBlank(), what + " is empty");
    return (String) o;
  }

  /** Every string value of a YAML tree (not its comments), with {@code if:} values marked as expressions. */
  @SuppressWarnings("unchecked")
  static void expressions(Object node, String key, List<String> out) {
    if (node instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) expressions(e.getValue(), String.valueOf(e.getKey()), out);
    } else if (node instanceof List<?> l) {
      for (Object o : l) expressions(o, key, out);
    } else if (node instanceof String s) {
      if (key.equals("if") && !s.contains("${{")) out.add(s);
      Matcher m = EXPRESSION.matcher(s);
      while (m.find()) out.add(m.group(1));
    }
  }

  // --- action.yml -----------------------------------------------------------------------

  /** The action metadata schema's required fields and allowed keys, for a composite action. */
  @Test
  void actionMetadataHasWhatTheSchemaRequires() throws IOException {
    Map<String, Object> action = yaml(Files.readString(ACTION));
    keysWithin(action, Set.of("name", "author", "description", "inputs", "outputs", "runs", "branding"), "action.yml");
    nonEmptyString(action.get("name"), "name");
    nonEmptyString(action.get("description"), "description");

    Map<String, Object> inputs = map(action.get("inputs"), "inputs");
    for (String required : List.of("path", "kernel", "fail-on", "category")) {
      assertTrue(inputs.containsKey(required), "input " + required + " is missing");
    }
    for (Map.Entry<String, Object> e : inputs.entrySet()) {
      assertTrue(ID.matcher(e.getKey()).matches(), "input id " + e.getKey());
      Map<String, Object> in = map(e.getValue(), "input " + e.getKey());
      keysWithin(in, Set.of("description", "required", "default", "deprecationMessage"), "input " + e.getKey());
      nonEmptyString(in.get("description"), "input " + e.getKey() + " description");
      if (in.containsKey("default")) assertInstanceOf(String.class, in.get("default"), "inputs are strings: " + e.getKey());
    }
    Map<String, Object> outputs = map(action.get("outputs"), "outputs");
    assertTrue(outputs.containsKey("sarif-file"), "output sarif-file");
    for (Map.Entry<String, Object> e : outputs.entrySet()) {
      assertTrue(ID.matcher(e.getKey()).matches(), "output id " + e.getKey());
      Map<String, Object> out = map(e.getValue(), "output " + e.getKey());
      keysWithin(out, Set.of("description", "value"), "output " + e.getKey());
      nonEmptyString(out.get("description"), "output " + e.getKey() + " description");
      nonEmptyString(out.get("value"), "a composite action's output " + e.getKey() + " needs a value");
    }

    Map<String, Object> runs = map(action.get("runs"), "runs");
    keysWithin(runs, Set.of("using", "steps"), "runs");
    assertEquals("composite", runs.get("using"));
    Set<String> ids = new LinkedHashSet<>();
    for (Map<String, Object> step : steps(runs.get("steps"), "runs.steps")) {
      keysWithin(step, Set.of("name", "id", "if", "run", "shell", "uses", "with", "env", "working-directory",
          "continue-on-error"), "step " + step);
      assertTrue(step.containsKey("run") ^ step.containsKey("uses"), "a step has run or uses, not both: " + step);
      if (step.containsKey("run")) {
        nonEmptyString(step.get("run"), "run");
        nonEmptyString(step.get("shell"), "a composite step with run needs shell: " + step);
        assertFalse(((String) step.get("run")).contains("${{"),
            "an expression in a script is expanded into the shell's text (injection): pass it through env: " + step);
      } else {
        String uses = nonEmptyString(step.get("uses"), "uses");
        assertTrue(uses.matches("[\\w.-]+/[\\w.-]+(/[\\w./-]+)?@[\\w.-]+") || uses.startsWith("./"), uses);
        assertFalse(step.containsKey("shell") || step.containsKey("working-directory"), "run-only keys: " + step);
      }
      if (step.get("id") != null) {
        String id = String.valueOf(step.get("id"));
        assertTrue(ID.matcher(id).matches(), "step id " + id);
        assertTrue(ids.add(id), "step id " + id + " twice");
      }
    }

    List<String> exprs = new ArrayList<>();
    expressions(action, "", exprs);
    assertFalse(exprs.isEmpty());
    Matcher m;
    for (String expr : exprs) {
      m = Pattern.compile("\\binputs\\.([A-Za-z0-9_-]+)").matcher(expr);
      while (m.find()) assertTrue(inputs.containsKey(m.group(1)), "input " + m.group(1) + " is not declared: " + expr);
      m = Pattern.compile("\\bsteps\\.([A-Za-z0-9_-]+)\\.").matcher(expr);
      while (m.find()) assertTrue(ids.contains(m.group(1)), "no step with id " + m.group(1) + ": " + expr);
      assertFalse(expr.contains("hashFiles("), "hashFiles() reads the caller's workspace, not the action: " + expr);
    }
  }

  /** What issue 17 asked of it: Java 17 without a cache keyed on the caller's workspace, the SARIF uploaded as written. */
  @Test
  @SuppressWarnings("unchecked")
  void actionSetsUpJavaAndUploadsWhatKmodlintWrites() throws IOException {
    Map<String, Object> action = yaml(Files.readString(ACTION));
    List<Map<String, Object>> steps = steps(map(action.get("runs"), "runs").get("steps"), "steps");
    Map<String, Object> java = steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith("actions/setup-java@"))
        .findFirst().orElseThrow(() -> new AssertionError("no actions/setup-java step"));
    Map<String, Object> with = map(java.get("with"), "setup-java with");
    assertEquals("temurin", with.get("distribution"));
    assertEquals("17", String.valueOf(with.get("java-version")));
    assertFalse(with.containsKey("cache"), "setup-java's cache keys on the caller's pom.xml, which a module has not");

    Map<String, Object> upload = steps.stream()
        .filter(s -> String.valueOf(s.get("uses")).startsWith("github/codeql-action/upload-sarif@")).findFirst()
        .orElseThrow(() -> new AssertionError("no upload-sarif step"));
    Map<String, Object> uploadWith = map(upload.get("with"), "upload-sarif with");
    String sarifOutput = (String) map(map(action.get("outputs"), "outputs").get("sarif-file"), "sarif-file").get("value");
    assertEquals(sarifOutput, uploadWith.get("sarif_file"), "upload-sarif uploads the sarif-file output");
    assertFalse(uploadWith.containsKey("category"),
        "upload-sarif ignores category for runs with an automationDetails.id, which kmodlint always writes");
  }

  // --- workflows ------------------------------------------------------------------------

  /** README's short workflow: the yaml block of "Code scanning and editors" that uses the action. */
  static String readmeWorkflow() throws IOException {
    String readme = Files.readString(Corpus.ROOT.resolve("README.md"));
    Matcher m = Pattern.compile("```yaml\n((?:(?!```).)*?uses: kmodlint/kmodlint@(?:(?!```).)*?)```", Pattern.DOTALL)
        .matcher(readme);
    assertTrue(m.find(), "README has no yaml block of a workflow using kmodlint/kmodlint@");
    return m.group(1);
  }

  static Object on(Map<String, Object> workflow) {
    // YAML 1.1 (SnakeYAML) reads the key `on` as the boolean true; GitHub reads it as "on"
    return workflow.containsKey("on") ? workflow.get("on") : ((Map<?, ?>) workflow).get(Boolean.TRUE);
  }

  /** The workflow schema's required fields, the permissions upload-sarif needs, and the action's step; returns its ref. */
  static String checkWorkflow(String name, String text, Map<String, Object> actionInputs) {
    Map<String, Object> wf = yaml(text);
    assertNotNull(on(wf), name + ": `on` is required");
    Map<String, Object> perms = new HashMap<>();
    if (wf.get("permissions") != null) perms.putAll(map(wf.get("permissions"), name + " permissions"));
    Map<String, Object> jobs = map(wf.get("jobs"), name + " jobs");
    assertFalse(jobs.isEmpty(), name + ": no job");
    String ref = null;
    for (Map.Entry<String, Object> e : jobs.entrySet()) {
      assertTrue(ID.matcher(e.getKey()).matches(), name + ": job id " + e.getKey());
      Map<String, Object> job = map(e.getValue(), name + " job " + e.getKey());
      assertNotNull(job.get("runs-on"), name + ": jobs." + e.getKey() + ".runs-on is required");
      Map<String, Object> jobPerms = new HashMap<>(perms);
      if (job.get("permissions") != null) jobPerms.putAll(map(job.get("permissions"), "job permissions"));
      boolean checkedOut = false;
      for (Map<String, Object> step : steps(job.get("steps"), name + " jobs." + e.getKey() + ".steps")) {
        assertTrue(step.containsKey("run") ^ step.containsKey("uses"), name + ": a step has run or uses: " + step);
        String uses = String.valueOf(step.get("uses"));
        if (uses.startsWith("actions/checkout@")) checkedOut = true;
        Matcher pin = PIN.matcher(uses);
        if (!pin.matches()) continue;
        assertTrue(checkedOut, name + ": the kmodlint step comes after actions/checkout");
        assertTrue(ref == null || ref.equals(pin.group(1)), name + ": two refs of kmodlint");
        ref = pin.group(1);
        if (step.get("with") != null) {
          for (String k : map(step.get("with"), "with").keySet()) {
            assertTrue(actionInputs.containsKey(k), name + ": with." + k + " is no input of action.yml");
          }
        }
        assertEquals("read", jobPerms.get("contents"), name + ": permissions contents: read (the checkout)");
        assertEquals("write", jobPerms.get("security-events"), name + ": permissions security-events: write");
        assertEquals("read", jobPerms.get("actions"), name + ": permissions actions: read (private repositories)");
      }
    }
    assertNotNull(ref, name + ": no step uses kmodlint/kmodlint@REF");
    assertTrue(ref.matches("[0-9a-f]{40}"), name + ": pin kmodlint by a full commit SHA (no release tag yet), not " + ref);
    for (Object v : perms.values()) assertTrue(Set.of("read", "write", "none").contains(v), name + ": permission " + v);
    return ref;
  }

  @Test
  void workflowsHaveWhatTheSchemaRequiresAndPinTheAction() throws Exception {
    Map<String, Object> inputs = map(yaml(Files.readString(ACTION)).get("inputs"), "inputs");
    String docs = checkWorkflow("docs/ci/github-code-scanning.yml", Files.readString(WORKFLOW), inputs);
    String readme = readmeWorkflow();
    String short_ = checkWorkflow("README", readme, inputs);
    assertEquals(docs, short_, "README and docs/ci pin the same commit");
    assertTrue(readme.strip().lines().count() <= 6, "README's workflow is the short form:\n" + readme);
    // the short form in the comments of the docs file and of action.yml is README's, line for line
    for (Path f : List.of(WORKFLOW, ACTION)) {
      String comment = Files.readAllLines(f).stream().filter(l -> l.startsWith("#   ") || l.equals("#"))
          .map(l -> l.length() > 4 ? l.substring(4) : "").reduce("", (a, b) -> a + b + "\n").strip();
      String expected = readme.strip();
      if (f.equals(ACTION)) expected = expected.replace(docs, "<commit SHA>");
      assertEquals(expected, comment, f.getFileName() + " shows README's short workflow");
    }
  }

  /** The pinned commit is in this history and has an action with the inputs the workflows give. */
  @Test
  void thePinnedCommitHasTheAction() throws Exception {
    Map<String, Object> inputs = map(yaml(Files.readString(ACTION)).get("inputs"), "inputs");
    String sha = checkWorkflow("docs/ci/github-code-scanning.yml", Files.readString(WORKFLOW), inputs);
    Proc shallow = exec(Corpus.ROOT, Map.of(), "git", "rev-parse", "--is-shallow-repository");
    Assumptions.assumeTrue(shallow.code() == 0 && !shallow.out().contains("true"),
        "not a full git clone: the pinned commit cannot be looked up");
    Proc pinned = exec(Corpus.ROOT, Map.of(), "git", "show", sha + ":action.yml");
    assertEquals(0, pinned.code(), sha + " is not a commit of this repository with an action.yml:\n" + pinned.out());
    assertEquals(0, exec(Corpus.ROOT, Map.of(), "git", "merge-base", "--is-ancestor", sha, "HEAD").code(),
        sha + " is not in the history of this checkout");
    Map<String, Object> then = map(yaml(pinned.out()).get("inputs"), sha + " inputs");
    Map<String, Object> wf = yaml(Files.readString(WORKFLOW));
    for (Object job : map(wf.get("jobs"), "jobs").values()) {
      for (Map<String, Object> step : steps(map(job, "job").get("steps"), "steps")) {
        if (!String.valueOf(step.get("uses")).startsWith("kmodlint/kmodlint@") || step.get("with") == null) continue;
        for (String k : map(step.get("with"), "with").keySet()) {
          assertTrue(then.containsKey(k), "the action at " + sha + " has no input " + k);
        }
      }
    }
  }

  // --- the action's steps, run ---------------------------------------------------------

  record Proc(int code, String out) {}

  private Proc exec(Path dir, Map<String, String> env, String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
    return new Proc(p.exitValue(), out);
  }

  /** What one use of the action did: each run step's outcome and outputs, by id (or name). */
  record Use(Map<String, Integer> outcomes, Map<String, Map<String, String>> outputs, Map<String, String> logs) {}

  /** The action's directory as the runner checks it out: launcher, poms, and a jar of this build. */
  private Path actionDirectory() throws IOException {
    Path dir = Files.createDirectories(Files.createTempDirectory(tmp, "_actions").resolve("kmodlint/kmodlint/pinned"));
    for (String f : List.of("action.yml", "kmodlint", "pom.xml", "analyzer/pom.xml", "rules/pom.xml")) {
      Files.createDirectories(dir.resolve(f).getParent());
      Files.copy(Corpus.ROOT.resolve(f), dir.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Path jar = dir.resolve("target/kmodlint.jar");
    ManifestJar.write(jar);
    // newer than the poms: the launcher must not build (the fake mvn below would fail the test if it did)
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    return dir;
  }

  /** ${{ expr }} as the runner would expand it, for the expressions action.yml uses; anything else fails. */
  static String expand(String s, Map<String, String> inputs, Map<String, String> context,
      Map<String, Map<String, String>> outputs) {
    Matcher m = EXPRESSION.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1).strip(), inputs, context, outputs)));
    m.appendTail(out);
    return out.toString();
  }

  static String value(String expr, Map<String, String> inputs, Map<String, String> context,
      Map<String, Map<String, String>> outputs) {
    Matcher m;
    if ((m = Pattern.compile("inputs\\.([A-Za-z0-9_-]+)").matcher(expr)).matches()) {
      assertTrue(inputs.containsKey(m.group(1)), "undeclared input " + m.group(1));
      return inputs.get(m.group(1));
    }
    if ((m = Pattern.compile("steps\\.([A-Za-z0-9_-]+)\\.outputs\\.([A-Za-z0-9_-]+)").matcher(expr)).matches()) {
      return outputs.getOrDefault(m.group(1), Map.of()).getOrDefault(m.group(2), "");
    }
    if (context.containsKey(expr)) return context.get(expr);
    return fail("an expression this test does not know: " + expr);
  }

  /** The {@code if:} conditions action.yml uses: {@code X == 'v'} over inputs and step outputs. */
  static boolean condition(String expr, Map<String, String> inputs, Map<String, String> context,
      Map<String, Map<String, String>> outputs) {
    Matcher m = Pattern.compile("\\s*(\\S+)\\s*==\\s*'([^']*)'\\s*").matcher(expr.replaceAll("^\\$\\{\\{|}}$", ""));
    assertTrue(m.matches(), "an if: condition this test does not know: " + expr);
    return value(m.group(1), inputs, context, outputs).equals(m.group(2));
  }

  /** Runs the action's run steps in order, as a job would, with {@code with} as the caller's inputs. */
  @SuppressWarnings("unchecked")
  private Use use(Map<String, String> with) throws Exception {
    Map<String, Object> action = yaml(Files.readString(ACTION));
    Map<String, String> inputs = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(action.get("inputs"), "inputs").entrySet()) {
      Object d = map(e.getValue(), "input").get("default");
      inputs.put(e.getKey(), d == null ? "" : String.valueOf(d));
    }
    for (String k : with.keySet()) assertTrue(inputs.containsKey(k), "no input " + k);
    inputs.putAll(with);

    Path actionDir = actionDirectory();
    Path runnerTemp = Files.createTempDirectory(tmp, "runner-temp");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, "#!/bin/sh\necho 'the launcher built kmodlint: the test jar was not used' >&2\nexit 3\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> context = Map.of("github.workspace", Corpus.ROOT.toString(), "runner.os", "Linux",
        "github.action_path", actionDir.toString());
    Map<String, String> base = new HashMap<>();
    base.put("GITHUB_WORKSPACE", Corpus.ROOT.toString());
    base.put("GITHUB_ACTION_PATH", actionDir.toString());
    base.put("RUNNER_TEMP", runnerTemp.toString());
    base.put("RUNNER_OS", "Linux");
    base.put("PATH", bin + ":" + System.getenv("PATH"));
    base.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    base.put("KMODLINT_NO_CDS", "1");

    Map<String, Integer> outcomes = new LinkedHashMap<>();
    Map<String, Map<String, String>> outputs = new HashMap<>();
    Map<String, String> logs = new LinkedHashMap<>();
    int n = 0;
    for (Map<String, Object> step : steps(map(action.get("runs"), "runs").get("steps"), "steps")) {
      n++;
      if (step.get("if") != null && !condition((String) step.get("if"), inputs, context, outputs)) continue;
      if (!step.containsKey("run")) {
        // an action of its own (setup-java, cache, upload-sarif): its inputs must expand
        if (step.get("with") != null) {
          for (Object v : map(step.get("with"), "with").values()) expand(String.valueOf(v), inputs, context, outputs);
        }
        continue;
      }
      assertEquals("bash", step.get("shell"), "a step this test runs with bash: " + step);
      String key = step.get("id") != null ? (String) step.get("id") : String.valueOf(step.getOrDefault("name", "step" + n));
      Path script = runnerTemp.resolve("step" + n + ".sh");
      Files.writeString(script, (String) step.get("run"));
      Path output = runnerTemp.resolve("output" + n);
      Files.writeString(output, "");
      Map<String, String> env = new HashMap<>(base);
      env.put("GITHUB_OUTPUT", output.toString());
      if (step.get("env") != null) {
        for (Map.Entry<String, Object> e : map(step.get("env"), "env").entrySet()) {
          env.put(e.getKey(), expand(String.valueOf(e.getValue()), inputs, context, outputs));
        }
      }
      Path dir = step.get("working-directory") == null ? Corpus.ROOT
          : Path.of(expand((String) step.get("working-directory"), inputs, context, outputs));
      Proc p = exec(dir, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString());
      assertFalse(p.out().contains("the launcher built kmodlint"), p.out());
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : Files.readAllLines(output)) {
        int eq = line.indexOf('=');
        assertTrue(eq > 0, "a $GITHUB_OUTPUT line is name=value: " + line);
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
      outputs.put(key, values);
      outcomes.put(key, p.code());
      logs.put(key, p.out());
      if (p.code() != 0) break;   // a failed step ends the job
    }
    // the action's outputs are its steps' outputs
    for (Map.Entry<String, Object> e : map(action.get("outputs"), "outputs").entrySet()) {
      String v = expand((String) map(e.getValue(), "output").get("value"), inputs, context, outputs);
      outputs.computeIfAbsent("(action)", k -> new LinkedHashMap<>()).put(e.getKey(), v);
    }
    return new Use(outcomes, outputs, logs);
  }

  /** The SARIF file the action reports as its output: valid JSON, one run. */
  private static JsonNode sarif(Use use) throws IOException {
    String file = use.outputs().get("(action)").get("sarif-file");
    assertFalse(file == null || file.isEmpty(), "no sarif-file output: " + use);
    JsonNode log = new ObjectMapper().readTree(Files.readString(Path.of(file)));
    assertEquals("2.1.0", log.path("version").asText(), file);
    assertEquals(1, log.path("runs").size(), file);
    return log;
  }

  private static Set<String> results(JsonNode log) {
    Set<String> out = new TreeSet<>();
    for (JsonNode r : log.path("runs").get(0).path("results")) {
      JsonNode loc = r.path("locations").path(0).path("physicalLocation");
      out.add(r.path("ruleId").asText() + " " + loc.path("artifactLocation").path("uri").asText() + ":"
          + loc.path("region").path("startLine").asInt());
    }
    return out;
  }

  @Test
  void theActionChecksAScenarioAndWritesItsCategory() throws Exception {
    Use use = use(Map.of("path", "test-corpus/params-permissions", "category", "drivers"));
    assertEquals(0, use.outcomes().get("check"), use.logs().toString());
    assertTrue(use.outputs().get("maven-key").get("key").matches("kmodlint-maven-[0-9a-f]{16}"), use.toString());
    assertTrue(use.logs().get("Build kmodlint").startsWith("kmodlint "), use.logs().get("Build kmodlint"));
    assertEquals("0", use.outputs().get("(action)").get("exit-code"), "fail-on none: " + use);
    assertFalse(use.outcomes().containsKey("Findings at or above fail-on"), "fail-on none fails nothing");
    JsonNode log = sarif(use);
    assertEquals("kmodlint/drivers/", log.path("runs").get(0).path("automationDetails").path("id").asText());
    // locations relative to the workspace, which is how GitHub maps them to the checkout
    assertTrue(results(log).contains("param/world-writable test-corpus/params-permissions/symww.c:8"), results(log).toString());
    assertEquals(Corpus.ROOT.toUri().toString(),
        log.path("runs").get(0).path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText());
  }

  @Test
  void failOnFailsTheJobAfterTheSarifIsWritten() throws Exception {
    Use use = use(Map.of("path", "test-corpus/hello-clean\ntest-corpus/params-permissions", "fail-on", "error"));
    assertEquals(0, use.outcomes().get("check"), "findings do not fail the step that writes the SARIF: " + use.logs());
    assertEquals("1", use.outputs().get("(action)").get("exit-code"), use.toString());
    JsonNode log = sarif(use);
    assertEquals("kmodlint/", log.path("runs").get(0).path("automationDetails").path("id").asText(), "no category");
    assertTrue(results(log).stream().anyMatch(r -> r.startsWith("param/world-writable test-corpus/params-permissions/")),
        results(log).toString());
    Integer failed = use.outcomes().get("Findings at or above fail-on");
    assertNotNull(failed, "no step fails the job for the findings: " + use.outcomes());
    assertNotEquals(0, failed, use.logs().toString());

    Use clean = use(Map.of("path", "test-corpus/hello-clean", "fail-on", "error"));
    assertEquals("0", clean.outputs().get("(action)").get("exit-code"), clean.toString());
    assertEquals(Set.of(), results(sarif(clean)));
    assertFalse(clean.outcomes().containsKey("Findings at or above fail-on"), clean.outcomes().toString());
  }

  @Test
  void kmodlintThatCannotRunFailsItsStep() throws Exception {
    Use use = use(Map.of("path", "test-corpus/hello-clean", "kernel", tmp.resolve("no-such-kernel").toString()));
    assertNotEquals(0, use.outcomes().get("check"), use.logs().toString());
    assertEquals("2", use.outputs().get("check").get("exit-code"), use.toString());
  }
}
