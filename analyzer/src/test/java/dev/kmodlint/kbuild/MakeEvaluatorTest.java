package dev.kmodlint.kbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.kbuild.MakeText.Word;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GNU make evaluator on its own: one Makefile, read as kbuild's pass reads it. */
class MakeEvaluatorTest {
  @TempDir Path dir;

  private MakeEvaluator ev;

  private MakeEvaluator read(String makefile) throws IOException {
    return read(makefile, KbuildEnvironment.unknown());
  }

  private MakeEvaluator read(String makefile, KbuildEnvironment env) throws IOException {
    Files.writeString(dir.resolve("Makefile"), makefile);
    ev = new MakeEvaluator(env, dir, true, new MakeEvaluator.Listener() {});
    ev.readMakefile(dir.resolve("Makefile"));
    return ev;
  }

  /** The value of a variable after the file, in the one world there is. */
  private String value(String name) {
    MakeText t = ev.finalValue(name);
    assertTrue(t.unconditional(), name + " depends on conditions: " + t);
    return ev.known.display(t.flat());
  }

  private List<Word> words(String name) {
    return ev.words(ev.finalValue(name), Guard.TRUE);
  }

  private List<String> texts(String name) {
    return words(name).stream().map(w -> ev.known.display(w.text())).toList();
  }

  private List<String> conditions(String name, String word) {
    for (Word w : words(name)) if (w.text().equals(word)) return ev.known.describe(w.guard());
    throw new AssertionError(word + " not in " + texts(name));
  }

  @Test
  void flavoursExpandWhenMakeDoes() throws IOException {
    read("""
        recursive = $(later)
        simple := $(later)
        immediate ::= $(later)
        later = value
        s := a
        s += $(late2)
        r = a
        r += $(late2)
        late2 = b
        q ?= first
        q ?= second
        empty :=
        empty ?= not-used
        define body
        line one
        line two
        endef
        export exported = yes
        unexport exported
        private priv := p
        gone := x
        undefine gone
        """);
    assertEquals("value", value("recursive"));
    assertEquals("", value("simple"));
    assertEquals("", value("immediate"));
    assertEquals("a", value("s"), "+= on a simple variable expands now, when late2 is not set");
    assertEquals("a b", value("r"), "+= on a recursive variable keeps the reference");
    assertEquals("first", value("q"));
    assertEquals("", value("empty"), "?= leaves a variable defined as empty alone");
    assertEquals("line one\nline two", value("body"));
    assertEquals("yes", value("exported"));
    assertEquals("p", value("priv"));
    assertEquals(null, ev.variable("gone"));
    assertEquals(MakeVariable.Flavor.RECURSIVE, ev.variable("recursive").flavor());
    assertEquals(MakeVariable.Flavor.SIMPLE, ev.variable("s").flavor());
  }

  @Test
  void commandLineWinsUnlessOverride() throws IOException {
    read("""
        cli = from-file
        cli += more
        forced = from-file
        override forced = overridden
        o1 := $(origin cli)
        o2 := $(origin forced)
        o3 := $(origin nothing)
        o4 := $(origin src)
        o5 := $(flavor cli)
        """, KbuildEnvironment.unknown().withCommandLine(Map.of("cli", "from-command-line", "forced", "c")));
    assertEquals("from-command-line", value("cli"));
    assertEquals("overridden", value("forced"));
    assertEquals("command line", value("o1"));
    assertEquals("override", value("o2"));
    assertEquals("undefined", value("o3"));
    assertEquals("file", value("o4"));
    assertEquals("simple", value("o5"));
  }

