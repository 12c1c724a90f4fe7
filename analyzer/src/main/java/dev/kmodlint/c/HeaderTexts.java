package dev.kmodlint.c;

import dev.kmodlint.text.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.cdt.internal.core.parser.scanner.CharArray;

/**
 * The local headers of one run, each read once, with what every translation unit that includes
 * it computes from its text alone: the names a preprocessor context may define for it, whether
 * it names a section macro, CDT's view of its characters (whose content hash CDT computes once).
 * A header is included by every C file of its directory, and reading, decoding and scanning it
 * again for each of them was a fifth of a cold run. An entry holds while the file's size,
 * modification time and identity are those it was read with; the least recently used entries
 * go when the texts held pass {@link #MAX_CHARS}. Shared by the parser threads.
 */
final class HeaderTexts {
  /** About 64 MiB of characters: the headers of a few hundred directories. */
  private static final long MAX_CHARS = 32L << 20;

  /** One header as read, and what was derived from it; immutable but for the lazy parts. */
  static final class Header {
    final SourceText text;
    final CharArray chars;
    private final Stamp stamp;
    private volatile ContextPreprocessor.Names names;
    private volatile ContextPreprocessor.Names configNames;
    private volatile Boolean namesASectionMacro;
    private volatile long[] mentioned;

    private Header(SourceText text, Stamp stamp) {
      this.text = text;
      this.chars = new CharArray(text.chars());
      this.stamp = stamp;
    }

    /** {@link ContextPreprocessor.Names#of} of the text; {@code macros}: whether kernel header macros are looked for. */
    ContextPreprocessor.Names names(boolean macros) {
      ContextPreprocessor.Names n = macros ? names : configNames;
      if (n == null) {
        n = ContextPreprocessor.Names.of(text.chars(), macros);
        if (macros) names = n;
        else configNames = n;
      }
      return n;
    }

    /**
     * Whether the text may mention a name of these {@link #hash}es outside comments and literals, and not as a
     * member ({@link DeclarationRecovery#mentions}): false only when it surely does not. The
     * names are kept as sorted 64-bit hashes, made the first time a unit asks.
     */
    boolean mayMentionAny(long[] hashes) {
      long[] m = mentioned;
      if (m == null) {
        char[] t = text.chars();
        m = DeclarationRecovery.mentions(t, 0, t.length).stream().mapToLong(x -> hash(x.name())).sorted().distinct()
            .toArray();
        mentioned = m;
      }
      for (long h : hashes) if (java.util.Arrays.binarySearch(m, h) >= 0) return true;
      return false;
    }

    /** The hash of a name that {@link #mayMentionAny} takes. */
    static long hash(String s) {
      long h = 0xcbf29ce484222325L; // FNV-1a
      for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * 0x100000001b3L;
      return h;
    }

    /** Whether the text mentions any of {@code macros} (the section macros of {@link CodeExtractor}). */
    boolean mentionsAny(Iterable<String> macros) {
      Boolean b = namesASectionMacro;
      if (b == null) {
        String all = new String(text.chars());
        boolean found = false;
        for (String m : macros) {
          if (all.contains(m)) {
            found = true;
            break;
          }
        }
        namesASectionMacro = b = found;
      }
      return b;
    }
  }

  private record Stamp(long size, FileTime modified, Object fileKey) {}

  private final Map<String, Header> byPath = new LinkedHashMap<>(256, 0.75f, true);
  private long chars;

  /**
   * The header at {@code path} (normalised), read now or earlier in the run while unchanged;
   * null when it cannot be read.
   */
  Header get(Path path) {
    String key = path.toString();
    Stamp now;
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      now = new Stamp(a.size(), a.lastModifiedTime(), a.fileKey());
    } catch (IOException e) {
      return null;
    }
    synchronized (this) {
      Header h = byPath.get(key);
      if (h != null && h.stamp.equals(now)) return h;
    }
    SourceText text;
    try {
      text = SourceText.read(path);
    } catch (IOException e) {
      return null;
    }
    Header h = new Header(text, now);
    synchronized (this) {
      Header old = byPath.put(key, h);
      if (old != null) chars -= old.text.chars().length;
      chars += text.chars().length;
      var it = byPath.values().iterator();
      while (chars > MAX_CHARS && it.hasNext()) {
        Header eldest = it.next();
        if (eldest == h) break;
        chars -= eldest.text.chars().length;
        it.remove();
      }
    }
    return h;
  }

  @Override
  public String toString() {
    return "HeaderTexts[" + byPath.size() + " headers, " + chars + " chars]";
  }
}
