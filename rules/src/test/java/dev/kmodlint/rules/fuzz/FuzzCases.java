package dev.kmodlint.rules.fuzz;

import dev.kmodlint.rules.fuzz.Verdict.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cases: first every one issue 13 names, then others of the same families, then seeded
 * random trees. Each writes its hostile input beside the planted module and says what must hold.
 */
final class FuzzCases {
  record Case(String name, Body body) {}

  interface Body {
    void run(Scenario s) throws Exception;
  }

  private FuzzCases() {}

  /** Environment variables that choose a locale; all of them unset is the POSIX locale, a container's default. */
  static final List<String> LOCALE_VARIABLES = List.of("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_COLLATE",
      "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", "LC_MONETARY");

  static List<Case> all(long seed, int randomTrees) {
    List<Case> c = new ArrayList<>();
    hugeFiles(c);
    options(c);
    expansion(c);
    fifos(c);
    names(c);
    paths(c);
    output(c);
    messages(c);
    structure(c);
    encodings(c);
    random(c, seed, randomTrees);
    return c;
  }

  // ---- files over 2 GiB, and endless ones ----

  private static void hugeFiles(List<Case> c) {
    c.add(new Case("huge-c-file", s -> {
      Path m = s.module("hostile", "obj-m += big.o\n");
      Trees.sparse(m.resolve("big.c"), "// SPDX-License-Identifier: GPL-2.0\n#include <linux/module.h>\n");
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectNotification(r, "big\\.c", "read-failure");
    }));
    c.add(new Case("huge-header", s -> {
      Path m = s.module("hostile", "obj-m += user.o\n");
      Trees.write(m.resolve("user.c"), "#include \"big.h\"\n" + Trees.cleanModule("user"));
      Trees.sparse(m.resolve("big.h"), "#define BIG 1\n");
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectNotification(r, "big\\.h", "read-failure");
    }));
    c.add(new Case("huge-makefile", s -> {
      Path m = s.module("hostile", null);
      Trees.sparse(m.resolve("Makefile"), "obj-m += x.o\n");
      Trees.write(m.resolve("x.c"), Trees.cleanModule("x"));
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectNotification(r, "Makefile", "read-failure");
    }));
    c.add(new Case("huge-kbuild", s -> {
      Path m = s.module("hostile", "obj-m += x.o\n");
      Trees.sparse(m.resolve("Kbuild"), "obj-m += x.o\n");
      Trees.write(m.resolve("x.c"), Trees.cleanModule("x"));
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectNotification(r, "Kbuild", "read-failure");
    }));
    c.add(new Case("huge-kconfig", s -> {
      Path m = s.module("hostile", null);
      Trees.sparse(m.resolve("Kconfig"), "config HOSTILE\n\ttristate \"x\"\n");
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectNotification(r, "Kconfig", "read-failure");
    }));
    c.add(new Case("huge-dkms-conf", s -> {
      Path m = s.module("hostile", null);
      Trees.sparse(m.resolve("dkms.conf"), "PACKAGE_NAME=x\nPACKAGE_VERSION=1\n");
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectNotification(r, "dkms\\.conf", "read-failure");
    }));
    c.add(new Case("huge-modprobe-conf", s -> {
      Trees.sparse(s.tree.resolve("modprobe.d/big.conf"), "options sibling x=1\n");
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectNotification(r, "big\\.conf", "read-failure");
    }));
    c.add(new Case("huge-modules-load-conf", s -> {
      Trees.sparse(s.tree.resolve("modules-load.d/big.conf"), "sibling\n");
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectNotification(r, "big\\.conf", "read-failure");
    }));
    c.add(new Case("conf-path-linked-to-dev-zero", s -> {
      Path zero = Trees.link(s.dir.resolve("zero.conf"), Path.of("/dev/zero"));
      Child.Result r = s.check(s.tree, zero);
      s.expectPlanted(r);
      s.expectNotification(r, "zero\\.conf", "read-failure");
    }));
    c.add(new Case("symvers-huge", s -> {
      Path symvers = Trees.sparse(s.dir.resolve("Module.symvers"), "0x12345678\tfoo\tvmlinux\tEXPORT_SYMBOL\t\n");
      s.expectOneLineError(s.check("--symvers", symvers, s.tree), "Module.symvers");
    }));
    c.add(new Case("symvers-dev-zero", s -> {
      Path zero = Trees.link(s.dir.resolve("Module.symvers"), Path.of("/dev/zero"));
      s.expectOneLineError(s.check("--symvers", zero, s.tree), "Module.symvers");
    }));
    c.add(new Case("baseline-huge", s -> {
      Path base = Trees.sparse(s.dir.resolve("base.sarif"), "{\"runs\": [");
      s.expectOneLineError(s.check("--baseline", base, s.tree), "base.sarif");
    }));
    c.add(new Case("baseline-dev-zero", s -> {
      Path zero = Trees.link(s.dir.resolve("base.sarif"), Path.of("/dev/zero"));
      s.expectOneLineError(s.check("--baseline", zero, s.tree), "base.sarif");
    }));
    c.add(new Case("kdir-huge-symvers", s -> {
      Path kdir = Files.createDirectories(s.dir.resolve("kdir"));
      Trees.sparse(kdir.resolve("Module.symvers"), "0x12345678\tfoo\tvmlinux\tEXPORT_SYMBOL\t\n");
      Child.Result r = s.check("--kdir", kdir, s.tree);
      // either the kernel is refused as a whole, or the run goes on without its exports and says so
      if (r.code() == 2) s.expectOneLineError(r, "Module.symvers");
      else s.expectPlanted(r);
    }));
    c.add(new Case("kmodlint-yaml-huge", s -> {
      Trees.sparse(s.tree.resolve(".kmodlint.yaml"), "rules:\n  kconfig: off\n");
      Child.Result r = s.check(s.tree);
      s.expectOneLineError(r, ".kmodlint.yaml");
    }));
  }

