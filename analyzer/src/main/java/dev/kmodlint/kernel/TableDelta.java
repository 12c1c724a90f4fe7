package dev.kmodlint.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One kernel's table written as the changes from another kernel's: the embedded 6.12 header
 * index is most of the 6.1 one, so the jar carries 6.12's as the lines to keep, drop and add.
 * Both tables are sorted by a key (a symbol, a macro name); the delta is found in one walk.
 * Format (text, gzipped by the caller): {@code # kmodlint delta<TAB>base<TAB>lines<TAB>crc},
 * the target's own first line, then {@code =N} (keep N lines of the base), {@code -N} (drop N),
 * {@code +line} (add line). {@code crc} is the CRC-32 of the base table the delta was made
 * from: a delta applied to another version of its base is refused, not misread.
 */
final class TableDelta {
  static final String MAGIC = "# kmodlint delta";

  private TableDelta() {}

  /**
   * Writes {@code target} as a delta from {@code base} (both with their first line, the
   * table's header); {@code key} gives each later line's sort key.
   */
  static void write(String baseName, List<String> base, List<String> target, Function<String, String> key, Writer w)
      throws IOException {
    write(baseName, base, base.subList(1, base.size()).stream().map(key).toList(), target,
        target.subList(1, target.size()).stream().map(key).toList(), w);
  }

  /**
   * As {@link #write(String, List, List, Function, Writer)}, with each line's key given
   * ({@code baseKeys.get(i)} for {@code base.get(i + 1)}): for tables whose lines are keyed by
   * where they stand (a file's records after its own line).
   */
  static void write(String baseName, List<String> base, List<String> baseKeys, List<String> target,
      List<String> targetKeys, Writer w) throws IOException {
    w.write(MAGIC + "\t" + baseName + "\t" + target.size() + "\t" + crc(base) + "\n");
    w.write(target.get(0) + "\n");
    int i = 1;
    int j = 1;
    Run run = new Run(w);
    while (i < base.size() || j < target.size()) {
      if (i < base.size() && j < target.size()) {
        String b = base.get(i);
        String t = target.get(j);
        if (b.equals(t)) {
          run.keep();
          i++;
          j++;
          continue;
        }
        int c = baseKeys.get(i - 1).compareTo(targetKeys.get(j - 1));
        if (c == 0) {
          run.drop();
          run.add(t);
          i++;
          j++;
        } else if (c < 0) {
          run.drop();
          i++;
        } else {
          run.add(t);
          j++;
        }
      } else if (i < base.size()) {
        run.drop();
        i++;
      } else {
        run.add(target.get(j++));
      }
    }
    run.flush();
  }

  /** Runs of kept and dropped lines, written as one count each. */
  private static final class Run {
    final Writer w;
    char op;
    int n;

    Run(Writer w) {
      this.w = w;
    }

    void keep() throws IOException {
      count('=');
    }

    void drop() throws IOException {
      count('-');
    }

    void count(char c) throws IOException {
      if (op != c) flush();
      op = c;
      n++;
    }

    void add(String line) throws IOException {
      flush();
      w.write("+" + line + "\n");
    }

    void flush() throws IOException {
      if (n > 0) w.write(op + Integer.toString(n) + "\n");
      n = 0;
      op = 0;
    }
  }

  /** The base kernel a delta's first line names. */
  static String baseOf(String firstLine) throws IOException {
    String[] f = firstLine == null ? new String[0] : firstLine.split("\t", -1);
    if (f.length != 4 || !f[0].equals(MAGIC)) throw new IOException("not a kmodlint table delta");
    return f[1];
  }

  /** The CRC-32 of a table's lines, in hexadecimal. */
  static String crc(List<String> lines) {
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    for (String l : lines) {
      c.update(l.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      c.update('\n');
    }
    return Long.toHexString(c.getValue());
  }

  /** The target table's lines, its first line included, from {@code base} and a delta read after its first line. */
  static List<String> apply(List<String> base, String firstLine, BufferedReader delta) throws IOException {
    baseOf(firstLine);
    if (!firstLine.split("\t", -1)[3].equals(crc(base)))
      throw new IOException("a delta of another version of " + baseOf(firstLine) + "'s table (regenerate both)");
    int lines;
    try {
      lines = Integer.parseInt(firstLine.split("\t", -1)[2]);
    } catch (NumberFormatException e) {
      throw new IOException("malformed table delta header: " + firstLine);
    }
    List<String> out = new ArrayList<>(lines);
    String head = delta.readLine();
    if (head == null) throw new IOException("table delta without a header");
    out.add(head);
    int i = 1;
    for (String op; (op = delta.readLine()) != null; ) {
      if (op.startsWith("+")) {
        out.add(op.substring(1));
        continue;
      }
      int n;
      try {
        n = Integer.parseInt(op.substring(1));
      } catch (RuntimeException e) {
        throw new IOException("malformed table delta line: " + op);
      }
      if (n < 0 || i + n > base.size()) throw new IOException("table delta runs past its base");
      if (op.charAt(0) == '=') out.addAll(base.subList(i, i + n));
      else if (op.charAt(0) != '-') throw new IOException("malformed table delta line: " + op);
      i += n;
    }
    if (i != base.size() || out.size() != lines) throw new IOException("table delta does not match its base");
    return out;
  }
}
