package dev.kmodlint.kbuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.BuildMode;
import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KbuildReaderTest {
  @TempDir Path dir;

  private final KbuildReader reader = new KbuildReader();

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private Path makefile() {
    return dir.resolve("Makefile").toAbsolutePath().normalize();
  }

  private static List<String> names(KbuildDirectory d) {
    return d.modules().stream().map(KbuildModule::name).toList();
  }

  private static List<String> objects(KbuildModule m) {
    return m.objects().stream().map(KbuildObject::name).toList();
  }

  private static KbuildModule module(KbuildDirectory d, String name) {
    return d.modules().stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no module " + name + " in " + names(d)));
  }

  private static void assertAt(SourcePosition p, Path file, int line, int column, int endColumn) {
    assertEquals(new SourcePosition(file, line, column, line, endColumn), p);
  }

  @Test
  void theFileReadIsKbuildsChoiceThenMakes() throws IOException {
    write("both/Kbuild", "obj-m += kbuild.o\n");
    write("both/Makefile", "obj-m += makefile.o\n");
    // a GNUmakefile for the user's make, the Makefile for kbuild's pass: kbuild never reads the GNUmakefile
    write("user/GNUmakefile", "obj-m += gnumakefile.o\n");
    write("user/Makefile", "obj-m += makefile.o\n");
    write("lower/makefile", "obj-m += lower.o\n");
    write("lower/GNUmakefile", "obj-m += gnumakefile.o\n");

    assertEquals(List.of("kbuild"), names(reader.read(dir.resolve("both"))));
    assertEquals(List.of("makefile"), names(reader.read(dir.resolve("user"))));
    KbuildDirectory lower = reader.read(dir.resolve("lower"));
    assertEquals(List.of("gnumakefile"), names(lower));
    assertEquals("GNUmakefile", lower.makefile().orElseThrow().getFileName().toString());
  }

  @Test
  void gatesAreSortedWhateverOrderTheyAreWrittenIn() throws IOException {
    write("Makefile", "obj-$(CONFIG_ZED)$(CONFIG_ALPHA)$(CONFIG_MID) += x.o\n");

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("CONFIG_ALPHA", "CONFIG_MID", "CONFIG_ZED"), List.copyOf(module(d, "x").gatingConfigs()));
    assertEquals(List.of("CONFIG_ALPHA", "CONFIG_MID", "CONFIG_ZED"), List.copyOf(d.entries().get(0).gates()));
  }

  @Test
  void singleObjMIsAModuleMadeOfItself() throws IOException {
    write("Makefile", "# hello\nobj-m := hello.o\n");
    write("hello.c", "int x;\n");

    KbuildDirectory d = reader.read(dir);

    assertEquals(Optional.of(makefile()), d.makefile());
    assertEquals(List.of("hello"), names(d));
    KbuildModule m = d.modules().get(0);
    assertEquals(BuildMode.MODULE, m.buildMode());
    assertEquals(Set.of(), m.gatingConfigs());
    assertAt(m.declaredAt(), makefile(), 2, 10, 17);
    assertEquals(List.of("hello.o"), objects(m));
    KbuildObject o = m.objects().get(0);
    assertAt(o.listedAt(), makefile(), 2, 10, 17);
    assertEquals(Optional.of(dir.resolve("hello.c").toAbsolutePath().normalize()), o.source());
    assertEquals(List.of(), d.notifications());
  }

  @Test
  void compositeIsLinkedInKbuildOrderObjsThenY() throws IOException {
    write("Makefile", """
        obj-m += foo.o
        foo-y := main.o
        foo-objs += util.o helper.o
        foo-y += main.o sub/extra.o
        """);
    write("main.c", "");
    write("util.S", "");
    write("sub/extra.c", "");

    KbuildModule m = module(reader.read(dir), "foo");

    // scripts/Makefile.lib: $(foo-objs) $(foo-y) $(foo-m), each object once
    assertEquals(List.of("util.o", "helper.o", "main.o", "sub/extra.o"), objects(m));
    assertEquals(Optional.of(dir.resolve("util.S").toAbsolutePath()), m.objects().get(0).source());
    assertEquals(Optional.empty(), m.objects().get(1).source());
    assertEquals(Optional.of(dir.resolve("main.c").toAbsolutePath()), m.objects().get(2).source());
    assertEquals(Optional.of(dir.resolve("sub/extra.c").toAbsolutePath()), m.objects().get(3).source());
    assertAt(m.declaredAt(), makefile(), 1, 10, 15);
    assertAt(m.objects().get(0).listedAt(), makefile(), 3, 13, 19);
    assertAt(m.objects().get(1).listedAt(), makefile(), 3, 20, 28);
    assertAt(m.objects().get(2).listedAt(), makefile(), 2, 10, 16);
    assertAt(m.objects().get(3).listedAt(), makefile(), 4, 17, 28);
  }

  @Test
  void compositeListingItsOwnObjectKeepsIt() throws IOException {
    write("Makefile", "obj-m := self.o\nself-y := self.o other.o\n");

    assertEquals(List.of("self.o", "other.o"), objects(module(reader.read(dir), "self")));
  }

  @Test
  void configGatedModuleWithConfigGatedParts() throws IOException {
    write("Kbuild", """
        obj-$(CONFIG_FOO) += foo.o
        foo-y := core.o
        foo-$(CONFIG_FOO_DEBUG) += debug.o
        foo-$(CONFIG_A)$(CONFIG_B) += both.o
        obj-y += builtin.o subdir/
        lib-y += helpers.o
        obj-${CONFIG_BAR} += bar.o
        """);

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("foo", "builtin", "helpers", "bar"), names(d));
    KbuildModule foo = module(d, "foo");
    assertEquals(BuildMode.CONFIGURABLE, foo.buildMode());
    assertEquals(Set.of("CONFIG_FOO"), foo.gatingConfigs());
    assertEquals(List.of("core.o", "debug.o", "both.o"), objects(foo));
    assertAt(foo.objects().get(1).listedAt(), dir.resolve("Kbuild"), 3, 28, 35);
    assertEquals(BuildMode.BUILTIN, module(d, "builtin").buildMode());
    assertEquals(BuildMode.BUILTIN, module(d, "helpers").buildMode());
    assertEquals(BuildMode.CONFIGURABLE, module(d, "bar").buildMode());
    assertEquals(Set.of("CONFIG_BAR"), module(d, "bar").gatingConfigs());
    assertEquals(List.of(), d.notifications());
  }

  @Test
  void outOfTreeWrapperFromTheKernelDocsYieldsTheModule() throws IOException {
    write("Makefile", """
        ifneq ($(KERNELRELEASE),)
        # kbuild part of makefile
        obj-m  := 8123.o
        8123-y := 8123_if.o 8123_pci.o

        else
        # normal makefile
        KDIR ?= /lib/modules/$(shell uname -r)/build

        default:
        \t$(MAKE) -C $(KDIR) M=$$PWD

        # Module specific targets
        genbin:
        \techo "X" > 8123_bin.o_shipped

        endif
        """);
    write("8123_if.c", "");

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("8123"), names(d));
    KbuildModule m = d.modules().get(0);
    assertEquals(BuildMode.MODULE, m.buildMode());
    assertAt(m.declaredAt(), makefile(), 3, 11, 17);
    assertEquals(List.of("8123_if.o", "8123_pci.o"), objects(m));
    assertTrue(m.objects().get(0).source().isPresent());
    assertFalse(m.objects().get(1).source().isPresent());
    assertEquals(List.of(), d.notifications());
  }

  @Test
  void everyBranchIsTakenAndTabIndentedAssignmentsOutsideRulesCount() throws IOException {
    // The first branch holds a rule; the else branch is read as make reads it when it is the
    // one taken, so its tab-indented line is an assignment, not that rule's recipe.
    write("Makefile", """
        ifeq ($(KERNELRELEASE),)
        modules:
        \t$(MAKE) -C /lib/modules/$(shell uname -r)/build M=$(PWD) modules
        else
        \tobj-m := first.o
        endif
        ifdef CONFIG_X
        obj-m += bar.o
        else ifeq "$(ARCH)" "arm"
        obj-m += first.o arm.o
        else
        obj-y += first.o
        endif
        """);

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("first", "bar", "arm"), names(d));
    KbuildModule first = module(d, "first");
    assertEquals(BuildMode.MODULE, first.buildMode());
    assertAt(first.declaredAt(), makefile(), 5, 11, 18);
    assertEquals(List.of(), d.notifications());
  }

  @Test
  void recipeLinesAreOpaque() throws IOException {
    write("Makefile", "all:\n\tobj-m += notamodule.o\n\t@echo 'ifeq ( endif'\nobj-m += real.o\n");

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("real"), names(d));
    assertEquals(List.of(), d.notifications());
  }

  @Test
  void kbuildIsPreferredOverMakefile() throws IOException {
    write("Makefile", "obj-m := frommakefile.o\n");
    write("Kbuild", "obj-m := fromkbuild.o\n");

    KbuildDirectory d = reader.read(dir);

    assertEquals(Optional.of(dir.resolve("Kbuild").toAbsolutePath()), d.makefile());
    assertEquals(List.of("fromkbuild"), names(d));
    assertAt(d.modules().get(0).declaredAt(), dir.resolve("Kbuild"), 1, 10, 22);
  }

  @Test
  void directoryWithoutMakefileHasNoModules() {
    KbuildDirectory d = reader.read(dir);

    assertEquals(Optional.empty(), d.makefile());
    assertEquals(List.of(), d.modules());
  }

  @Test
  void variablesOfTheFileAreExpanded() throws IOException {
    write("Makefile", """
        MODNAME := drv
        TARGET = other
        obj-m += $(MODNAME).o
        obj-m += ${TARGET}.o
        SRCS := main.c io.c
        $(MODNAME)-y = $(SRCS:.c=.o) $(call extra_objs,x) $(shell ls *.o) $(UNDEFINED).o
        $(MODNAME)-y += $(patsubst %.c,%.o,$(SRCS)) $(LATE)
        LATE = late.o
        obj-$(CONFIG_GATE) += $(UNKNOWN_NAME).o
        """);

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("drv", "other"), names(d));
    KbuildModule drv = module(d, "drv");
    assertAt(drv.declaredAt(), makefile(), 3, 10, 22);
    // a recursive list is expanded after the file, when LATE is set;
    // $(SRCS:.c=.o) keeps the positions of the words in the SRCS line; $(shell) and a variable
    // the environment may set are objects kmodlint cannot know, listed as such
    assertEquals(List.of("main.o", "io.o", "<$(shell ls *.o), never run>", "<UNDEFINED, set outside the file>",
        "late.o"), objects(drv));
    assertAt(drv.objects().get(0).listedAt(), makefile(), 5, 9, 15);
    assertAt(drv.objects().get(1).listedAt(), makefile(), 5, 16, 20);
    assertAt(drv.objects().get(4).listedAt(), makefile(), 8, 8, 14);
    assertEquals(Optional.empty(), drv.objects().get(2).source());
    KbuildModule other = module(d, "other");
    assertEquals(List.of("other.o"), objects(other));
    assertAt(other.declaredAt(), makefile(), 4, 10, 21);
    assertEquals(3, d.unknownWords(), "$(shell), $(UNDEFINED).o and $(UNKNOWN_NAME).o");
    assertTrue(d.opaque());
    assertTrue(d.notifications().stream().anyMatch(n -> n.id().equals(KbuildReader.NOT_EVALUATED)
        && n.message().contains("3 word(s) of its object lists")), d.notifications().toString());
  }

  @Test
  void anAssignmentReplacesTheListAsInMake() throws IOException {
    write("Makefile", "obj-m += first.o\nobj-m := second.o\n");

    assertEquals(List.of("second"), names(reader.read(dir)));
  }

  @Test
  void variablesSetInSeveralBranchesGiveEveryValue() throws IOException {
    write("Makefile", """
        ifeq ($(ARCH),x86)
        NAME := fast
        else
        NAME := slow
        endif
        obj-m := $(NAME).o
        """);

    assertEquals(List.of("fast", "slow"), names(reader.read(dir)));
  }

  @Test
  void continuationLinesKeepExactPositions() throws IOException {
    write("Makefile", "obj-m += \\\n    multi.o\n"
        + "multi-y := first.o \\\n"
        + "\tsecond.o \\\n"
        + "           third.o # trailing \\\n"
        + "  comment continues\n"
        + "obj-m += $(call f,\\\n  x) last.o\n");

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("multi", "last"), names(d));
    KbuildModule m = d.modules().get(0);
    assertAt(m.declaredAt(), makefile(), 2, 5, 12);
    assertEquals(List.of("first.o", "second.o", "third.o"), objects(m));
    assertAt(m.objects().get(0).listedAt(), makefile(), 3, 12, 19);
    assertAt(m.objects().get(1).listedAt(), makefile(), 4, 2, 10);
    assertAt(m.objects().get(2).listedAt(), makefile(), 5, 12, 19);
    assertAt(d.modules().get(1).declaredAt(), makefile(), 8, 6, 12);
    assertEquals(List.of(), d.notifications());
  }

  @Test
  void crlfLineEndingsAreLines() throws IOException {
    write("Makefile", "obj-m := a.o \\\r\n  b.o\r\nifdef X\r\nobj-m += c.o\r\nendif\r\n");

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("a", "b", "c"), names(d));
    assertAt(module(d, "b").declaredAt(), makefile(), 2, 3, 6);
    assertEquals(List.of(), d.notifications());
  }

  @Test
  void gnuMakeTricksDoNotStopTheReader() throws IOException {
    write("Makefile", """
        # every trick in the book
        export ARCH ?= x86
        unexport CROSS_COMPILE
        export
        override CFLAGS += -DX=1 -I$(src)/include
        private P := 1
        .PHONY: all clean
        .DEFAULT_GOAL := all
        vpath %.c src:lib
        define HELP_TEXT
        Usage: make [target]
          ifeq this is not a conditional (
        define inner
        endef
        obj-m += notamodule.o
        endef
        export define EXPORTED
        x
        endef
        SRCS := main.c util.c
        OBJS = $(patsubst %.c,%.o,$(SRCS))
        $(foreach d,a b,$(eval $(d)_FLAGS := -O2))
        $(eval $(call gen_rule,foo))
        $(info building $(ARCH))
        %.o: %.c
        \t$(CC) -c $< -o $@ \\
        \t  && echo ok
        all: ; @echo done
        clean:
        \trm -f *.o
        obj-m += tricky.o
        tricky-y := main.o util.o $(if $(DEBUG),debug.o)
        tricky-y += $(foreach o,x y,$(o).o)
        ifneq (,$(filter y,$(CONFIG_X)))
        tricky-y += extra.o
        endif
        ifeq ($(origin CC),default)
        CC := gcc
        endif
        -include $(obj)/.config
        sinclude missing.mk
        undefine P
        FOO != echo bar
        CFLAGS_main.o := -DMAIN
        $(obj)/gen.h: $(src)/gen.sh
        \t$(CONFIG_SHELL) $< > $@
        """);

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("tricky"), names(d));
    KbuildModule tricky = module(d, "tricky");
    assertEquals(List.of("main.o", "util.o", "debug.o", "x.o", "y.o", "extra.o"), objects(tricky));
    // DEBUG may come from the environment; CONFIG_X has no .config here
    assertTrue(tricky.objects().get(2).conditional(), tricky.objects().get(2).toString());
    assertTrue(tricky.objects().get(2).conditions().get(0).contains("DEBUG, set outside the file"),
        tricky.objects().get(2).conditions().toString());
    assertFalse(tricky.objects().get(3).conditional());
    assertTrue(tricky.objects().get(5).conditions().get(0).contains("CONFIG_X"),
        tricky.objects().get(5).conditions().toString());
    assertEquals(List.of(), d.notifications());
  }

  @Test
  void includedFilesAreReadAndCyclesStop() throws IOException {
    write("Makefile", "include $(src)/common.mk\nobj-m += $(NAME).o\n");
    write("common.mk", "NAME := shared\nshared-y := a.o\ninclude Makefile\ninclude common.mk\n");

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("shared"), names(d));
    KbuildObject a = module(d, "shared").objects().get(0);
    assertAt(a.listedAt(), dir.resolve("common.mk"), 2, 13, 16);
  }

  @Test
  void moduleNamedTwiceIsOneModuleAndTheFirstDeclarationWins() throws IOException {
    write("Makefile", """
        ifdef CONFIG_BUILTIN
        obj-y += dup.o
        dup-y := one.o
        else
        obj-m += dup.o
        dup-objs := two.o
        endif
        """);

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("dup"), names(d));
    KbuildModule m = d.modules().get(0);
    assertEquals(BuildMode.BUILTIN, m.buildMode());
    assertAt(m.declaredAt(), makefile(), 2, 10, 15);
    // without a .config both branches are built somewhere; dup-objs comes first in kbuild
    assertEquals(List.of("two.o", "one.o"), objects(m));
    assertEquals(List.of("when CONFIG_BUILTIN is not set (no kernel .config given)"), m.objects().get(0).conditions());
    assertEquals(List.of("when CONFIG_BUILTIN is y or m (no kernel .config given)"), m.objects().get(1).conditions());
  }

  @Test
  void syntaxErrorIsANotificationAndTheRestOfTheFileIsUsed() throws IOException {
    write("Makefile", """
        obj-m += before.o
        endif
        ifeq ($(A),y) junk
        obj-m += $(broken.o inside.o
        endif
        obj-m += after.o
        this is no statement
        ifdef NEVER_CLOSED
        obj-m += last.o
        """);

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("before", "inside", "after", "last"), names(d));
    List<Notification> n = d.notifications().stream().filter(x -> !x.id().equals(KbuildReader.NOT_EVALUATED)).toList();
    assertTrue(n.stream().allMatch(x -> x.id().equals("kbuild-parse-error") && x.level() == Level.WARNING
        && x.position().isPresent()), n.toString());
    List<SourcePosition> at = n.stream().map(x -> x.position().get()).toList();
    assertTrue(at.contains(new SourcePosition(makefile(), 2, 1, 2, 6)), at.toString());
    assertTrue(n.stream().anyMatch(x -> x.message().equals("Makefile line 2: 'endif' without a matching if")), n.toString());
    assertTrue(at.contains(new SourcePosition(makefile(), 3, 15, 3, 19)), at.toString());
    assertTrue(at.contains(new SourcePosition(makefile(), 4, 10, 4, 20)), at.toString());
    assertTrue(at.contains(new SourcePosition(makefile(), 7, 1, 7, 5)), at.toString());
    assertTrue(at.stream().anyMatch(p -> p.line() == 10), "missing endif at the end: " + at);
    assertEquals(5, n.size(), n.toString());
  }

  @Test
  void pastTwentySyntaxProblemsOneMoreSaysHowManyAreNotListed() throws IOException {
    write("Makefile", "obj-m += kept.o\n" + "endif\n".repeat(25));

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("kept"), names(d));
    List<Notification> n = d.notifications();
    assertEquals(21, n.size(), n.toString());
    for (int i = 0; i < 20; i++) {
      assertEquals("Makefile line " + (i + 2) + ": 'endif' without a matching if", n.get(i).message());
      assertAt(n.get(i).position().orElseThrow(), makefile(), i + 2, 1, 6);
    }
    assertEquals("5 more syntax problems in Makefile are not listed", n.get(20).message());
    assertEquals(Optional.of(SourcePosition.startOf(makefile())), n.get(20).position());
    assertTrue(n.stream().allMatch(x -> x.id().equals(KbuildReader.PARSE_ERROR) && x.level() == Level.WARNING));
  }

  @Test
  void unterminatedDefineIsReported() throws IOException {
    write("Makefile", "obj-m += kept.o\ndefine BODY\nobj-m += swallowed.o\n");

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("kept"), names(d));
    assertEquals(1, d.notifications().size(), d.notifications().toString());
    Notification n = d.notifications().get(0);
    assertEquals(Optional.of(new SourcePosition(makefile(), 4, 1, 4, 1)), n.position());
    assertTrue(n.message().contains("unexpected end of file") && n.message().contains("'endef'"), n.message());
  }

  @Test
  void nonUtf8BytesAreToleratedAndColumnsCountCharacters() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("# Fran\u00e7ais en Latin-1: ".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xe9, (byte) 0xe8, '\n'});
    bytes.writeBytes("obj-m := ".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xff, 'x', '.', 'o', ' '});
    bytes.writeBytes("ok.o \ud83d\ude00.o after.o\n".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("Makefile"), bytes.toByteArray());

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("\ufffdx", "ok", "\ud83d\ude00", "after"), names(d));
    assertAt(module(d, "ok").declaredAt(), makefile(), 2, 15, 19);
    assertAt(module(d, "\ud83d\ude00").declaredAt(), makefile(), 2, 20, 24);
    assertAt(module(d, "after").declaredAt(), makefile(), 2, 25, 32);
  }

  @Test
  void binaryGarbageYieldsNotificationsNotExceptions() throws IOException {
    Files.write(dir.resolve("Makefile"), new byte[] {0, 1, 2, ' ', 'e', 'n', 'd', 'i', 'f', ' ', (byte) 0xff,
        ' ', '$', '(', ' ', '=', '\n', (byte) 0xfe, ':', ':', ':', 0, 'i', 'f', 'e', 'q', '\n'});
    KbuildDirectory fixed = reader.read(dir);
    assertEquals(List.of(), fixed.modules());
    assertFalse(fixed.notifications().isEmpty());

    Random random = new Random(20240611);
    for (int round = 0; round < 20; round++) {
      byte[] garbage = new byte[2000 + random.nextInt(6000)];
      random.nextBytes(garbage);
      // Make-significant bytes are rare in random data; seed them in.
      byte[] specials = "$(){}:=+?!#\\\n\t\r,\"'ifeqendefine ".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < garbage.length; i += 3) garbage[i] = specials[random.nextInt(specials.length)];
      Files.write(dir.resolve("Makefile"), garbage);

      KbuildDirectory d = reader.read(dir);

      for (Notification n : d.notifications()) {
        assertTrue(Set.of(KbuildReader.PARSE_ERROR, KbuildReader.MAKE_ERROR, KbuildReader.EVAL_LIMIT,
            KbuildReader.NOT_EVALUATED).contains(n.id()), n.toString());
        assertTrue(n.position().isPresent());
      }
      assertTrue(d.notifications().stream().filter(n -> n.id().equals(KbuildReader.PARSE_ERROR)).count() <= 21,
          "syntax problems are capped");
    }
  }

  @Test
  void deeplyNestedConditionalsAreReadUpToALimit() throws IOException {
    write("Makefile", "ifdef A\n".repeat(150) + "obj-m += deep.o\n" + "endif\n".repeat(150));
    assertEquals(List.of("deep"), names(reader.read(dir)));

    write("Makefile", "ifdef A\n".repeat(50_000) + "obj-m += deeper.o\n" + "endif\n".repeat(50_000));
    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of(), d.modules());
    assertEquals(1, d.notifications().size());
    assertTrue(d.notifications().get(0).message().contains("nest 50000 deep"), d.notifications().toString());
  }

  @Test
  void selfReferencesAndDeepComputedNamesEndWithNotifications() throws IOException {
    write("Makefile", "A = $(B) a.o\nB = $(A) b.o\nX := x.o\nX := $(X) y.o\n"
        + "obj-m += $(A) $(X) " + "$(".repeat(10_000) + "N" + ")".repeat(10_000) + ".o\n");

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("b", "a", "x", "y"), names(d));
    // make stops at the first; kmodlint says so and goes on
    assertTrue(d.notifications().stream().anyMatch(n -> n.id().equals(KbuildReader.MAKE_ERROR)
        && n.message().contains("recursive variable A references itself")), d.notifications().toString());
    assertTrue(d.notifications().stream().anyMatch(n -> n.id().equals(KbuildReader.EVAL_LIMIT)),
        d.notifications().toString());
    assertEquals(2, d.unknownWords());
  }

  @Test
  void listsSelectedThroughConfigNamedVariablesAreFollowed() throws IOException {
    // drivers/firmware/efi and drivers/xen of Linux 6.1
    write("Makefile", """
        arm-obj-$(CONFIG_EFI)\t\t:= efi-init.o arm-runtime.o
        obj-$(CONFIG_ARM)\t\t+= $(arm-obj-y)
        dom0-$(CONFIG_PCI) += pci.o
        dom0-$(CONFIG_XEN_ACPI) += acpi.o $(xen-pad-y)
        xen-pad-$(CONFIG_X86) += xen-acpi-pad.o
        obj-$(CONFIG_XEN_DOM0) += $(dom0-y)
        """);
    KbuildDirectory d = reader.read(dir);
    assertEquals(List.of("efi-init", "arm-runtime", "pci", "acpi", "xen-acpi-pad"), names(d));
    assertEquals(Set.of("CONFIG_ARM"), module(d, "arm-runtime").gatingConfigs());
    assertEquals(Set.of("CONFIG_XEN_DOM0"), module(d, "xen-acpi-pad").gatingConfigs());
    assertEquals(1, module(d, "arm-runtime").declaredAt().line(), "where the word arm-runtime.o is written");
  }

  @Test
  void substMToYMakesAnObjectBuiltIn() throws IOException {
    // drivers/s390/crypto of Linux 6.1
    write("Makefile", """
        ap-objs := ap_bus.o ap_card.o ap_queue.o
        obj-$(subst m,y,$(CONFIG_ZCRYPT)) += ap.o
        obj-$(if $(CONFIG_FOO),m) += foo.o
        """);
    KbuildDirectory d = reader.read(dir);
    assertEquals(BuildMode.BUILTIN, module(d, "ap").buildMode());
    assertEquals(List.of("ap_bus.o", "ap_card.o", "ap_queue.o"), objects(module(d, "ap")));
    assertEquals(BuildMode.CONFIGURABLE, module(d, "foo").buildMode());
    assertEquals(Set.of("CONFIG_FOO"), module(d, "foo").gatingConfigs());
  }

  @Test
  void objMFromPatsubstOfTheDriverName() throws IOException {
    write("Makefile", "DRIVER := mydrv\nobj-m := $(patsubst %,%.o,$(DRIVER))\n");
    write("mydrv.c", "");

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("mydrv"), names(d));
    assertEquals(Optional.of(dir.resolve("mydrv.c").toAbsolutePath().normalize()), module(d, "mydrv").objects().get(0).source());
  }

  @Test
  void aConfigSwitchTheFileSetsIsNoGate() throws IOException {
    write("Makefile", """
        CONFIG_VENDOR_WIFI = m
        CONFIG_VENDOR_BT = n
        obj-$(CONFIG_VENDOR_WIFI) := wifi.o
        obj-$(CONFIG_VENDOR_BT) += bt.o
        obj-$(CONFIG_FROM_KERNEL) += gated.o
        """);

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("wifi", "gated"), names(d));
    assertEquals(BuildMode.MODULE, module(d, "wifi").buildMode());
    assertEquals(Set.of(), module(d, "wifi").gatingConfigs());
    assertEquals(BuildMode.CONFIGURABLE, module(d, "gated").buildMode());
    assertEquals(Set.of("CONFIG_FROM_KERNEL"), module(d, "gated").gatingConfigs());

    // a command-line CONFIG_ (dkms MAKE[], --define) decides like the file's own
    KbuildDirectory cli = new KbuildReader(KbuildEnvironment.unknown().withCommandLine(Map.of("CONFIG_FROM_KERNEL", "m")))
        .read(dir);
    assertEquals(BuildMode.MODULE, module(cli, "gated").buildMode());
    assertEquals(Set.of(), module(cli, "gated").gatingConfigs());
  }

  @Test
  void theKernelConfigDecidesPartsAndBlocksButNotTheGate() throws IOException {
    write("Makefile", """
        obj-$(CONFIG_DEMO) += demo.o
        demo-y := main.o
        demo-$(CONFIG_DEMO_PCI) += pci.o
        demo-$(CONFIG_DEMO_AMBA) += amba.o
        ifdef CONFIG_ARM
        obj-m += armonly.o
        endif
        obj-$(CONFIG_OFF) += off.o
        off-$(CONFIG_OFF) += off_main.o
        off-$(CONFIG_OFF_EXTRA) += off_extra.o
        """);
    KbuildReader withConfig = new KbuildReader(KbuildEnvironment.unknown()
        .withKernelConfig(Map.of("CONFIG_DEMO", "m", "CONFIG_DEMO_PCI", "y")));

    KbuildDirectory d = withConfig.read(dir);

    assertEquals(List.of("demo", "off"), names(d));
    KbuildModule demo = module(d, "demo");
    assertEquals(List.of("main.o", "pci.o"), objects(demo));
    assertTrue(demo.objects().stream().noneMatch(KbuildObject::conditional));
    assertEquals(List.of("amba.o"), demo.unbuiltObjects().stream().map(KbuildObject::name).toList());
    assertEquals(List.of("when CONFIG_DEMO_AMBA is set, which the kernel's .config does not set"),
        demo.unbuiltObjects().get(0).conditions());
    // the .config does not build off.ko at all: it is analyzed as built, with all its parts
    KbuildModule off = module(d, "off");
    assertEquals(Set.of("CONFIG_OFF"), off.gatingConfigs());
    assertEquals(List.of("off_main.o", "off_extra.o"), objects(off));
    assertTrue(off.objects().get(1).conditions().get(0).contains("CONFIG_OFF_EXTRA"), off.objects().toString());
    // amba.o is written in the Makefile: built in another configuration, not by nothing
    write("amba.c", "");
    assertTrue(withConfig.read(dir).sources().contains(dir.resolve("amba.c").toAbsolutePath().normalize()));
  }

  @Test
  void compileFlagsArePerObject() throws IOException {
    write("Makefile", """
        ccflags-y := -I$(src)/include -DDEFAULT_SYMBOL_NAMESPACE=MYNS -DDRV_NAME=\\"mydrv\\" -Wall
        ccflags-y += -include $(src)/compat.h -imacros $(M)/config.h -I include/relative
        EXTRA_CFLAGS += -DLEGACY -UUNWANTED
        CFLAGS_main.o := -DMAIN_ONLY=2 -UDEBUG_ALL
        CFLAGS_REMOVE_main.o := -Wall -DLEGACY
        ccflags-y += -DDEBUG_ALL
        obj-m += mydrv.o
        mydrv-y := main.o util.o asm.o
        asflags-y := -DIN_ASM
        """);
    write("main.c", "");
    write("util.c", "");
    write("asm.S", "");

    KbuildModule m = module(reader.read(dir), "mydrv");

    dev.kmodlint.model.CompileFlags util = m.objects().get(1).flags();
    assertEquals("MYNS", util.defines().get("DEFAULT_SYMBOL_NAMESPACE"));
    assertEquals("\"mydrv\"", util.defines().get("DRV_NAME"));
    assertEquals("1", util.defines().get("LEGACY"));
    assertEquals("1", util.defines().get("DEBUG_ALL"));
    assertEquals("1", util.defines().get("MODULE"));
    assertEquals("\"mydrv\"", util.defines().get("KBUILD_MODNAME"));
    assertEquals("\"util\"", util.defines().get("KBUILD_BASENAME"));
    assertEquals(List.of("UNWANTED"), util.undefines());
    Path d = dir.toAbsolutePath().normalize();
    assertEquals(List.of(d.resolve("include"), d.resolve("include/relative")), util.includeDirs());
    assertEquals(List.of(d.resolve("compat.h")), util.forcedIncludes());
    assertEquals(List.of(d.resolve("config.h")), util.macroIncludes());
    assertTrue(util.complete());
    dev.kmodlint.model.CompileFlags main = m.objects().get(0).flags();
    assertEquals("2", main.defines().get("MAIN_ONLY"));
    assertFalse(main.defines().containsKey("LEGACY"), "removed by CFLAGS_REMOVE_main.o");
    assertFalse(main.defines().containsKey("DEBUG_ALL"), "CFLAGS_main.o comes last: its -U wins");
    assertEquals(Set.of("MODULE", "KBUILD_BASENAME", "KBUILD_MODNAME", "__KBUILD_MODNAME", "IN_ASM"),
        m.objects().get(2).flags().defines().keySet(), "a .S source gets the asflags");
  }

  @Test
  void flagsThatDependOnSomethingUnknownAreIncomplete() throws IOException {
    write("Makefile", """
        ccflags-y := -DCERTAIN $(call cc-option,-Wno-foo) -DVER=$(shell git describe)
        ifeq ($(ARCH),arm)
        ccflags-y += -DONLY_ARM
        endif
        obj-m += a.o
        """);

    dev.kmodlint.model.CompileFlags f = module(reader.read(dir), "a").objects().get(0).flags();

    assertEquals("1", f.defines().get("CERTAIN"));
    assertFalse(f.defines().containsKey("ONLY_ARM"));
    assertFalse(f.complete());
  }

  @Test
  void subdirCcflagsReachTheDirectoriesBelow() throws IOException {
    write("Makefile", "subdir-ccflags-y := -DFROM_TOP\nobj-m += sub/\n");
    write("sub/Makefile", "obj-m += leaf.o\nccflags-y := -DLEAF\n");
    KbuildReader inTree = new KbuildReader(KbuildEnvironment.unknown().withTree(Optional.of(dir)));

    KbuildDirectory sub = inTree.read(dir.resolve("sub"));

    dev.kmodlint.model.CompileFlags f = module(sub, "leaf").objects().get(0).flags();
    assertEquals("1", f.defines().get("FROM_TOP"));
    assertEquals("1", f.defines().get("LEAF"));
    assertEquals(List.of("-DFROM_TOP"), sub.subdirCcflags());
  }

  @Test
  void extraSymbolsFromTheKbuildPassOrTheUsersMake() throws IOException {
    write("Makefile", """
        ifneq ($(KERNELRELEASE),)
        obj-m := user.o
        KBUILD_EXTRA_SYMBOLS := $(src)/../provider/Module.symvers
        else
        all:
        \t$(MAKE) -C $(KDIR) M=$(PWD)
        endif
        """);
    Path provider = dir.resolve("../provider/Module.symvers").toAbsolutePath().normalize();
    assertEquals(List.of(provider), reader.read(dir).extraSymbols());

    write("Makefile", """
        ifneq ($(KERNELRELEASE),)
        obj-m := user.o
        else
        KBUILD_EXTRA_SYMBOLS += $(PWD)/../provider/Module.symvers
        export KBUILD_EXTRA_SYMBOLS
        endif
        """);
    assertEquals(List.of(provider), reader.read(dir).extraSymbols());
  }

  @Test
  void aKernelTreeIncludeOfSrctreeComposesTheModule() throws IOException {
    // arch/x86/kvm/Makefile includes $(srctree)/virt/kvm/Makefile.kvm, whose objects are kvm.ko's
    write("Kbuild", "obj-y += arch/\n");
    write("Makefile", "VERSION = 6\n");
    write("Kconfig", "# SPDX-License-Identifier: GPL-2.0\nmainmenu \"Linux\"\n");
    write("virt/kvm/Makefile.kvm", "KVM ?= ../../../virt/kvm\nkvm-y := $(KVM)/kvm_main.o $(KVM)/eventfd.o\n");
    write("virt/kvm/kvm_main.c", "");
    write("arch/x86/kvm/Makefile", "include $(srctree)/virt/kvm/Makefile.kvm\nkvm-y += x86.o\nobj-$(CONFIG_KVM) += kvm.o\n");
    Path kvmDir = dir.resolve("arch/x86/kvm").toAbsolutePath().normalize();
    Optional<Path> srctree = KbuildEnvironment.kernelSourceTree(kvmDir);
    assertEquals(Optional.of(dir.toAbsolutePath().normalize()), srctree);

    KbuildDirectory d = new KbuildReader(KbuildEnvironment.unknown().withSourceTree(srctree).withTree(srctree)).read(kvmDir);

    KbuildModule kvm = module(d, "kvm");
    assertEquals(List.of("../../../virt/kvm/kvm_main.o", "../../../virt/kvm/eventfd.o", "x86.o"), objects(kvm));
    assertEquals(Optional.of(dir.resolve("virt/kvm/kvm_main.c").toAbsolutePath().normalize()), kvm.objects().get(0).source());
    assertTrue(d.files().contains(dir.resolve("virt/kvm/Makefile.kvm").toAbsolutePath().normalize()));
  }

  @Test
  void buildOutputsAreNoSourcesNorInputs() throws IOException {
    write("Makefile", "obj-m += drv.o gone.o\n");
    write("drv.c", "");
    write("drv.mod.c", "");
    write("gone.ko", "");
    write("gone.mod", "");
    write(".gone.o.cmd", "");

    KbuildDirectory d = reader.read(dir);

    assertEquals(Set.of(dir.resolve("drv.c").toAbsolutePath().normalize()), d.sources());
    KbuildModel.Entry gone = d.entries().stream().filter(e -> e.name().equals("gone.o")).findFirst().orElseThrow();
    assertFalse(gone.generated(), "a .ko left by a build is no input of gone.o");
  }

  @Test
  void aMakefileAnotherIncludesSaysNothingOfWhatItCannotFollowThere() throws IOException {
    write("Makefile", "PARTS := $(src)/parts\ninclude $(PARTS)/Makefile\nobj-m += whole.o\n");
    write("parts/Makefile", "include $(PARTS)/more.mk\nwhole-y += part.o\n");
    write("parts/more.mk", "whole-y += more.o\n");
    KbuildReader inTree = new KbuildReader(KbuildEnvironment.unknown().withTree(Optional.of(dir)));

    KbuildDirectory top = inTree.read(dir);
    KbuildDirectory parts = inTree.read(dir.resolve("parts"));

    assertEquals(List.of("more.o", "part.o"), objects(module(top, "whole")));
    assertEquals(Optional.of(dir.toAbsolutePath().normalize()), parts.includedBy());
    assertEquals(List.of(), parts.notifications());
    // the sibling case, settled over all directories
    KbuildDirectory alone = new KbuildReader().read(dir.resolve("parts"));
    assertFalse(alone.notifications().isEmpty(), "read on its own, PARTS is unknown");
    List<KbuildDirectory> settled = KbuildReader.settle(List.of(top, alone));
    assertEquals(List.of(), settled.get(1).notifications());
  }

  @Test
  void whatTheUsersMakeExportsReachesTheKbuildPass() throws IOException {
    // the Realtek vendor drivers' shape: the switch is exported by the user's make
    write("Makefile", """
        ifneq ($(KERNELRELEASE),)
        MODULE_NAME := 88x2xx
        $(MODULE_NAME)-y := core.o
        obj-$(CONFIG_VENDOR_88X2XX) := $(MODULE_NAME).o
        else
        export CONFIG_VENDOR_88X2XX = m
        export KSRC ?= /lib/modules/$(shell uname -r)/build
        modules:
        \t$(MAKE) -C $(KSRC) M=$(shell pwd) modules
        endif
        """);

    KbuildDirectory d = reader.read(dir);

    assertEquals(List.of("88x2xx"), names(d));
    assertEquals(BuildMode.MODULE, module(d, "88x2xx").buildMode());
    assertEquals(Set.of(), module(d, "88x2xx").gatingConfigs());
    assertEquals(List.of("core.o"), objects(module(d, "88x2xx")));
  }
}