  // ---- option values ----

  private static void options(List<Case> c) {
    c.add(new Case("jobs-32768", s -> s.expectOneLineError(s.check("--jobs", "32768", s.tree), "--jobs")));
    c.add(new Case("jobs-0", s -> s.expectOneLineError(s.check("--jobs", "0", s.tree), "--jobs")));
    c.add(new Case("file-timeout-9223372037", s ->
        s.expectOneLineError(s.check("--file-timeout", "9223372037", s.tree), "--file-timeout")));
    c.add(new Case("file-timeout-negative", s ->
        s.expectOneLineError(s.check("--file-timeout", "-5", s.tree), "--file-timeout")));
    c.add(new Case("index-batch-timeout-9223372037", s -> {
      Path kdir = Files.createDirectories(s.dir.resolve("kdir"));
      s.expectOneLineError(s.run("index", "--kdir", kdir.toString(), "--batch-timeout", "9223372037",
          "-o", s.dir.resolve("index.gz").toString()), "--batch-timeout");
    }));
    c.add(new Case("config-invalid-glob", s -> {
      Trees.write(s.tree.resolve(".kmodlint.yaml"), "exclude: [\"[x\"]\n");
      s.expectOneLineError(s.check(s.tree), ".kmodlint.yaml");
    }));
    c.add(new Case("config-not-utf8", s -> {
      Trees.write(s.tree.resolve(".kmodlint.yaml"), new byte[] {'r', 'u', 'l', 'e', 's', ':', (byte) 0xff, '\n'});
      s.expectOneLineError(s.check(s.tree), ".kmodlint.yaml");
    }));
    c.add(new Case("cache-dir-is-a-file", s -> {
      Path file = Trees.write(s.dir.resolve("cache"), "not a directory\n");
      List<String> args = List.of("check", "--color", "never", "--cache-dir", file.toString(), s.tree.toString());
      Child.Result r = s.run(s.spec(args));
      s.expectPlanted(r);
      s.expectOut(r, "\\[kmodlint:cache-unavailable\\]");
    }));
    c.add(new Case("output-is-a-directory", s -> {
      Path out = Files.createDirectories(s.dir.resolve("out"));
      s.expectOneLineError(s.check("--output", out, s.tree), out.toString());
    }));
  }

  // ---- expansion budgets and long lines ----

  private static void expansion(List<Case> c) {
    c.add(new Case("make-recursive-doubling-40", s -> {
      StringBuilder mk = new StringBuilder("V0 = d.o\n");
      for (int i = 1; i <= 40; i++) mk.append("V").append(i).append(" = $(V").append(i - 1).append(") $(V")
          .append(i - 1).append(")\n");
      mk.append("obj-m += $(V40)\n");
      Path m = s.module("hostile", mk.toString());
      Trees.write(m.resolve("d.c"), Trees.cleanModule("d"));
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectNotification(r, "Makefile", "kbuild-expansion-limit");
    }));
    c.add(new Case("make-simple-doubling-40", s -> {
      StringBuilder mk = new StringBuilder("V0 := d.o\n");
      for (int i = 1; i <= 40; i++) mk.append("V").append(i).append(" := $(V").append(i - 1).append(") $(V")
          .append(i - 1).append(")\n");
      mk.append("obj-m += $(V40)\n");
      Path m = s.module("hostile", mk.toString());
      Trees.write(m.resolve("d.c"), Trees.cleanModule("d"));
      s.expectPlanted(s.check(s.tree));
    }));
    for (int words : new int[] {40_000, 250_000}) {
      for (String format : List.of("sarif", "text")) {
        if (words == 40_000 && format.equals("text")) continue;
        c.add(new Case("obj-m-" + words + "-words-" + format, s -> {
          StringBuilder mk = new StringBuilder("obj-m :=");
          for (int i = 0; i < words; i++) mk.append(" w").append(i).append(".o");
          s.module("hostile", mk.append('\n').toString());
          List<String> args = List.of("check", "--no-cache", "--color", "never", "--format", format, s.tree.toString());
          Child.Result r = s.run(s.spec(args).withTimeout(Duration.ofSeconds(60)));
          s.expectPlanted(r);
        }));
      }
    }
    c.add(new Case("obj-m-from-foreach", s -> {
      Path m = s.module("hostile", "MODS := fa fb\nobj-m := $(foreach m,$(MODS),$(m).o)\n");
      Trees.write(m.resolve("fa.c"), Trees.unlicensedModule("fa"));
      Trees.write(m.resolve("fb.c"), Trees.unlicensedModule("fb"));
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      // evaluated as make does: both modules are composed and each lacks its license
      s.expectOut(r, "hostile/fa\\.c:\\d+:\\d+: error: module fa has no MODULE_LICENSE");
      s.expectOut(r, "hostile/fb\\.c:\\d+:\\d+: error: module fb has no MODULE_LICENSE");
    }));
    c.add(new Case("obj-m-from-patsubst", s -> {
      Path m = s.module("hostile", "SRCS := pa.c pb.c\nobj-m := $(patsubst %.c,%.o,$(SRCS))\n");
      Trees.write(m.resolve("pa.c"), Trees.unlicensedModule("pa"));
      Trees.write(m.resolve("pb.c"), Trees.unlicensedModule("pb"));
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectOut(r, "hostile/pa\\.c:\\d+:\\d+: error: module pa has no MODULE_LICENSE");
      s.expectOut(r, "hostile/pb\\.c:\\d+:\\d+: error: module pb has no MODULE_LICENSE");
    }));
    c.add(new Case("obj-m-from-call", s -> {
      Path m = s.module("hostile", "mk = $(1).o\nobj-m := $(call mk,ca)\n");
      Trees.write(m.resolve("ca.c"), Trees.unlicensedModule("ca"));
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectOut(r, "hostile/ca\\.c:\\d+:\\d+: error: module ca has no MODULE_LICENSE");
    }));
    c.add(new Case("obj-m-from-shell", s -> {
      Path m = s.module("hostile", "obj-m := $(shell ls *.c | sed s/c$$/o/)\n");
      Trees.write(m.resolve("sa.c"), Trees.unlicensedModule("sa"));
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectNotification(r, "Makefile", "kbuild-unevaluated");
    }));
    c.add(new Case("dkms-index-2147483648", s -> {
      Path m = s.module("hostile", "obj-m += h.o\n");
      Trees.write(m.resolve("h.c"), Trees.cleanModule("h"));
      Trees.write(m.resolve("dkms.conf"), "PACKAGE_NAME=h\nPACKAGE_VERSION=1\nBUILT_MODULE_NAME[2147483648]=h\n"
          + "DEST_MODULE_LOCATION[0]=/updates\n");
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectOut(r, "dkms\\.conf:3:\\d+: error: [^\\n]*2147483648[^\\n]*\\[dkms/");
    }));
    c.add(new Case("dkms-array-index-2147483648", s -> {
      Path m = s.module("hostile", "obj-m += h.o\n");
      Trees.write(m.resolve("h.c"), Trees.cleanModule("h"));
      Trees.write(m.resolve("dkms.conf"), "PACKAGE_NAME=h\nPACKAGE_VERSION=1\nBUILT_MODULE_NAME=([2147483648]=h)\n");
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectOut(r, "dkms\\.conf:3:\\d+: error: [^\\n]*2147483648[^\\n]*\\[dkms/");
    }));
  }

