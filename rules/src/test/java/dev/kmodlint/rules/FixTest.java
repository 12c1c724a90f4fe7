package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --fix} applies every fix in place and {@code --fix --dry-run} prints them as a
 * diff; afterwards the fixed findings are gone and nothing new has appeared.
 */
class FixTest {
  @TempDir Path tmp;

  /** A finding as compared across runs: line numbers move when a fix inserts a line, the rest does not. */
  record Key(String rule, String file, String message) {}

  record Sarif(Map<Key, Integer> all, Map<Key, Integer> fixable) {}

  private Sarif sarif(Path dir) throws Exception {
    Path out = tmp.resolve("run.sarif");
    CliTest.Run r = CliTest.run("check", "--format", "sarif", "--fail-on", "none", "--output", out.toString(),
        dir.toString());
    assertEquals(0, r.code(), r.err());
    Map<Key, Integer> all = new TreeMap<>(java.util.Comparator.comparing(Key::toString));
    Map<Key, Integer> fixable = new HashMap<>();
    for (JsonNode res : new ObjectMapper().readTree(out.toFile()).at("/runs/0/results")) {
      if (res.has("suppressions")) continue;
      Key k = new Key(res.get("ruleId").asText(),
          res.at("/locations/0/physicalLocation/artifactLocation/uri").asText(), res.at("/message/text").asText());
      all.merge(k, 1, Integer::sum);
      if (res.has("fixes")) fixable.merge(k, 1, Integer::sum);
    }
    return new Sarif(all, fixable);
  }

  @Test
  void afterFixOnEveryCorpusScenarioTheFixedFindingsAreGoneAndNoOtherAppears() throws Exception {
    List<String> problems = new ArrayList<>();
    int scenarios = 0;
    int fixed = 0;
    for (Path scenario : Corpus.cases()) {
      Path copy = Corpus.copy(scenario.getFileName().toString(), tmp.resolve(scenario.getFileName().toString()));
      Sarif before = sarif(copy);
      if (before.fixable().isEmpty()) continue;
      scenarios++;
      CliTest.Run fix = CliTest.run("check", "--fix", "--fail-on", "none", copy.toString());
      assertEquals(0, fix.code(), fix.out() + fix.err());
      Sarif after = sarif(copy);
      for (Map.Entry<Key, Integer> e : after.all().entrySet()) {
        int allowed = before.all().getOrDefault(e.getKey(), 0) - before.fixable().getOrDefault(e.getKey(), 0);
        if (e.getValue() > allowed) problems.add(scenario.getFileName() + ": " + e.getKey() + " x" + e.getValue()
            + " after --fix (before: " + before.all().getOrDefault(e.getKey(), 0) + ", fixable "
            + before.fixable().getOrDefault(e.getKey(), 0) + ")");
      }
      for (int n : before.fixable().values()) fixed += n;
      assertTrue(after.fixable().isEmpty(), scenario.getFileName() + ": fixable findings left " + after.fixable());
    }
    assertEquals(List.of(), problems);
    assertTrue(scenarios >= 10 && fixed >= 25, scenarios + " scenarios, " + fixed + " findings fixed");
  }

