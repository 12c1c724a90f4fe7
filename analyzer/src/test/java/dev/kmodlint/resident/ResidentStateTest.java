package dev.kmodlint.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kernel database read once for many runs, each telling what a fresh one would; read again when its files change. */
class ResidentStateTest {
  @TempDir Path tmp;

  private Path kdir() throws IOException {
    Path k = Files.createDirectories(tmp.resolve("kdir/include/generated"));
    Files.writeString(k.resolve("utsrelease.h"), "#define UTS_RELEASE \"9.9.9-test\"\n");
    Path kdir = tmp.resolve("kdir");
    Files.writeString(kdir.resolve("Module.symvers"), "0x00000001\tkernel_one\tvmlinux\tEXPORT_SYMBOL\t\n");
    return kdir;
  }

  private static AnalysisOptions options(Optional<Path> kdir, List<Path> symvers) {
    return new AnalysisOptions(List.of(), 1, Duration.ofSeconds(1), symvers, kdir);
  }

  private static boolean mentions(List<Notification> notes, String id) {
    return notes.stream().anyMatch(n -> n.id().equals(id));
  }

  @Test
  void theSameFilesGiveTheSameTablesAndEachRunItsOwnNotes() throws IOException {
    ResidentState state = new ResidentState();
    AnalysisOptions o = options(Optional.of(kdir()), List.of());
    KernelDatabase first = state.kernelDatabase(o, new ArrayList<>());
    assertTrue(first.exports().exports("kernel_one"));
    first.modules(); // no modules.order beside this kdir: a note of the run that asked
    assertTrue(mentions(first.notifications(), "kernel-modules-assumed"));

    KernelDatabase second = state.kernelDatabase(o, new ArrayList<>());
    assertEquals(1, state.kernelsRead());
    assertSame(first.headers(), second.headers(), "read once");
    assertFalse(mentions(second.notifications(), "kernel-modules-assumed"),
        "a run that did not look at the module list says nothing of it, as a fresh database would");
    second.modules();
    assertTrue(mentions(second.notifications(), "kernel-modules-assumed"), "and one that did, does");
    assertEquals(fresh(o).notifications().stream().filter(n -> n.id().equals("kernel-database")).toList(),
        state.kernelDatabase(o, new ArrayList<>()).notifications().stream()
            .filter(n -> n.id().equals("kernel-database")).toList(),
        "the summary line of a run that read nothing");
  }

  private static KernelDatabase fresh(AnalysisOptions o) throws IOException {
    return dev.kmodlint.engine.Analyzer.kernelDatabase(o, new ArrayList<>());
  }

  @Test
  void aChangedFileOfTheKernelOrOfSymversIsReadAgain() throws IOException {
    ResidentState state = new ResidentState();
    Path kdir = kdir();
    Path extra = Files.writeString(tmp.resolve("extra.symvers"), "0x00000002\textra_one\tother\tEXPORT_SYMBOL\t\n");
    AnalysisOptions o = options(Optional.of(kdir), List.of(extra));
    assertTrue(state.kernelDatabase(o, new ArrayList<>()).exports().exports("extra_one"));
    state.kernelDatabase(o, new ArrayList<>());
    assertEquals(1, state.kernelsRead());

    Files.writeString(extra, "0x00000003\textra_two\tother\tEXPORT_SYMBOL\t\n");
    KernelDatabase afterSymvers = state.kernelDatabase(o, new ArrayList<>());
    assertEquals(2, state.kernelsRead());
    assertTrue(afterSymvers.exports().exports("extra_two"));
    assertFalse(afterSymvers.exports().exports("extra_one"));

    Files.writeString(kdir.resolve("Module.symvers"), "0x00000001\tkernel_two\tvmlinux\tEXPORT_SYMBOL\t\n");
    KernelDatabase afterKernel = state.kernelDatabase(o, new ArrayList<>());
    assertEquals(3, state.kernelsRead());
    assertTrue(afterKernel.exports().exports("kernel_two"));

    Files.writeString(kdir.resolve("include/generated/utsrelease.h"), "#define UTS_RELEASE \"9.9.10-test\"\n");
    assertTrue(state.kernelDatabase(o, new ArrayList<>()).description().contains("9.9.10-test"));
    assertEquals(4, state.kernelsRead());
  }

  @Test
  void notesOfReadingSymversAreToldToEveryRun() throws IOException {
    ResidentState state = new ResidentState();
    Path extra = Files.writeString(tmp.resolve("bad.symvers"), "this is not a symvers line\n");
    AnalysisOptions o = options(Optional.empty(), List.of(extra));
    List<Notification> one = new ArrayList<>();
    state.kernelDatabase(o, one);
    List<Notification> two = new ArrayList<>();
    state.kernelDatabase(o, two);
    assertEquals(1, state.kernelsRead());
    assertFalse(one.isEmpty(), "a malformed line is a notification");
    assertEquals(one, two);
  }
}