  // ---- named pipes ----

  private static void fifos(List<Case> c) {
    c.add(new Case("fifo-as-cache-entry", s -> {
      if (!Trees.canMakeFifos()) s.skip("mkfifo is not available");
      Path cache = s.dir.resolve("cache");
      List<String> args = List.of("check", "--color", "never", "--cache-dir", cache.toString(), s.tree.toString());
      Child.Result cold = s.run(s.spec(args));
      s.expectPlanted(cold);
      List<Path> entries;
      try (Stream<Path> f = Files.walk(cache)) {
        entries = f.filter(p -> p.toString().endsWith(".bin")).toList();
      }
      if (entries.isEmpty()) s.fail(Outcome.WRONG, "the cold run left no cache entry");
      for (Path e : entries) Trees.fifo(e);
      Child.Result warm = s.run(s.spec(args).withTimeout(Duration.ofSeconds(15)));
      s.expectPlanted(warm);
    }));
    c.add(new Case("fifo-as-named-conf", s -> {
      if (!Trees.canMakeFifos()) s.skip("mkfifo is not available");
      Path fifo = Trees.fifo(s.dir.resolve("fifo.conf"));
      Child.Result r = s.run(s.spec(List.of("check", "--no-cache", "--color", "never", s.tree.toString(),
          fifo.toString())).withTimeout(Duration.ofSeconds(15)));
      s.expectPlanted(r);
      s.expectNotification(r, "fifo\\.conf", "read-failure");
    }));
    c.add(new Case("fifo-as-named-c-file", s -> {
      if (!Trees.canMakeFifos()) s.skip("mkfifo is not available");
      Path m = s.module("hostile", "obj-m += p.o\n");
      Path fifo = Trees.fifo(m.resolve("p.c"));
      Child.Result r = s.run(s.spec(List.of("check", "--no-cache", "--color", "never", s.tree.toString(),
          fifo.toString())));
      s.expectPlanted(r);
    }));
    c.add(new Case("fifos-inside-the-tree", s -> {
      if (!Trees.canMakeFifos()) s.skip("mkfifo is not available");
      Path m = s.module("hostile", null);
      for (String n : List.of("Makefile", "Kbuild", "Kconfig", "dkms.conf", "x.c", "local.h")) Trees.fifo(m.resolve(n));
      Trees.fifo(s.tree.resolve("modprobe.d/p.conf"));
      Trees.write(s.tree.resolve("sibling/uses.h"), "#include \"../hostile/local.h\"\n");
      Child.Result r = s.run(s.spec(List.of("check", "--no-cache", "--color", "never", s.tree.toString()))
          );
      s.expectPlanted(r);
    }));
    c.add(new Case("fifo-as-baseline", s -> {
      if (!Trees.canMakeFifos()) s.skip("mkfifo is not available");
      Path fifo = Trees.fifo(s.dir.resolve("base.sarif"));
      s.expectOneLineError(s.run(s.spec(List.of("check", "--no-cache", "--baseline", fifo.toString(),
          s.tree.toString()))), "base.sarif");
    }));
    c.add(new Case("fifo-as-symvers", s -> {
      if (!Trees.canMakeFifos()) s.skip("mkfifo is not available");
      Path fifo = Trees.fifo(s.dir.resolve("Module.symvers"));
      s.expectOneLineError(s.run(s.spec(List.of("check", "--no-cache", "--symvers", fifo.toString(),
          s.tree.toString()))), "Module.symvers");
    }));
  }