  @Test
  void dryRunPrintsADiffThatGitAppliesToTheSameResultAndChangesNothing() throws Exception {
    Path a = Corpus.copy("params-acceptance", tmp.resolve("a/params-acceptance"));
    Path b = Corpus.copy("params-acceptance", tmp.resolve("b/params-acceptance"));
    Map<Path, byte[]> pristine = contents(a);
    CliTest.Run dry = CliTest.run("check", "--fix", "--dry-run", "--fail-on", "none", a.toString());
    assertEquals(0, dry.code(), dry.err());
    assertTrue(dry.out().startsWith("--- "), dry.out());
    assertTrue(dry.out().contains("\n-module_param(level, int, 0666);") && dry.out().contains(
        "\n+module_param(level, int, 0644);"), dry.out());
    assertTrue(dry.err().startsWith("kmodlint: would fix "), dry.err());
    assertEquals(pristine.keySet(), contents(a).keySet());
    for (Path p : pristine.keySet()) assertArrayEquals(pristine.get(p), contents(a).get(p), "--dry-run changed " + p);

    // outside the current directory the diff names files by their absolute paths: made relative to
    // a's parent, it applies to the copy under b
    Path patch = tmp.resolve("fix.patch");
    Files.writeString(patch, dry.out().replace(a.getParent() + "/", ""));
    Process git = new ProcessBuilder("git", "apply", "-p0", "--directory=b", patch.toString())
        .directory(tmp.toFile()).redirectErrorStream(true).start();
    String gitOut = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(git.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, git.exitValue(), gitOut + "\n" + dry.out());

    assertEquals(0, CliTest.run("check", "--fix", "--fail-on", "none", a.toString()).code());
    for (Path p : contents(a).keySet()) {
      assertArrayEquals(contents(a).get(p), contents(b).get(p), "the diff and --fix differ on " + p);
    }
  }

