package dev.kmodlint.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kernel's version as its build sees it: {@code VERSION.PATCHLEVEL.SUBLEVEL} and
 * {@code LINUX_VERSION_CODE}, which is {@code KERNEL_VERSION(a, b, c)} with the sublevel
 * capped at 255 (6.1.192 is 393664).
 */
public record KernelVersion(int major, int patchlevel, int sublevel, int code) {
  private static final Pattern DEFINE = Pattern.compile("(?m)^#define\\s+(LINUX_VERSION_CODE|LINUX_VERSION_MAJOR"
      + "|LINUX_VERSION_PATCHLEVEL|LINUX_VERSION_SUBLEVEL)\\s+(\\d+)\\s*$");
  private static final Pattern MAKEFILE = Pattern.compile("(?m)^(VERSION|PATCHLEVEL|SUBLEVEL)\\s*=\\s*(\\d+)\\s*$");

  public KernelVersion(int major, int patchlevel, int sublevel) {
    this(major, patchlevel, sublevel, code(major, patchlevel, sublevel));
  }

  /** {@code KERNEL_VERSION(a, b, c)} of {@code <linux/version.h>}. */
  public static int code(int a, int b, int c) {
    return (a << 16) + (b << 8) + Math.min(c, 255);
  }

  /** {@code 6.1.192}. */
  @Override
  public String toString() {
    return major + "." + patchlevel + "." + sublevel;
  }

  /** Reads {@code 6.1.192} (a trailing suffix such as {@code -rc1} is left out). */
  public static Optional<KernelVersion> parse(String s) {
    Matcher m = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*").matcher(s);
    if (!m.matches()) return Optional.empty();
    return Optional.of(new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
  }

  /**
   * The version of a build directory: {@code include/generated/uapi/linux/version.h} (its
   * {@code LINUX_VERSION_*} macros, since 5.0; before, the code alone), else the
   * {@code VERSION}/{@code PATCHLEVEL}/{@code SUBLEVEL} of its Makefile or, in Debian's split
   * layout, of the Makefile it includes.
   */
  public static Optional<KernelVersion> ofBuildDirectory(Path kdir) {
    Integer code = null;
    Integer[] abc = new Integer[3];
    for (String rel : List.of("include/generated/uapi/linux/version.h", "include/linux/version.h")) {
      String text = read(kdir.resolve(rel));
      if (text == null) continue;
      Matcher m = DEFINE.matcher(text);
      while (m.find()) {
        int v = Integer.parseInt(m.group(2));
        switch (m.group(1)) {
          case "LINUX_VERSION_CODE" -> code = v;
          case "LINUX_VERSION_MAJOR" -> abc[0] = v;
          case "LINUX_VERSION_PATCHLEVEL" -> abc[1] = v;
          default -> abc[2] = v;
        }
      }
      if (code != null) break;
    }
    if (abc[0] == null || abc[1] == null || abc[2] == null) {
      Integer[] fromMake = makefileVersion(kdir);
      if (fromMake != null) abc = fromMake;
    }
    if (abc[0] != null && abc[1] != null && abc[2] != null)
      return Optional.of(new KernelVersion(abc[0], abc[1], abc[2], code != null ? code : code(abc[0], abc[1], abc[2])));
    if (code != null) return Optional.of(new KernelVersion(code >> 16, (code >> 8) & 0xff, code & 0xff, code));
    return Optional.empty();
  }

  private static Integer[] makefileVersion(Path kdir) {
    String make = read(kdir.resolve("Makefile"));
    for (int depth = 0; make != null && depth < 3; depth++) {
      Integer[] abc = new Integer[3];
      Matcher m = MAKEFILE.matcher(make);
      while (m.find()) {
        int v = Integer.parseInt(m.group(2));
        switch (m.group(1)) {
          case "VERSION" -> abc[0] = v;
          case "PATCHLEVEL" -> abc[1] = v;
          default -> abc[2] = v;
        }
      }
      if (abc[0] != null && abc[1] != null && abc[2] != null) return abc;
      // Debian's linux-headers-R-amd64/Makefile: include /usr/src/linux-headers-R-common/Makefile
      Matcher inc = Pattern.compile("(?m)^include\\s+(/\\S+/Makefile)\\s*$").matcher(make);
      make = inc.find() ? read(Path.of(inc.group(1))) : null;
    }
    return null;
  }

  private static String read(Path p) {
    try {
      if (!Files.isRegularFile(p) || Files.size(p) > (8 << 20)) return null;
      return Files.readString(p, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return null;
    }
  }
}