  // ---- file names ----

  private static void names(List<Case> c) {
    c.add(new Case("utf8-name-in-posix-locale", s -> {
      // made from bytes: the test's own JVM may run in a locale that cannot name them
      Path m = Files.createDirectories(Trees.rawName(s.tree, utf8("caf\u00e9")));
      Trees.write(m.resolve("Makefile"), "obj-m += caf\u00e9.o\n");
      Trees.write(Trees.rawName(m, utf8("caf\u00e9.c")), "#include \"h\u00e9.h\"\n" + Trees.unlicensedModule("cafe"));
      Trees.write(Trees.rawName(m, utf8("h\u00e9.h")), "#define HE 1\n");
      Child.Spec posix = s.spec(List.of("check", "--no-cache", "--color", "never", s.tree.toString()))
          .withoutEnv(LOCALE_VARIABLES);
      Child.Result r = s.run(posix);
      s.expectPlanted(r);
      s.expectOut(r, "caf\u00e9/caf\u00e9\\.c:\\d+:\\d+: error: module caf\u00e9 has no MODULE_LICENSE");
      s.expectNotOut(r, "\\[kmodlint:parse-failure\\]");
    }));
    c.add(new Case("utf8-path-argument-in-posix-locale", s -> {
      if (!"UTF-8".equals(System.getProperty("sun.jnu.encoding")))
        s.skip("this test JVM's locale is not UTF-8, so it cannot hand a child a UTF-8 argument");
      Path m = Files.createDirectories(s.tree.resolve("na\u00efve"));
      Trees.write(m.resolve("na\u00efve.c"), Trees.unlicensedModule("naive"));
      Child.Spec posix = s.spec(List.of("check", "--no-cache", "--color", "never", s.tree.toString(),
          m.resolve("na\u00efve.c").toString())).withoutEnv(LOCALE_VARIABLES);
      Child.Result r = s.run(posix);
      s.expectPlanted(r);
      s.expectOut(r, "na\u00efve\\.c:\\d+:\\d+: error: module na\u00efve has no MODULE_LICENSE");
    }));
    c.add(new Case("invalid-utf8-name-warm-and-cold", s -> {
      Path m = Files.createDirectories(s.tree.resolve("hostile"));
      // both names read as bad\ufffd.c: the first by its bytes is analyzed, the other is left out
      // with a warning, the same in every run
      Files.writeString(Trees.rawName(m, new byte[] {'b', 'a', 'd', (byte) 0xfe, '.', 'c'}), Trees.unlicensedModule("badfe"));
      Files.writeString(Trees.rawName(m, new byte[] {'b', 'a', 'd', (byte) 0xff, '.', 'c'}), Trees.cleanModule("badff"));
      Path cache = s.dir.resolve("cache");
      List<String> args = List.of("check", "--color", "never", "--cache-dir", cache.toString(), s.tree.toString());
      Child.Result cold = s.run(s.spec(args));
      Child.Result warm = s.run(s.spec(args));
      s.expectPlanted(cold);
      s.expectPlanted(warm);
      s.expectOut(cold, "bad\ufffd\\.c:\\d+:\\d+: error: module bad\ufffd has no MODULE_LICENSE");
      s.expectOut(cold, "bad\ufffd\\.c:1:1: warning: not analyzed: [^\\n]* no valid UTF-8[^\\n]*file-name-ambiguous");
      String a = withoutTimes(cold.out());
      String b = withoutTimes(warm.out());
      if (!a.equals(b)) s.fail(Outcome.LOST, "warm and cold runs differ: " + Scenario.shorten(firstDifference(a, b)));
    }));
    c.add(new Case("newline-in-file-name", s -> {
      Path m = Files.createDirectories(s.tree.resolve("hostile"));
      Trees.write(m.resolve("new\nline.c"), Trees.unlicensedModule("newline"));
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectNotOut(r, "^line\\.c:");
    }));
    c.add(new Case("terminal-escapes-in-sources", s -> {
      Path m = s.module("hostile", "obj-m += esc.o x\u001b[1m.o\n");
      Trees.write(m.resolve("esc.c"), Trees.cleanModule("esc")
          + "static int level;\nmodule_param(level, int, 0666); /* \u001b]0;owned\u0007\u001b[2J\u001b[31m */\n");
      Trees.write(s.tree.resolve("hostile2/e\u001b[5msc\u0007.c"), Trees.unlicensedModule("esc2"));
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
      s.expectOut(r, "esc\\.c:\\d+:\\d+: error: [^\\n]*\\[param/world-writable\\]");
      s.expectNotOut(r, "[\\x00-\\x08\\x0b-\\x1f\\x7f]");
    }));
  }

  // ---- what a PATH can be ----