  private static Map<Path, byte[]> contents(Path dir) throws Exception {
    Map<Path, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) out.put(dir.relativize(f), Files.readAllBytes(f));
    }
    return out;
  }

  private Path module(String name, String c) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve("Makefile"), "obj-m += " + name + ".o\n");
    Files.writeString(dir.resolve(name + ".c"), c);
    return dir;
  }

  private static final String INIT = "static int __init m_init(void)\n{\n\treturn knob;\n}\nmodule_init(m_init);\n"
      + "static void __exit m_exit(void)\n{\n}\nmodule_exit(m_exit);\n";

  @Test
  void worldWritableBecomesTheKernelsIdiomAndOverlappingFixesAreMadeOnce() throws Exception {
    String c = "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\nstatic int knob, other;\n"
        + "module_param(knob, int, 0666);\nMODULE_PARM_DESC(knob, \"k\");\n"
        + "module_param(other, int, S_IRUGO | S_IWUGO);\nMODULE_PARM_DESC(other, \"o\");\n"
        + "int m_show(void)\n{\n\treturn knob + other;\n}\n" + INIT
        + "MODULE_LICENSE(\"GPL\");\nMODULE_DESCRIPTION(\"m\");\n";
    Path dir = module("ww", c);
    CliTest.Run report = CliTest.run("check", dir.toString());
    assertTrue(report.out().contains("fix: let only the owner write: replace '0666' with '0644'"), report.out());
    CliTest.Run fix = CliTest.run("check", "--fix", dir.toString());
    // S_IRUGO | S_IWUGO has two fixes on one region (world-writable, symbolic-permission): the error's wins
    assertTrue(fix.err().contains("fixed 2 findings in 1 file; 1 fix overlapping another left for the next run"),
        fix.err());
    String fixed = Files.readString(dir.resolve("ww.c"));
    assertTrue(fixed.contains("module_param(knob, int, 0644);") && fixed.contains("module_param(other, int, 0644);"),
        fixed);
    assertEquals(0, fix.code(), "nothing is left: " + fix.out());
    assertTrue(fix.out().startsWith("no problems"), "the report is of the fixed files: " + fix.out());
  }

  @Test
  void aParameterOnlyInitReadsBecomesReadOnly() throws Exception {
    Path dir = module("ro", "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\nstatic int knob;\n"
        + "module_param(knob, int, 0666);\nMODULE_PARM_DESC(knob, \"k\");\n" + INIT
        + "MODULE_LICENSE(\"GPL\");\nMODULE_DESCRIPTION(\"m\");\n");
    CliTest.Run fix = CliTest.run("check", "--fix", dir.toString());
    assertTrue(Files.readString(dir.resolve("ro.c")).contains("module_param(knob, int, 0444);"), fix.out());
    assertTrue(fix.out().startsWith("no problems"), "no param/write-ineffective after the fix: " + fix.out());
  }

  @Test
  void theLicenseAddedIsTheOneTheSpdxTagSays() throws Exception {
    String body = "#include <linux/module.h>\nstatic int knob;\n" + INIT + "MODULE_DESCRIPTION(\"m\");\n"
        + "MODULE_AUTHOR(\"A <a@example.com>\");\n";
    Map<String, String> expected = new TreeMap<>(Map.of(
        "GPL-2.0", "MODULE_LICENSE(\"GPL\");",
        "GPL-2.0-or-later WITH Linux-syscall-note", "MODULE_LICENSE(\"GPL\");",
        "GPL-2.0 OR MIT", "MODULE_LICENSE(\"Dual MIT/GPL\");",
        "(GPL-2.0 OR BSD-3-Clause)", "MODULE_LICENSE(\"Dual BSD/GPL\");",
        "GPL-2.0 OR MPL-1.1", "MODULE_LICENSE(\"Dual MPL/GPL\");"));
    int i = 0;
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path dir = module("lic" + i++, "// SPDX-License-Identifier: " + e.getKey() + "\n" + body);
      Path file = dir.resolve(dir.getFileName() + ".c");
      CliTest.Run fix = CliTest.run("check", "--fix", dir.toString());
      String text = Files.readString(file);
      assertTrue(text.endsWith("MODULE_AUTHOR(\"A <a@example.com>\");\n" + e.getValue() + "\n"),
          e.getKey() + ": after the last MODULE_ line\n" + text);
      assertFalse(fix.out().contains("[license/"), e.getKey() + ": " + fix.out());
    }
    for (String notPlain : List.of("", "// SPDX-License-Identifier: MIT\n", "// SPDX-License-Identifier: Proprietary\n")) {
      Path dir = module("lic" + i++, notPlain + body);
      CliTest.Run r = CliTest.run("check", dir.toString());
      assertTrue(r.out().contains("[license/missing]") && !r.out().contains("fix: add MODULE_LICENSE"),
          "no license is guessed for '" + notPlain + "': " + r.out());
    }
    // no MODULE_ line after module_init: just before it, and a file without its last newline
    Path dir = module("lic" + i, "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\nstatic int knob;\n"
        + "MODULE_DESCRIPTION(\"m\");\n" + INIT.replace("module_exit(m_exit);\n", "module_exit(m_exit);"));
    CliTest.run("check", "--fix", dir.toString());
    String text = Files.readString(dir.resolve(dir.getFileName() + ".c"));
    assertTrue(text.contains("}\nMODULE_LICENSE(\"GPL\");\nmodule_init(m_init);\n") && text.endsWith(
        "module_exit(m_exit);"), text);
  }

  @Test
  void namespaceImportsKbuildVariablesAndObjsAreFixed() throws Exception {
    Path ns = Corpus.copy("symbols-namespaces", tmp.resolve("ns"));
    CliTest.run("check", "--fix", "--fail-on", "none", ns.toString());
    String forget = Files.readString(ns.resolve("nsforget.c"));
    assertTrue(forget.endsWith("MODULE_DESCRIPTION(\"forgets its imports\");\nMODULE_IMPORT_NS(NSPROV_CORE);\n")
        || forget.contains("MODULE_IMPORT_NS(NSPROV_CORE);\n"), "the bare token 6.1 takes:\n" + forget);
    assertEquals(1, forget.split("MODULE_IMPORT_NS\\(NSPROV_CORE\\);", -1).length - 1, "one import for two uses");

    Path make = Corpus.copy("out-of-tree-wrapper", tmp.resolve("oot"));
    CliTest.run("check", "--fix", "--fail-on", "none", make.toString());
    String mf = Files.readString(make.resolve("Makefile"));
    assertTrue(mf.contains("mydrv-y := main.o") && mf.contains("mydrv-y += helper.o") && !mf.contains("mydrv-objs"),
        "every assignment of mydrv-objs renamed:\n" + mf);

    Path vars = module("vars", "");
    Files.writeString(vars.resolve("Makefile"), "obj-m += vars.o\nEXTRA_CFLAGS += -DX\nEXTRA_AFLAGS := -DY\n");
    CliTest.run("check", "--fix", "--fail-on", "none", vars.toString());
    assertEquals("obj-m += vars.o\nccflags-y += -DX\nasflags-y := -DY\n", Files.readString(vars.resolve("Makefile")));
    Files.writeString(vars.resolve("Makefile"), "obj-m += vars.o\nccflags-y += -DA\nEXTRA_CFLAGS := -DB\n");
    CliTest.Run kept = CliTest.run("check", "--fix", "--fail-on", "none", vars.toString());
    assertTrue(Files.readString(vars.resolve("Makefile")).contains("EXTRA_CFLAGS := -DB"),
        "not renamed where ':=' would replace ccflags-y");
    assertTrue(kept.out().contains("[kbuild/deprecated-variable]"), kept.out());
  }

  @Test
  void aLatin1FileKeepsItsBytesWhereNoFixGoes() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("latin"));
    Files.writeString(dir.resolve("Makefile"), "obj-m += latin.o\n");
    byte[] author = "MODULE_AUTHOR(\"Ren\u00e9\");\n".getBytes(StandardCharsets.ISO_8859_1);
    String head = "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\nstatic int knob;\n"
        + "module_param(knob, int, 0666);\nMODULE_PARM_DESC(knob, \"k\");\nint m_show(void)\n{\n\treturn knob;\n}\n";
    java.io.ByteArrayOutputStream c = new java.io.ByteArrayOutputStream();
    c.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    c.writeBytes(INIT.getBytes(StandardCharsets.US_ASCII));
    c.writeBytes("MODULE_LICENSE(\"GPL\");\nMODULE_DESCRIPTION(\"m\");\n".getBytes(StandardCharsets.US_ASCII));
    c.writeBytes(author);
    Files.write(dir.resolve("latin.c"), c.toByteArray());
    CliTest.run("check", "--fix", dir.toString());
    byte[] expected = new String(c.toByteArray(), StandardCharsets.ISO_8859_1)
        .replace("module_param(knob, int, 0666);", "module_param(knob, int, 0644);").getBytes(StandardCharsets.ISO_8859_1);
    assertArrayEquals(expected, Files.readAllBytes(dir.resolve("latin.c")));
  }

  @Test
  void aFixOfSeveralEditsIsOneSarifFixWithAReplacementEach() throws Exception {
    Path out = tmp.resolve("oot.sarif");
    CliTest.run("check", "--format", "sarif", "--fail-on", "none", "--output", out.toString(),
        CliTest.corpus("out-of-tree-wrapper"));
    JsonNode fixes = null;
    for (JsonNode r : new ObjectMapper().readTree(out.toFile()).at("/runs/0/results")) {
      if (r.get("ruleId").asText().equals("kbuild/deprecated-objs")) fixes = r.get("fixes");
    }
    assertEquals(1, fixes.size(), String.valueOf(fixes));
    JsonNode change = fixes.get(0).get("artifactChanges").get(0);
    assertEquals("Makefile", change.at("/artifactLocation/uri").asText());
    assertEquals(2, change.get("replacements").size(), change.toString());
    assertEquals(List.of(6, 7), List.of(change.at("/replacements/0/deletedRegion/startLine").asInt(),
        change.at("/replacements/1/deletedRegion/startLine").asInt()));
    assertEquals("mydrv-y", change.at("/replacements/1/insertedContent/text").asText());
  }

  @Test
  void dryRunGoesWithFix() {
    assertEquals(2, CliTest.run("check", "--dry-run", CliTest.corpus("hello-clean")).code());
  }
}
