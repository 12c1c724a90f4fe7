package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The real kbuild of one module directory, as the oracle tests run it: {@code make -k -C KDIR M=DIR modules}. */
final class KernelBuild {
  private KernelBuild() {}

  /** What make printed (stdout and stderr together) and its exit status. */
  record Result(int exitValue, String log) {}

  static Result make(Path kdir, Path dir) throws Exception {
    Process p = new ProcessBuilder("make", "-k", "-C", kdir.toString(), "M=" + dir, "modules")
        .redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("kernel build of " + dir + " against " + kdir + " timed out");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