  private static void paths(List<Case> c) {
    c.add(new Case("unreadable-path", s -> {
      List<String> wrapper = unprivileged(s);
      Path locked = s.module("locked", "obj-m += l.o\n");
      Trees.write(locked.resolve("l.c"), Trees.unlicensedModule("l"));
      lock(s, locked);
      s.expectOneLineError(s.run(s.spec(List.of("check", "--no-cache", locked.toString())).withWrapper(wrapper)),
          "locked");
    }));
    c.add(new Case("unreadable-directory-in-tree", s -> {
      List<String> wrapper = unprivileged(s);
      Path locked = s.module("locked", "obj-m += l.o\n");
      Trees.write(locked.resolve("l.c"), Trees.unlicensedModule("l"));
      lock(s, locked);
      Child.Result r = s.run(s.spec(List.of("check", "--no-cache", "--color", "never", s.tree.toString()))
          .withWrapper(wrapper));
      s.expectPlanted(r);
      s.expectNotification(r, "locked", "read-failure");
    }));
    c.add(new Case("unreadable-files-in-tree", s -> {
      List<String> wrapper = unprivileged(s);
      Path m = s.module("hostile", "obj-m += u.o\n");
      Trees.write(m.resolve("u.c"), Trees.cleanModule("u"));
      Trees.write(m.resolve("u.h"), "#define U 1\n");
      Trees.write(m.resolve("Kconfig"), "config U\n\ttristate \"u\"\n");
      Trees.write(m.resolve("dkms.conf"), "PACKAGE_NAME=u\nPACKAGE_VERSION=1\n");
      for (String f : List.of("u.c", "u.h", "Kconfig", "dkms.conf")) lock(s, m.resolve(f));
      Child.Result r = s.run(s.spec(List.of("check", "--no-cache", "--color", "never", s.tree.toString()))
          .withWrapper(wrapper));
      s.expectPlanted(r);
      for (String f : List.of("u\\.c", "u\\.h", "Kconfig", "dkms\\.conf"))
        s.expectOut(r, f + "[^\\n]*permission denied[^\\n]*\\[kmodlint:read-failure\\]");
    }));
    c.add(new Case("path-symlinked-to-directory", s -> {
      Path link = Trees.link(s.dir.resolve("link"), s.tree);
      s.expectPlanted(s.check(link));
    }));
    c.add(new Case("empty-string-path", s -> s.expectOneLineError(s.check(""), "PATH")));
    c.add(new Case("empty-directory-path", s -> {
      Path empty = Files.createDirectories(s.dir.resolve("empty"));
      s.expectOneLineError(s.check(empty), "empty");
    }));
    c.add(new Case("directory-named-x.c-as-path", s -> {
      Path d = Files.createDirectories(s.tree.resolve("hostile/x.c"));
      Trees.write(d.resolve("y.c"), Trees.cleanModule("y"));
      s.expectPlanted(s.check(s.tree, d));
    }));
  }

  // ---- output formats ----

  private static void output(List<Case> c) {
    c.add(new Case("deps-dot-names-needing-quotes", s -> {
      Path m = s.module("hostile", "obj-m += q\"uote.o back\\slash.o\n");
      Trees.write(m.resolve("q\"uote.c"), Trees.cleanModule("q") + "int qsym(void) { return 0; }\nEXPORT_SYMBOL(qsym);\n");
      Trees.write(m.resolve("back\\slash.c"), Trees.cleanModule("b") + "int qsym(void);\nint use(void) { return qsym(); }\n");
      Child.Result r = s.run("deps", "--format", "dot", s.tree.toString());
      s.expectExit(r, 0, 1);
      String problem = DotSyntax.check(r.out());
      if (problem != null) s.fail(Outcome.WRONG, "not valid DOT: " + problem);
      s.expectOut(r, "^  \"sibling\";$");
      s.expectOut(r, "^  \"back\\\\\\\\slash\" -> \"q\\\\\"uote\"");
    }));
    c.add(new Case("deps-and-info-on-garbage", s -> {
      Generator g = new Generator(99);
      Path m = s.module("hostile", null);
      Trees.write(m.resolve("Makefile"), g.makefile());
      Trees.write(m.resolve("g.c"), g.c());
      Trees.write(m.resolve("g.h"), g.c());
      Child.Result deps = s.run("deps", s.tree.toString());
      s.expectExit(deps, 0, 1);
      s.expectOut(deps, "^sibling:");
      Child.Result info = s.run("info", "--format", "json", s.tree.toString());
      s.expectExit(info, 0);
      s.expectOut(info, "\"module\" : \"sibling\"");
    }));
  }

  // ---- messages ----