  @Test
  void everyFunctionAsMakeHasIt() throws IOException {
    Files.createDirectories(dir.resolve("src/sub"));
    for (String f : List.of("src/a.c", "src/b.c", "src/x.h", "src/sub/c.c")) Files.writeString(dir.resolve(f), "");
    read("""
        list := b.c a.c  a.c sub/d.S
        comma := ,
        f-subst := $(subst .c,.o,$(list))
        f-patsubst := $(patsubst %.c,%.o,$(list))
        f-strip := [$(strip   a   b  )]
        f-findstring := $(findstring b.c,$(list))-$(findstring zz,$(list))
        f-filter := $(filter %.c,$(list))
        f-filter-out := $(filter-out %.c,$(list))
        f-sort := $(sort $(list))
        f-word := $(word 2,$(list))
        f-words := $(words $(list))
        f-wordlist := $(wordlist 2,3,$(list))
        f-firstword := $(firstword $(list))
        f-lastword := $(lastword $(list))
        f-dir := $(dir src/a.c b.c)
        f-notdir := $(notdir src/a.c b.c)
        f-suffix := $(suffix src/a.c b.h c)
        f-basename := $(basename src/a.c b.h c)
        f-addsuffix := $(addsuffix .o,a b)
        f-addprefix := $(addprefix hal/,a.o b.o)
        f-join := $(join a b c,.c .h)
        f-wildcard := $(wildcard src/*.c)
        f-wildcard2 := $(notdir $(wildcard $(src)/src/*/*.c))
        f-abspath := $(abspath src/../src/a.c)
        f-realpath := $(realpath src/a.c src/none.c)
        f-if := $(if $(list),yes,no)-$(if $(nothing),yes,no)
        f-or := $(or $(nothing),second,third)
        f-and := $(and first,second)-$(and first,$(nothing),third)
        f-foreach := $(foreach o,x y,$(o).o)
        pair = $(1)-$(2)
        f-call := $(call pair,left,right)
        raw = $(list) stays
        f-value := $(value raw)
        $(eval made := by eval)
        f-eval := $(made)
        f-info := [$(info hello)$(warning careful)]
        f-subref := $(list:.c=.o) $(list:%.S=%.o)
        f-dollar := $$(not-a-reference)
        name := list
        f-nested := $($(name))
        f-comma := a$(comma)b
        """);
    assertEquals("b.o a.o  a.o sub/d.S", value("f-subst"));
    assertEquals("b.o a.o a.o sub/d.S", value("f-patsubst"));
    assertEquals("[a b]", value("f-strip"));
    assertEquals("b.c-", value("f-findstring"));
    assertEquals("b.c a.c a.c", value("f-filter"));
    assertEquals("sub/d.S", value("f-filter-out"));
    assertEquals("a.c b.c sub/d.S", value("f-sort"));
    assertEquals("a.c", value("f-word"));
    assertEquals("4", value("f-words"));
    assertEquals("a.c a.c", value("f-wordlist"));
    assertEquals("b.c", value("f-firstword"));
    assertEquals("sub/d.S", value("f-lastword"));
    assertEquals("src/ ./", value("f-dir"));
    assertEquals("a.c b.c", value("f-notdir"));
    assertEquals(".c .h", value("f-suffix"));
    assertEquals("src/a b c", value("f-basename"));
    assertEquals("a.o b.o", value("f-addsuffix"));
    assertEquals("hal/a.o hal/b.o", value("f-addprefix"));
    assertEquals("a.c b.h c", value("f-join"));
    assertEquals("src/a.c src/b.c", value("f-wildcard"));
    assertEquals("c.c", value("f-wildcard2"));
    assertEquals(dir.resolve("src/a.c").toString(), value("f-abspath"));
    assertEquals(dir.resolve("src/a.c").toRealPath().toString(), value("f-realpath"));
    assertEquals("yes-no", value("f-if"));
    assertEquals("second", value("f-or"));
    assertEquals("second-", value("f-and"));
    assertEquals("x.o y.o", value("f-foreach"));
    assertEquals("left-right", value("f-call"));
    assertEquals("$(list) stays", value("f-value"));
    assertEquals("by eval", value("f-eval"));
    assertEquals("[]", value("f-info"));
    assertEquals("b.o a.o a.o sub/d.S b.c a.c a.c sub/d.o", value("f-subref"));
    assertEquals("$(not-a-reference)", value("f-dollar"));
    assertEquals("b.c a.c  a.c sub/d.S", value("f-nested"));
    assertEquals("a,b", value("f-comma"));
    assertEquals(List.of(), ev.notifications());
  }

  @Test
  void shellIsNeverRunAndErrorIsSaid() throws IOException {
    Path marker = dir.resolve("ran");
    read("out := $(shell touch $(src)/ran)\nassigned != touch " + marker + "\n" + "$(error stop here)\n");
    assertFalse(Files.exists(marker), "$(shell) and != must never run");
    assertEquals("<$(shell touch $(src)/ran), never run>", value("out"));
    assertTrue(value("assigned").contains("never run"), value("assigned"));
    List<Notification> n = ev.notifications();
    assertEquals(1, n.size(), n.toString());
    assertEquals(MakeEvaluator.MAKE_ERROR, n.get(0).id());
    assertTrue(n.get(0).message().contains("$(error stop here)"), n.get(0).message());
  }

