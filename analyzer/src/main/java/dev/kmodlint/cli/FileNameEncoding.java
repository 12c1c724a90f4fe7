package dev.kmodlint.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * File names are bytes; Java turns them into strings with {@code sun.jnu.encoding}, which the
 * JVM takes from the locale when it starts ({@code LC_ALL}, {@code LC_CTYPE}, {@code LANG}) and
 * which nothing changes afterwards: {@code -Dsun.jnu.encoding=UTF-8} is ignored (JDK 17 to 25
 * read it from the platform only), and {@code -Dfile.encoding} changes the default charset, not
 * file names. In the POSIX locale, what a container runs in when {@code LANG} is unset, it is
 * ASCII: {@code café.c} becomes {@code "caf\uFFFD\uFFFD.c"}, which names no file once turned
 * back into a path, as the C parser, the Makefile reader and the fact cache all do. The file
 * is then "not analyzed" and the run exits 0.
 *
 * <p>So kmodlint does what Python does for the same reason (PEP 538, coercing the C locale to
 * UTF-8): started with a file-name encoding other than UTF-8, it runs itself again with
 * {@code LC_ALL=C.UTF-8}, the same JVM options and the same arguments, and exits as that run
 * does. The launcher ({@code ./kmodlint}) sets the locale itself, so this costs a second JVM
 * start only to those who run the jar by hand in a POSIX locale. The arguments are taken as
 * bytes from {@code /proc/self/cmdline}, because this JVM already decoded them as ASCII; those
 * that are not ASCII reach the new JVM through {@value #ARGUMENTS} (base64), because
 * {@link ProcessBuilder} would encode them as ASCII again.
 */
final class FileNameEncoding {
  /** Set in the run started here: it does not start another, whatever its encoding turns out to be. */
  static final String RELAUNCHED = "KMODLINT_RELAUNCHED";
  /** The arguments of the run started here, each base64 of its bytes, separated by commas. */
  static final String ARGUMENTS = "KMODLINT_ARGUMENTS";
  static final String LOCALE = "C.UTF-8";

  private FileNameEncoding() {}

  static boolean namesAreUtf8() {
    String jnu = System.getProperty("sun.jnu.encoding");
    try {
      return jnu != null && Charset.forName(jnu).equals(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The exit code of the same command run again in {@link #LOCALE}, when this JVM decodes file
   * names with something else and can start one that does not; empty when this one carries on.
   */
  static OptionalInt relaunchInUtf8(String[] args) throws InterruptedException {
    if (namesAreUtf8()) return OptionalInt.empty();
    if (System.getenv(RELAUNCHED) != null) {
      warn("even in " + LOCALE);
      return OptionalInt.empty();
    }
    Optional<List<byte[]>> argv = cmdline();
    Optional<List<String>> command = argv.flatMap(a -> command(a, args.length));
    if (command.isEmpty()) {
      warn("and kmodlint cannot start itself again in " + LOCALE);
      return OptionalInt.empty();
    }
    ProcessBuilder pb = new ProcessBuilder(command.get()).inheritIO();
    pb.environment().put("LC_ALL", LOCALE);
    pb.environment().put(RELAUNCHED, "1");
    List<byte[]> typed = argv.get().subList(argv.get().size() - args.length, argv.get().size());
    if (!allAscii(typed)) pb.environment().put(ARGUMENTS, encode(typed));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      warn("and kmodlint cannot start itself again in " + LOCALE + " (" + e.getMessage() + ")");
      return OptionalInt.empty();
    }
    // killed or interrupted, this JVM takes the one it started with it
    Thread reaper = new Thread(p::destroy, "kmodlint-relaunch-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    int code = p.waitFor();
    Runtime.getRuntime().removeShutdownHook(reaper);
    return OptionalInt.of(code);
  }

  /** In the run started by {@link #relaunchInUtf8}: the arguments as they were typed; else {@code args}. */
  static String[] arguments(String[] args) {
    String packed = System.getenv(ARGUMENTS);
    if (packed == null || System.getenv(RELAUNCHED) == null) return args;
    List<String> out = new ArrayList<>();
    if (!packed.isEmpty()) {
      for (String a : packed.split(",", -1)) out.add(new String(Base64.getDecoder().decode(a), StandardCharsets.UTF_8));
    }
    return out.toArray(String[]::new);
  }

  /**
   * The JVM, its options and its main class or jar as {@code argv} has them, then the
   * {@code count} arguments when they are ASCII (else they go through {@link #ARGUMENTS});
   * empty when the JVM part cannot be passed on unchanged.
   */
  private static Optional<List<String>> command(List<byte[]> argv, int count) {
    Optional<String> java = ProcessHandle.current().info().command();
    if (java.isEmpty() || argv.size() < count + 2) return Optional.empty();
    List<byte[]> launch = argv.subList(1, argv.size() - count);
    if (!allAscii(launch)) return Optional.empty(); // a class path that is not ASCII would not survive either
    List<String> cmd = new ArrayList<>();
    cmd.add(java.get());
    for (byte[] b : launch) cmd.add(new String(b, StandardCharsets.US_ASCII));
    List<byte[]> typed = argv.subList(argv.size() - count, argv.size());
    if (allAscii(typed)) for (byte[] b : typed) cmd.add(new String(b, StandardCharsets.US_ASCII));
    return Optional.of(cmd);
  }

  /** This process's argv, as the kernel keeps it. */
  private static Optional<List<byte[]>> cmdline() {
    try {
      byte[] all = Files.readAllBytes(Path.of("/proc/self/cmdline"));
      List<byte[]> out = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < all.length; i++) {
        if (all[i] != 0) continue;
        byte[] one = new byte[i - start];
        System.arraycopy(all, start, one, 0, one.length);
        out.add(one);
        start = i + 1;
      }
      return out.isEmpty() ? Optional.empty() : Optional.of(out);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean allAscii(List<byte[]> bytes) {
    for (byte[] b : bytes) for (byte x : b) if (x < 0) return false;
    return true;
  }

  private static String encode(List<byte[]> args) {
    List<String> parts = new ArrayList<>();
    for (byte[] a : args) parts.add(Base64.getEncoder().encodeToString(a));
    return String.join(",", parts);
  }

  private static void warn(String why) {
    System.err.println("kmodlint: warning: file names are read as " + System.getProperty("sun.jnu.encoding")
        + ", not UTF-8 (the locale's character set), " + why + ": files whose names are not ASCII cannot be"
        + " analyzed; run kmodlint with LC_ALL set to a UTF-8 locale");
  }
}