  private static void messages(List<Case> c) {
    c.add(new Case("baseline-is-a-directory", s -> {
      Path d = Files.createDirectories(s.dir.resolve("base.sarif"));
      s.expectOneLineError(s.check("--baseline", d, s.tree), d.toString());
    }));
    c.add(new Case("symvers-is-a-directory", s -> {
      Path d = Files.createDirectories(s.dir.resolve("Module.symvers"));
      s.expectOneLineError(s.check("--symvers", d, s.tree), d.toString());
    }));
    c.add(new Case("baseline-garbage", s -> {
      Path base = Trees.write(s.dir.resolve("base.sarif"), new Generator(7).garbage(4096));
      s.expectOneLineError(s.check("--baseline", base, s.tree), "base.sarif");
    }));
    c.add(new Case("symvers-garbage", s -> {
      Path symvers = Trees.write(s.dir.resolve("Module.symvers"), new Generator(8).garbage(65536));
      Child.Result r = s.check("--symvers", symvers, s.tree);
      s.expectPlanted(r);
    }));
    c.add(new Case("install-hook-over-a-latin1-hook", s -> {
      Path repo = Files.createDirectories(s.dir.resolve("repo"));
      ProcessBuilder init = new ProcessBuilder("git", "init", "-q", repo.toString()).redirectErrorStream(true);
      try {
        Process p = init.start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) s.skip("git init failed");
      } catch (java.io.IOException e) {
        s.skip("git is not installed");
      }
      Trees.write(repo.resolve(".git/hooks/pre-commit"), "#!/bin/sh\n# d\u00e9j\u00e0 vu\n".getBytes(StandardCharsets.ISO_8859_1));
      s.expectOneLineError(s.run("install-hook", "--repo", repo.toString()), "pre-commit");
    }));
  }

  // ---- structure: nesting, loops, links, odd files ----

  private static void structure(List<Case> c) {
    c.add(new Case("c-deeply-nested-ifs", s -> {
      Path m = s.module("hostile", "obj-m += n.o\n");
      Trees.write(m.resolve("n.c"), Generator.nestedIfs(20_000) + Trees.cleanModule("n"));
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("c-deeply-nested-braces", s -> {
      Path m = s.module("hostile", "obj-m += n.o\n");
      Trees.write(m.resolve("n.c"), Trees.cleanModule("n") + Generator.nestedBraces(20_000));
      s.expectPlanted(s.check("--file-timeout", "10", s.tree));
    }));
    c.add(new Case("c-deeply-nested-parentheses", s -> {
      Path m = s.module("hostile", "obj-m += n.o\n");
      Trees.write(m.resolve("n.c"), Trees.cleanModule("n") + Generator.nestedParens(20_000));
      s.expectPlanted(s.check("--file-timeout", "10", s.tree));
    }));
    c.add(new Case("kconfig-deeply-nested-ifs", s -> {
      StringBuilder k = new StringBuilder();
      for (int i = 0; i < 20_000; i++) k.append("if N").append(i % 50).append('\n');
      k.append("config DEEP\n\ttristate \"deep\"\n");
      for (int i = 0; i < 20_000; i++) k.append("endif\n");
      Trees.write(s.module("hostile", null).resolve("Kconfig"), k.toString());
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("kconfig-deep-expression", s -> {
      String expr = "(".repeat(20_000) + "A" + ")".repeat(20_000);
      Trees.write(s.module("hostile", null).resolve("Kconfig"), "config DEEP\n\ttristate \"deep\"\n\tdepends on "
          + expr + "\n");
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("make-deeply-nested-ifeq", s -> {
      StringBuilder mk = new StringBuilder();
      for (int i = 0; i < 20_000; i++) mk.append("ifeq ($(A").append(i % 50).append("),y)\n");
      mk.append("obj-m += d.o\n");
      for (int i = 0; i < 20_000; i++) mk.append("endif\n");
      Path m = s.module("hostile", mk.toString());
      Trees.write(m.resolve("d.c"), Trees.cleanModule("d"));
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("make-deeply-nested-references", s -> {
      String ref = "$(".repeat(20_000) + "X" + ")".repeat(20_000);
      Path m = s.module("hostile", "obj-m += d.o " + ref + "\n");
      Trees.write(m.resolve("d.c"), Trees.cleanModule("d"));
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("deep-nesting-with-the-default-stack", s -> {
      // java -jar without the launcher's -Xss16m: 1 MiB for the main thread and the common pool
      Path m = s.module("hostile", "obj-m += n.o\n" + "ifeq ($(A),y)\n".repeat(20_000) + "endif\n".repeat(20_000));
      Trees.write(m.resolve("n.c"), Trees.cleanModule("n") + Generator.nestedIfs(5_000) + Generator.nestedParens(5_000));
      StringBuilder k = new StringBuilder();
      for (int i = 0; i < 20_000; i++) k.append("if N").append(i % 50).append('\n');
      k.append("config DEEP\n\ttristate \"deep\"\n\tdepends on ").append("(".repeat(5_000)).append('A')
          .append(")".repeat(5_000)).append('\n');
      for (int i = 0; i < 20_000; i++) k.append("endif\n");
      Trees.write(m.resolve("Kconfig"), k.toString());
      Child.Result r = s.run(s.spec(List.of("check", "--no-cache", "--color", "never", s.tree.toString()))
          .withJvmOptions(List.of("-Xss1m")));
      s.expectPlanted(r);
    }));
    c.add(new Case("kconfig-source-loops", s -> {
      Path m = s.module("hostile", null);
      Trees.write(m.resolve("Kconfig"), "source \"hostile/Kconfig\"\nsource \"hostile/Kconfig.a\"\nconfig LOOP\n\tbool \"l\"\n");
      Trees.write(m.resolve("Kconfig.a"), "source \"hostile/Kconfig.b\"\nconfig A\n\tbool \"a\"\n");
      Trees.write(m.resolve("Kconfig.b"), "source \"hostile/Kconfig.a\"\nsource \"hostile/Kconfig\"\nconfig B\n\tbool \"b\"\n");
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("make-include-loops", s -> {
      Path m = s.module("hostile", "include $(src)/Makefile\ninclude $(src)/a.mk\nobj-m += d.o\n");
      Trees.write(m.resolve("a.mk"), "include $(src)/b.mk\nX += a\n");
      Trees.write(m.resolve("b.mk"), "include $(src)/a.mk\ninclude $(src)/Makefile\nX += b\n");
      Trees.write(m.resolve("d.c"), Trees.cleanModule("d"));
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("make-include-diamond", s -> {
      StringBuilder top = new StringBuilder();
      Path m = s.module("hostile", null);
      for (int i = 0; i < 30; i++) {
        top.append("include $(src)/l0_").append(i).append(".mk\n");
        StringBuilder next = new StringBuilder();
        for (int j = 0; j < 30; j++) next.append("include $(src)/l1_").append(j).append(".mk\n");
        Trees.write(m.resolve("l0_" + i + ".mk"), next.toString());
        Trees.write(m.resolve("l1_" + i + ".mk"), "X += y\n");
      }
      Trees.write(m.resolve("Makefile"), top + "obj-m += d.o\n");
      Trees.write(m.resolve("d.c"), Trees.cleanModule("d"));
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("dirs-named-like-files", s -> {
      Path m = s.module("hostile", null);
      for (String n : List.of("Makefile", "Kbuild", "Kconfig", "dkms.conf", "x.c", "y.h"))
        Files.createDirectories(m.resolve(n));
      Files.createDirectories(s.tree.resolve("modprobe.d/d.conf"));
      Files.createDirectories(s.tree.resolve("modules-load.d/d.conf"));
      Trees.write(s.tree.resolve("sibling/uses.c"), "#include \"../hostile/y.h\"\n");
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("dangling-symlinks", s -> {
      Path m = s.module("hostile", null);
      for (String n : List.of("Makefile", "Kbuild", "Kconfig", "dkms.conf", "x.c", "y.h"))
        Trees.link(m.resolve(n), s.dir.resolve("nowhere/" + n));
      Trees.link(s.tree.resolve("modprobe.d/d.conf"), s.dir.resolve("nowhere/d.conf"));
      Trees.write(s.tree.resolve("sibling/uses.c"), "#include \"../hostile/y.h\"\n");
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("symlink-loops", s -> {
      Path m = s.module("hostile", "obj-m += d.o\n");
      Trees.write(m.resolve("d.c"), "#include \"a.h\"\n" + Trees.cleanModule("d"));
      Trees.link(m.resolve("a.h"), m.resolve("b.h"));
      Trees.link(m.resolve("b.h"), m.resolve("a.h"));
      Trees.link(m.resolve("loop"), m);
      Trees.link(m.resolve("up"), s.tree);
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("symlink-loop-as-path", s -> {
      Path a = s.dir.resolve("a.c");
      Trees.link(a, s.dir.resolve("b.c"));
      Trees.link(s.dir.resolve("b.c"), a);
      Child.Result r = s.check(s.tree, a);
      if (r.code() == 2) s.expectOneLineError(r, "a.c");
      else s.expectPlanted(r);
    }));
    c.add(new Case("empty-files", s -> {
      Path m = s.module("hostile", null);
      for (String n : List.of("Makefile", "Kbuild", "Kconfig", "dkms.conf", "x.c", "y.h", ".kmodlint.yaml"))
        Trees.write(m.resolve(n), "");
      Trees.write(s.tree.resolve("modprobe.d/e.conf"), "");
      Trees.write(s.tree.resolve("modules-load.d/e.conf"), "");
      s.expectPlanted(s.check(s.tree));
    }));
  }

  // ---- encodings: NUL, CRLF, BOM, long lines ----

  private static void encodings(List<Case> c) {
    Map<String, String> samples = Map.of(
        "x.c", Trees.cleanModule("x") + "static int p;\nmodule_param(p, int, 0644);\n",
        "x.h", "#ifndef X_H\n#define X_H\n#define XV 1\n#endif\n",
        "Makefile", "obj-m += x.o\nccflags-y += -DX=1\n",
        "Kconfig", "config X\n\ttristate \"x\"\n\thelp\n\t  x\n",
        "dkms.conf", "PACKAGE_NAME=x\nPACKAGE_VERSION=1\nBUILT_MODULE_NAME[0]=x\nDEST_MODULE_LOCATION[0]=/updates\n");
    c.add(new Case("nul-bytes-in-every-type", s -> {
      Path m = s.module("hostile", null);
      for (Map.Entry<String, String> e : samples.entrySet()) Trees.write(m.resolve(e.getKey()), e.getValue().replace("\n", "\n\0"));
      Trees.write(s.tree.resolve("modprobe.d/n.conf"), "options x\0 p=1\n");
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("crlf-in-every-type", s -> {
      Path m = s.module("hostile", null);
      for (Map.Entry<String, String> e : samples.entrySet()) Trees.write(m.resolve(e.getKey()), e.getValue().replace("\n", "\r\n"));
      Trees.write(s.tree.resolve("modprobe.d/n.conf"), "options x p=1\r\nblacklist y\r\n");
      Child.Result r = s.check(s.tree);
      s.expectPlanted(r);
    }));
    c.add(new Case("lone-cr-in-every-type", s -> {
      Path m = s.module("hostile", null);
      for (Map.Entry<String, String> e : samples.entrySet()) Trees.write(m.resolve(e.getKey()), e.getValue().replace("\n", "\r"));
      Trees.write(s.tree.resolve("modprobe.d/n.conf"), "options x p=1\rblacklist y\r");
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("bom-in-every-type", s -> {
      Path m = s.module("hostile", null);
      for (Map.Entry<String, String> e : samples.entrySet()) Trees.write(m.resolve(e.getKey()), "\ufeff" + e.getValue());
      Trees.write(s.tree.resolve("modprobe.d/n.conf"), "\ufeffoptions x p=1\n");
      Trees.write(s.tree.resolve(".kmodlint.yaml"), "\ufeffrules:\n  kconfig: on\n");
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("invalid-utf8-in-every-type", s -> {
      Path m = s.module("hostile", null);
      for (Map.Entry<String, String> e : samples.entrySet()) {
        byte[] b = e.getValue().getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[b.length + 3];
        System.arraycopy(b, 0, bad, 0, b.length);
        bad[b.length] = (byte) 0xc3;
        bad[b.length + 1] = (byte) 0x28;
        bad[b.length + 2] = (byte) 0xff;
        Trees.write(m.resolve(e.getKey()), bad);
      }
      s.expectPlanted(s.check(s.tree));
    }));
    c.add(new Case("very-long-lines", s -> {
      Path m = s.module("hostile", "obj-m += x.o\nX := " + "y".repeat(3_000_000) + "\n");
      Trees.write(m.resolve("x.c"), Trees.cleanModule("x") + "static int p;\nmodule_param(p, int, 0666); /* "
          + "z".repeat(4_000_000) + " */\n");
      Trees.write(m.resolve("Kconfig"), "config X\n\ttristate \"" + "k".repeat(2_000_000) + "\"\n");
      Trees.write(m.resolve("dkms.conf"), "PACKAGE_NAME=" + "d".repeat(2_000_000) + "\nPACKAGE_VERSION=1\n");
      Trees.write(s.tree.resolve("modprobe.d/l.conf"), "options x " + "p=1 ".repeat(500_000) + "\n");
      Child.Result r = s.check("--format", "sarif", s.tree);
      s.expectPlanted(r);
    }));
  }

  // ---- seeded random trees ----

  private static void random(List<Case> c, long seed, int trees) {
    for (int i = 0; i < trees; i++) {
      long treeSeed = seed * 1_000_003L + i;
      c.add(new Case("random-tree-" + i, s -> {
        Generator g = new Generator(treeSeed);
        int dirs = 2 + g.nextInt(4);
        for (int d = 0; d < dirs; d++) {
          Path m = Files.createDirectories(s.tree.resolve("r" + d));
          if (g.nextInt(3) > 0) Trees.write(m.resolve("Makefile"), g.makefile());
          if (g.nextInt(4) == 0) Trees.write(m.resolve("Kbuild"), g.makefile());
          int cs = g.nextInt(4);
          for (int k = 0; k < cs; k++) Trees.write(m.resolve("f" + k + ".c"), g.c());
          if (g.nextInt(2) == 0) Trees.write(m.resolve("local.h"), g.c());
          if (g.nextInt(3) == 0) Trees.write(m.resolve("Kconfig"), g.kconfig());
          if (g.nextInt(3) == 0) Trees.write(m.resolve("dkms.conf"), g.dkms());
          if (g.nextInt(3) == 0) Trees.write(m.resolve("modprobe.d/r.conf"), g.modprobe());
          if (g.nextInt(5) == 0) Trees.write(m.resolve("g" + d + ".c"), g.garbage(1 + g.nextInt(20_000)));
        }
        boolean sarif = g.nextInt(2) == 0;
        Child.Result r = sarif ? s.check("--format", "sarif", s.tree) : s.check(s.tree);
        s.expectPlanted(r);
      }));
    }
  }

  // ---- helpers ----

  /**
   * A wrapper that runs the child without the capabilities that let root read everything; none
   * needed for other users. Skips the case when root cannot give them up here.
   */
  static List<String> unprivileged(Scenario s) throws Exception {
    if (!"root".equals(System.getProperty("user.name")) && !isUidZero()) return List.of();
    Path setpriv = Path.of("/usr/bin/setpriv");
    if (!Files.isExecutable(setpriv)) s.skip("running as root, and setpriv(1) is not there to drop CAP_DAC_OVERRIDE");
    List<String> wrapper = List.of(setpriv.toString(), "--inh-caps=-dac_override,-dac_read_search",
        "--bounding-set=-dac_override,-dac_read_search");
    // root without those capabilities is bound by permissions: check that it really is
    Path probe = Trees.write(s.dir.resolve("probe"), "x");
    Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("---------"));
    List<String> cat = new ArrayList<>(wrapper);
    cat.addAll(List.of("cat", probe.toString()));
    Process p = new ProcessBuilder(cat).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (p.waitFor() == 0) s.skip("running as root, and root reads a mode-000 file even without CAP_DAC_OVERRIDE here");
    return wrapper;
  }

  private static boolean isUidZero() {
    try {
      return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
    } catch (Exception e) {
      return false;
    }
  }

  /** chmod 000, undone when the case ends so that the temporary directory can go. */
  static void lock(Scenario s, Path p) throws Exception {
    var before = Files.getPosixFilePermissions(p);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
    s.onCleanup(() -> {
      try {
        Files.setPosixFilePermissions(p, before);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String withoutTimes(String text) {
    return text.replaceAll(" in [0-9.]+s;", " in -s;").replaceAll(" in [0-9.]+s$", " in -s");
  }

  static String firstDifference(String a, String b) {
    List<String> x = a.lines().toList();
    List<String> y = b.lines().toList();
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      String l = i < x.size() ? x.get(i) : "<none>";
      String r = i < y.size() ? y.get(i) : "<none>";
      if (!l.equals(r)) return "line " + (i + 1) + ": cold '" + l + "' warm '" + r + "'";
    }
    return "";
  }

  /** The DOT that {@code deps --format dot} writes: statements of quoted IDs, attribute lists, braces. */
  static final class DotSyntax {
    private static final String ID = "\"(?:\\\\.|[^\"\\\\])*\"";
    private static final Pattern ATTRS = Pattern.compile("\\[(?:\\w+=(?:" + ID + "|\\w+)(?:, )?)*\\]");
    private static final Pattern STATEMENT = Pattern.compile(
        "  (?:rankdir=LR|" + ID + "(?: -> " + ID + ")?(?: " + ATTRS.pattern() + ")?);");

    static String check(String dot) {
      List<String> lines = dot.lines().toList();
      if (lines.isEmpty() || !lines.get(0).equals("digraph modules {")) return "does not start with 'digraph modules {'";
      if (!lines.get(lines.size() - 1).equals("}")) return "does not end with '}'";
      for (String l : lines.subList(1, lines.size() - 1)) {
        Matcher m = STATEMENT.matcher(l);
        if (!m.matches()) return "bad statement: " + l;
      }
      return null;
    }
  }
}