  @Test
  void theFilesOwnSwitchesDecideItsConditionals() throws IOException {
    read("""
        CONFIG_DRV_USB = y
        CONFIG_DRV_PCI = n
        ifeq ($(CONFIG_DRV_USB), y)
        bus := usb
        else ifeq ($(CONFIG_DRV_PCI), y)
        bus := pci
        else
        bus := none
        endif
        ifneq ($(CONFIG_DRV_PCI),y)
        nopci := yes
        endif
        ifdef CONFIG_DRV_USB
        defined := yes
        endif
        ifndef CONFIG_DRV_OTHER
        undefined := yes
        endif
        ifeq "$(bus)" "usb"
        quoted := yes
        endif
        ifneq ($(KERNELRELEASE),)
        kbuild-pass := yes
        endif
        """, KbuildEnvironment.unknown().withKernelConfig(Map.of()));
    assertEquals("usb", value("bus"));
    assertEquals("yes", value("nopci"));
    assertEquals("yes", value("defined"));
    assertEquals("yes", value("undefined"));
    assertEquals("yes", value("quoted"));
    assertEquals("yes", value("kbuild-pass"), "KERNELRELEASE is unknown here, but not empty");
  }

  @Test
  void kernelConfigDecidesWhenItIsKnown() throws IOException {
    String makefile = """
        parts := core.o
        parts-$(CONFIG_FEATURE) += feature.o
        ifdef CONFIG_OTHER
        parts += other.o
        endif
        ifeq ($(CONFIG_MODULAR),m)
        parts += modular.o
        endif
        """;
    read(makefile, KbuildEnvironment.unknown().withKernelConfig(Map.of("CONFIG_FEATURE", "y", "CONFIG_MODULAR", "m")));
    assertEquals("feature.o", value("parts-y"));
    assertEquals("core.o modular.o", value("parts"));

    // without a .config each CONFIG symbol is y, m or not set: every branch, each guarded
    read(makefile);
    assertEquals(List.of("core.o", "other.o", "modular.o"), texts("parts"));
    assertEquals(List.of(), conditions("parts", "core.o"));
    assertEquals(List.of("when CONFIG_OTHER is y or m (no kernel .config given)"), conditions("parts", "other.o"));
    assertEquals(List.of("when CONFIG_MODULAR is m (no kernel .config given)"), conditions("parts", "modular.o"));
    assertEquals(List.of("when CONFIG_FEATURE is y (no kernel .config given)"), conditions("parts-y", "feature.o"));
  }

  @Test
  void valuesFromOutsideTakeBothBranchesWithTheReason() throws IOException {
    read("""
        ifeq ($(ARCH),arm64)
        plat := arm
        else
        plat := generic
        endif
        objs := hal/$(plat)/$(plat)_ops.o
        ifeq ($(ARCH),arm64)
        again := arm
        endif
        ifdef DEBUG
        dbg := yes
        endif
        KVER ?= $(shell uname -r)
        ifeq ($(KVER),6.1.0)
        exact := yes
        endif
        """);
    // one path per world, not hal/arm/generic_ops.o and the like
    assertEquals(List.of("hal/arm/arm_ops.o", "hal/generic/generic_ops.o"), texts("objs"));
    List<String> why = conditions("objs", "hal/arm/arm_ops.o");
    assertEquals(1, why.size(), why.toString());
    assertTrue(why.get(0).startsWith("when ifeq ($(ARCH),arm64) at Makefile:1 holds"), why.get(0));
    assertTrue(why.get(0).contains("ARCH, set by the kernel's build"), why.get(0));
    assertTrue(conditions("objs", "hal/generic/generic_ops.o").get(0).contains("does not hold"));
    // the same test of the same unknown value is the same question
    assertEquals(why, conditions("again", "arm"));
    assertTrue(conditions("dbg", "yes").get(0).contains("DEBUG, set outside the file"));
    assertTrue(conditions("exact", "yes").get(0).contains("$(shell uname -r), never run"));
  }

