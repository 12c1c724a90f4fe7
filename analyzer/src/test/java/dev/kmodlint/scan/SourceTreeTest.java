package dev.kmodlint.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk of the scan: each kind of file where it belongs, what is skipped, what cannot be read. */
class SourceTreeTest {
  @TempDir Path tmp;

  private Path file(String rel) throws IOException {
    Path p = tmp.resolve("tree").resolve(rel);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, "x\n");
  }

  private Path tree() {
    return tmp.resolve("tree");
  }

  private static Set<String> names(Path root, java.util.Collection<Path> files) {
    Set<String> out = new TreeSet<>();
    for (Path f : files) out.add(root.relativize(f).toString());
    return out;
  }

  @Test
  void eachKindOfFileIsSortedWhereItBelongs() throws IOException {
    for (String f : List.of("Kbuild", "main.c", "main.h", "sub/Makefile", "sub/helper.c", "sub/helper.S", "Kconfig",
        "sub/Kconfig.debug", "dkms.conf", "etc/modprobe.d/drv.conf", "etc/modules-load.d/drv.conf", "other/stray.conf",
        "README", "docs/GNUmakefile", "lib/x.c", "lib/y.c"))
      file(f);
    Path root = tree();
    SourceTree t = SourceTree.walk(List.of(root));
    assertEquals(Set.of("main.c", "sub/helper.c", "lib/x.c", "lib/y.c"), names(root, t.cFiles()));
    assertEquals(Set.of("main.h"), names(root, t.headers()));
    assertEquals(Set.of("Kconfig", "sub/Kconfig.debug"), names(root, t.kconfigs()));
    assertEquals(Set.of("", "sub", "docs"), names(root, t.kbuildDirs()), "directories with a Kbuild or Makefile");
    assertEquals(Set.of("dkms.conf"), names(root, t.dkmsConfs()));
    assertEquals(Set.of("etc/modprobe.d/drv.conf"), names(root, t.modprobeConfs()), "a .conf elsewhere is no modprobe.d file");
    assertEquals(Set.of("etc/modules-load.d/drv.conf"), names(root, t.modulesLoadConfs()));
    assertEquals(List.of(root.resolve("lib/x.c"), root.resolve("lib/y.c")), t.cFilesByDir().get(root.resolve("lib")));
    assertEquals(Set.of("main.c", "sub/helper.c", "lib/x.c", "lib/y.c", "main.h", "Kconfig", "sub/Kconfig.debug",
        "dkms.conf", "etc/modprobe.d/drv.conf", "etc/modules-load.d/drv.conf", "Kbuild", "sub/Makefile",
        "docs/GNUmakefile"), names(root, t.textFiles()), "the files a suppression comment may be in");
    assertEquals(List.of(), t.notifications());
  }

  @Test
  void filesNamedOnTheirOwnAreTakenWithTheirDirectorysMakefile() throws IOException {
    Path c = file("drv/drv.c");
    file("drv/Makefile");
    Path conf = file("elsewhere/local.conf");
    SourceTree t = SourceTree.walk(List.of(c, conf));
    assertEquals(Set.of(c), t.cFiles());
    assertEquals(Set.of(c.getParent()), t.kbuildDirs());
    assertEquals(Set.of(conf), t.modprobeConfs(), "a .conf named on the command line is a modprobe.d file");
  }

  @Test
  void versionControlAndQuiltDirectoriesAreSkipped() throws IOException {
    for (String f : List.of(".git/hooks/x.c", ".svn/y.c", ".hg/z.c", ".pc/patch/old.c", ".tmp_versions/t.c",
        "src/.git/inner.c", "src/kept.c", ".github/ci.c"))
      file(f);
    SourceTree t = SourceTree.walk(List.of(tree()));
    assertEquals(Set.of("src/kept.c", ".github/ci.c"), names(tree(), t.cFiles()));
    // a scan started inside such a directory reads it
    assertEquals(Set.of("hooks/x.c"), names(tree().resolve(".git"), SourceTree.walk(List.of(tree().resolve(".git"))).cFiles()));
  }

  @Test
  void aLinkToADirectoryOutsideIsFollowedALoopIsNot() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("far.c"), "int far;\n");
    file("near.c");
    Files.createSymbolicLink(tree().resolve("link"), outside);
    Files.createSymbolicLink(tree().resolve("loop"), tree()); // kernel trees have these
    SourceTree t = SourceTree.walk(List.of(tree()));
    // the linked directory is part of the module's sources (vendor trees link a shared
    // directory in); the loop back into the tree adds nothing and is nothing to report
    assertEquals(Set.of("near.c", "link/far.c"), names(tree(), t.cFiles()));
    assertEquals(List.of(), t.notifications(), "a loop not followed is nothing to report");
  }

  /**
   * A directory the walk cannot enter is a notification, and the walk goes on. Permissions do
   * not stop root, so the directory here is one whose path is longer than the system allows.
   */
  @Test
  void aDirectoryThatCannotBeReadIsANotificationAndTheWalkGoesOn() throws Exception {
    file("readable.c");
    String name = "d".repeat(200);
    StringBuilder deep = new StringBuilder(tree().resolve("deep").toString());
    while (deep.length() < 4200) deep.append('/').append(name);
    Path top = tree().resolve("deep");
    try {
      run("mkdir", "-p", deep.toString()); // mkdir(1) walks down with chdir, where a path this long is no problem
      SourceTree t = SourceTree.walk(List.of(tree()));
      assertEquals(Set.of("readable.c"), names(tree(), t.cFiles()));
      assertEquals(1, t.notifications().size(), t.notifications().toString());
      Notification n = t.notifications().get(0);
      assertEquals("read-failure", n.id());
      assertEquals(Level.WARNING, n.level());
      assertTrue(n.message().startsWith("skipped " + top + "/" + name), n.message());
      assertTrue(n.message().matches("skipped \\S+: .+"), "the path, then why (ENAMETOOLONG, in the system's words): "
          + n.message());
    } finally {
      run("rm", "-rf", top.toString()); // nor is it for rm(1); JUnit's clean-up could not delete it
    }
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", List.of(cmd)).substring(0, 40)
        + "...: " + out);
  }
}
