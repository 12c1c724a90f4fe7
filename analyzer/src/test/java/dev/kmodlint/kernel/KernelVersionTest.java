package dev.kmodlint.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelVersionTest {
  @TempDir Path tmp;

  @Test
  void theCodeIsKernelVersionWithTheSublevelCappedAt255() {
    assertEquals(393664, KernelVersion.code(6, 1, 192));
    assertEquals(393727, KernelVersion.code(6, 1, 300), "6.1.300 is 6.1.255 to LINUX_VERSION_CODE");
    assertEquals(new KernelVersion(6, 12, 117, 396405), new KernelVersion(6, 12, 117));
    assertEquals("6.12.117", new KernelVersion(6, 12, 117).toString());
    assertEquals(Optional.of(new KernelVersion(6, 8, 0)), KernelVersion.parse("6.8-rc1"));
  }

  @Test
  void readsVersionHeaderThenMakefile() throws IOException {
    Path k = Files.createDirectories(tmp.resolve("k/include/generated/uapi/linux")).getParent().getParent().getParent()
        .getParent();
    Files.writeString(k.resolve("include/generated/uapi/linux/version.h"), "#define LINUX_VERSION_CODE 393664\n"
        + "#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))\n"
        + "#define LINUX_VERSION_MAJOR 6\n#define LINUX_VERSION_PATCHLEVEL 1\n#define LINUX_VERSION_SUBLEVEL 192\n");
    assertEquals(Optional.of(new KernelVersion(6, 1, 192, 393664)), KernelVersion.ofBuildDirectory(k));
    // a kernel before 5.0: the code alone, and the Makefile tells the sublevel beyond 255
    Files.writeString(k.resolve("include/generated/uapi/linux/version.h"), "#define LINUX_VERSION_CODE 263423\n");
    assertEquals(Optional.of(new KernelVersion(4, 4, 255, 263423)), KernelVersion.ofBuildDirectory(k));
    // Debian's split layout: the flavour's Makefile includes the common one
    Path common = Files.createDirectories(tmp.resolve("common"));
    Files.writeString(common.resolve("Makefile"), "VERSION = 4\nPATCHLEVEL = 4\nSUBLEVEL = 302\nEXTRAVERSION =\n");
    Files.writeString(k.resolve("Makefile"), "include " + common.resolve("Makefile") + "\n");
    assertEquals(Optional.of(new KernelVersion(4, 4, 302, 263423)), KernelVersion.ofBuildDirectory(k));
    assertTrue(KernelVersion.ofBuildDirectory(tmp.resolve("nothing")).isEmpty());
  }
}
