package dev.kmodlint.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads a whole file that the analysis was given, refusing what no reader should take whole:
 * anything but a regular file (a named pipe or {@code /dev/zero} would block or never end),
 * and a file larger than the reader's limit (past 2 GiB no Java array holds it, and far
 * less than that is no source file). Every refusal and every I/O error is a
 * {@link ReadFailure} whose message is one line naming the file: {@code PATH: why}.
 */
public final class BoundedReader {
  private BoundedReader() {}

  /** An I/O error about one file, its message {@code PATH: reason} with the reason in plain words. */
  public static final class ReadFailure extends IOException {
    private final transient Path file;
    private final String reason;

    public ReadFailure(Path file, String reason) {
      super(file + ": " + reason);
      this.file = file;
      this.reason = reason;
    }

    public Path file() {
      return file;
    }

    /** Why, without the path: "permission denied", "is a directory", "larger than 64 MiB (2.0 GiB)". */
    public String reason() {
      return reason;
    }
  }

  /** The bytes of {@code file}, a regular file of at most {@code maxBytes}; a {@link ReadFailure} otherwise. */
  public static byte[] read(Path file, long maxBytes) throws ReadFailure {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class); // through links: their target is read
    } catch (IOException | SecurityException e) {
      throw failure(file, e);
    }
    if (attrs.isDirectory()) throw new ReadFailure(file, "is a directory");
    if (!attrs.isRegularFile()) throw new ReadFailure(file, "is not a regular file (a named pipe, socket or device)");
    if (attrs.size() > maxBytes) throw tooLarge(file, maxBytes, attrs.size());
    try (InputStream in = Files.newInputStream(file)) {
      // the size is a hint (the file may grow while read): one byte past the limit tells
      byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
      if (bytes.length > maxBytes) throw tooLarge(file, maxBytes, Math.max(attrs.size(), bytes.length));
      return bytes;
    } catch (IOException | SecurityException e) {
      throw failure(file, e);
    }
  }

  /** The reason in an I/O exception about {@code file}, as a {@link ReadFailure}. */
  public static ReadFailure failure(Path file, Exception e) {
    if (e instanceof ReadFailure f) return f;
    return new ReadFailure(file, reason(e));
  }

  /** What went wrong, in the words of {@code ls} or {@code cat}, without the path and without a class name. */
  public static String reason(Exception e) {
    if (e instanceof ReadFailure f) return f.reason();
    if (e instanceof NoSuchFileException) return "no such file or directory";
    if (e instanceof AccessDeniedException || e instanceof SecurityException) return "permission denied";
    if (e instanceof CharacterCodingException) return "not UTF-8 text";
    if (e instanceof FileSystemException fs && fs.getReason() != null) return lowerFirst(fs.getReason());
    String m = e.getMessage();
    return m == null || m.isBlank() ? "input/output error" : lowerFirst(m);
  }

  private static String lowerFirst(String s) {
    // "Is a directory" -> "is a directory", but keep "ELOOP"-like words and names as they are
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1)))
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    return s;
  }

  private static ReadFailure tooLarge(Path file, long maxBytes, long size) {
    return new ReadFailure(file, "is " + human(size) + ", larger than the " + human(maxBytes) + " any file of its"
        + " kind stays under");
  }

  /** 64 MiB, 2.0 GiB, 512 bytes. */
  static String human(long bytes) {
    if (bytes < 1024) return bytes + " bytes";
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%d %s", (long) v, units[u])
        : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

}