  @Test
  void includesFollowTheDirectoryAndSrcAndStopAtLoops() throws IOException {
    Files.createDirectories(dir.resolve("mk"));
    Files.writeString(dir.resolve("mk/common.mk"), "from-common := yes\ninclude $(src)/mk/loop.mk\n");
    Files.writeString(dir.resolve("mk/loop.mk"), "from-loop := yes\ninclude $(src)/mk/common.mk\n");
    read("""
        include $(src)/mk/common.mk
        -include $(src)/generated.mk
        sinclude also-missing.mk
        include mk/loop.mk
        include missing.mk
        include /etc/hostname
        """);
    assertEquals("yes", value("from-common"));
    assertEquals("yes", value("from-loop"));
    List<String> unfollowed = ev.unfollowed().stream().map(MakeEvaluator.Unfollowed::what).toList();
    assertTrue(unfollowed.stream().anyMatch(u -> u.contains("includes itself")), unfollowed.toString());
    assertTrue(unfollowed.stream().anyMatch(u -> u.startsWith("include missing.mk")), unfollowed.toString());
    assertTrue(unfollowed.stream().anyMatch(u -> u.contains("/etc/hostname") && u.contains("outside")),
        unfollowed.toString());
    assertFalse(unfollowed.stream().anyMatch(u -> u.contains("generated.mk") || u.contains("also-missing")),
        "-include and sinclude of a missing file are silent, as in make");
    assertTrue(ev.opaque, "an include that is not read may define anything");
  }

  @Test
  void aVariableThatDoublesPerLevelStopsAtTheBudget() {
    StringBuilder mk = new StringBuilder("v0 = x\n");
    for (int i = 1; i <= 60; i++) mk.append("v").append(i).append(" = $(v").append(i - 1).append(") $(v").append(i - 1).append(")\n");
    mk.append("obj-m := $(v60)\nafter := fine\n");
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> read(mk.toString()));
    assertTrue(ev.notifications().stream().anyMatch(n -> n.id().equals(MakeEvaluator.EVAL_LIMIT)),
        ev.notifications().toString());
    assertEquals("fine", value("after"));
  }

  @Test
  void evalReadsPlainAssignmentsAndUnknownTextIsSaid() throws IOException {
    read("""
        $(foreach d,alpha beta,$(eval $(d)_flags := -O2))
        define template
        $(1)-y := $(1)_main.o
        endef
        $(eval $(call template,drv))
        $(eval $(shell cat rules.mk))
        """);
    assertEquals("-O2", value("alpha_flags"));
    assertEquals("-O2", value("beta_flags"));
    assertEquals("drv_main.o", value("drv-y"));
    assertTrue(ev.opaque);
    assertTrue(ev.unfollowed().stream().anyMatch(u -> u.what().contains("$(shell cat rules.mk), never run")),
        ev.unfollowed().toString());
  }

  @Test
  void wildcardOutsideTheTreeIsUnknown() throws IOException {
    read("inside := $(wildcard *.c)\noutside := $(wildcard /usr/src/*/Makefile)\n");
    assertEquals("", value("inside"));
    assertTrue(value("outside").contains("outside the scanned tree"), value("outside"));
  }

  @Test
  void inAKernelTreeSrcIsRelativeAndUnsetVariablesAreUnset() throws IOException {
    Path kernel = dir;
    Path sub = kernel.resolve("drivers/foo");
    Files.createDirectories(sub);
    Files.writeString(sub.resolve("Makefile"), "here := $(src)\nflag := $(SOME_UNSET)\n");
    KbuildEnvironment env = KbuildEnvironment.unknown().withSourceTree(Optional.of(kernel)).withTree(Optional.of(kernel));
    ev = new MakeEvaluator(env, sub, true, new MakeEvaluator.Listener() {});
    ev.readMakefile(sub.resolve("Makefile"));
    assertEquals("drivers/foo", value("here"));
    assertEquals("", value("flag"));
    assertEquals(kernel.toString(), value("srctree"));
  }

  @Test
  void guardsCombineAndSplitExactly() {
    MakeAssumptions known = new MakeAssumptions();
    int a = known.assume("a {}", List.of("y", "m", "n"));
    int b = known.assume("b {}", List.of("t", "f"));
    Guard ay = Guard.of(a, 1);
    Guard am = Guard.of(a, 2);
    assertEquals(null, ay.and(am));
    assertEquals(Guard.of(a, 3), ay.union(am));
    assertEquals(Guard.TRUE, Guard.of(a, 3).union(Guard.of(a, 4)));
    Guard both = ay.and(Guard.of(b, 1));
    assertEquals(2, both.not().size());
    assertEquals(null, ay.and(Guard.of(b, 1)).union(am.and(Guard.of(b, 2))), "not one conjunction");
    List<Guard> worlds = new ArrayList<>(both.not());
    worlds.add(both);
    Guard all = null;
    for (Guard g : worlds) all = all == null ? g : (all.union(g) != null ? all.union(g) : all.cover(g));
    assertEquals(Guard.TRUE, all);
  }
}
