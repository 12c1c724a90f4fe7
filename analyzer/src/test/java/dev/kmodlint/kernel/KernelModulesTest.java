package dev.kmodlint.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelModulesTest {
  @TempDir Path dir;

  @Test
  void embeddedListHasLoadableAndBuiltinModulesOfItsRelease() {
    KernelModules m = KernelModules.embedded();
    assertTrue(m.release().contains("6.1"), m.release());
    assertTrue(m.size() > 3000, "only " + m.size() + " modules");
    assertTrue(m.contains("snd-hda-intel")); // loadable, written with dashes as users do
    assertTrue(m.contains("e1000e"));
    assertTrue(m.contains("ext4"));
    assertTrue(m.contains("crc32c_generic"));
    assertFalse(m.contains("snd_hda_intell"));
  }

  @Test
  void buildDirectoryListIsModulesOrderAndBuiltinBesideIt() throws Exception {
    Path release = dir.resolve("lib/modules/6.1.0-test");
    // as installed: build is a link to the headers elsewhere, whose ".." is not the release directory
    Path headers = Files.createDirectories(dir.resolve("usr/src/linux-headers-6.1.0-test"));
    Files.createDirectories(release);
    Path build = Files.createSymbolicLink(release.resolve("build"), headers);
    Files.writeString(release.resolve("modules.order"), "kernel/drivers/net/dummy.ko\nkernel/fs/my-fs/my-fs.ko\n");
    Files.writeString(release.resolve("modules.builtin"), "kernel/drivers/usb/core/usbcore.ko\n");
    Optional<KernelModules> m = KernelModules.ofBuildDirectory(build, "test");
    assertTrue(m.isPresent());
    assertEquals(3, m.get().size());
    assertTrue(m.get().contains("my_fs"));
    assertTrue(m.get().contains("usbcore"));
    assertFalse(m.get().contains("ext4"));
    assertTrue(KernelModules.ofBuildDirectory(Files.createDirectories(dir.resolve("empty/build")), "x").isEmpty());
  }
}
