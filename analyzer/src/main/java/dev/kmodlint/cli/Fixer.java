package dev.kmodlint.cli;

import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.text.BoundedReader;
import dev.kmodlint.text.SourceText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code kmodlint check --fix}: applies the fix of every finding that has one, in place, as
 * {@code clang-tidy --fix} and {@code ruff --fix} do; {@code --dry-run} prints them as a
 * unified diff instead. The first fix of a finding is taken (SARIF's fixes are alternatives).
 * Errors are fixed first; a fix that overlaps one already taken in its file is left for the
 * next run (where its finding is found again, if it is still there); a fix of a finding that holds on
 * some of the kernels of a run only is not made (it would break the others); the same change asked for
 * by several findings (one namespace import for three symbols) is made once. A file that is not
 * UTF-8, or has changed so that a region no longer exists, is left as it is and said so.
 */
final class Fixer {
  private Fixer() {}

  /** The new content of one file: {@code fixed} findings are fixed by it. */
  record Change(Path file, byte[] before, byte[] after, int fixed) {}

  /**
   * What applying the fixes does: the changed files, how many findings they fix, how many fixes
   * were left for the next run because they overlap another, and the files left alone (why).
   */
  record Plan(List<Change> changes, int fixed, int deferred, List<String> problems) {
    int files() {
      return changes.size();
    }

    String summary(boolean dryRun) {
      StringBuilder sb = new StringBuilder();
      if (fixed == 0) sb.append(dryRun ? "nothing to fix" : "nothing fixed");
      else sb.append(dryRun ? "would fix " : "fixed ").append(plural(fixed, "finding")).append(" in ")
          .append(plural(files(), "file"));
      if (deferred > 0) sb.append("; ").append(plural(deferred, "fix")).append(" overlapping another left for the"
          + " next run");
      if (!problems.isEmpty()) sb.append("; ").append(String.join("; ", problems));
      return sb.toString();
    }
  }

  private record Pending(Finding finding, Finding.Fix fix) {}

  /** One edit placed in its file's text: {@code [start, end)} replaced by {@code text}. */
  private record Placed(int start, int end, String text, int order) {}

  static Plan plan(List<Finding> findings) {
    List<Pending> pending = new ArrayList<>();
    int otherKernels = 0;
    for (Finding f : findings) {
      if (f.fixes().isEmpty()) continue;
      // a fix for the kernels a finding holds on breaks the others of the run (a namespace
      // written as 6.12.117 takes it does not assemble on 6.1): that needs a test of the kernel
      if (!f.kernels().isEmpty()) otherKernels++;
      else pending.add(new Pending(f, f.fixes().get(0)));
    }
    // errors first, then in report order: when two fixes collide, the more severe finding's wins
    pending.sort(Comparator.comparing((Pending p) -> p.finding().level()).thenComparing(Pending::finding));
    Map<Path, Text> texts = new TreeMap<>();
    Map<Path, List<Placed>> taken = new HashMap<>();
    Map<Path, Integer> fixedPerFile = new HashMap<>();
    Map<Path, String> refused = new LinkedHashMap<>();
    List<List<Finding.Fix.Edit>> done = new ArrayList<>();
    int fixed = 0;
    int deferred = 0;
    int order = 0;
    for (Pending p : pending) {
      List<Finding.Fix.Edit> edits = p.fix().edits();
      if (done.contains(edits)) { // the same change for another finding
        fixed++;
        fixedPerFile.merge(edits.get(0).region().file(), 1, Integer::sum);
        continue;
      }
      List<Path> files = edits.stream().map(e -> e.region().file()).distinct().toList();
      if (files.stream().anyMatch(refused::containsKey)) continue;
      Map<Path, List<Placed>> placed = new HashMap<>();
      boolean ok = true;
      for (Finding.Fix.Edit e : edits) {
        Path file = e.region().file();
        Text t = texts.computeIfAbsent(file, Text::read);
        if (t.problem != null) {
          refused.put(file, t.problem);
          ok = false;
          break;
        }
        String[] why = new String[1];
        Placed at = t.place(e, order++, why);
        if (at == null) {
          refused.put(file, why[0]);
          ok = false;
          break;
        }
        placed.computeIfAbsent(file, k -> new ArrayList<>()).add(at);
      }
      if (!ok) continue;
      boolean overlaps = false;
      for (Map.Entry<Path, List<Placed>> e : placed.entrySet()) {
        List<Placed> before = taken.getOrDefault(e.getKey(), List.of());
        for (Placed a : e.getValue()) {
          for (Placed b : before) overlaps |= overlap(a, b);
        }
      }
      if (overlaps) {
        deferred++;
        continue;
      }
      placed.forEach((file, list) -> taken.computeIfAbsent(file, k -> new ArrayList<>()).addAll(list));
      done.add(edits);
      fixed++;
      fixedPerFile.merge(files.get(0), 1, Integer::sum);
    }
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<Path, List<Placed>> e : new TreeMap<>(taken).entrySet()) {
      Text t = texts.get(e.getKey());
      byte[] after = t.apply(e.getValue());
      if (!java.util.Arrays.equals(after, t.bytes)) {
        changes.add(new Change(e.getKey(), t.bytes, after, fixedPerFile.getOrDefault(e.getKey(), 0)));
      }
    }
    List<String> problems = new ArrayList<>(refused.values());
    if (otherKernels > 0) problems.add(plural(otherKernels, "fix") + " of findings on some of the kernels only not"
        + " made (each would break the other kernels: test the kernel version there)");
    return new Plan(changes, fixed, deferred, List.copyOf(problems));
  }

  /** Two edits collide when their regions share a character, or one inserts inside the other. */
  private static boolean overlap(Placed a, Placed b) {
    if (a.start == a.end && b.start == b.end) return false; // two insertions: both, in order
    if (a.start == a.end) return b.start < a.start && a.start < b.end;
    if (b.start == b.end) return a.start < b.start && b.start < a.end;
    return a.start < b.end && b.start < a.end;
  }

  /** Writes every change in place: a temporary file beside the original, then renamed over it. */
  static void apply(Plan plan) throws IOException {
    for (Change c : plan.changes()) {
      Path file = c.file();
      Path tmp = file.resolveSibling("." + file.getFileName() + ".kmodlint-fix");
      Files.write(tmp, c.after());
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        Files.setPosixFilePermissions(tmp, perms);
      } catch (UnsupportedOperationException e) {
        // no POSIX permissions here: the new file keeps the default ones
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The plan as a unified diff (three lines of context), paths relative to {@code base} as {@code a/} and {@code b/}. */
  static String diff(Plan plan, Path base) {
    Path b = base.toAbsolutePath().normalize();
    StringBuilder sb = new StringBuilder();
    for (Change c : plan.changes()) {
      Path abs = c.file().toAbsolutePath().normalize();
      String name = abs.startsWith(b) ? b.relativize(abs).toString() : null;
      sb.append("--- ").append(name != null ? "a/" + name : abs.toString()).append('\n');
      sb.append("+++ ").append(name != null ? "b/" + name : abs.toString()).append('\n');
      // bytes that are not UTF-8 are shown as U+FFFD: the diff is for reading; --fix writes the bytes
      UnifiedDiff.hunks(UnifiedDiff.lines(new String(c.before(), StandardCharsets.UTF_8)),
          UnifiedDiff.lines(new String(c.after(), StandardCharsets.UTF_8)), 3, sb);
    }
    return sb.toString();
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : word.endsWith("x") ? "es" : "s");
  }

  /**
   * A file's content as the fixes see it: its bytes, with the start of each line. Edits are
   * made on the bytes, so that what a fix does not touch stays byte for byte as it was, in a
   * Latin-1 file too; only the lines a fix edits must be UTF-8 (where columns are counted).
   */
  private static final class Text {
    final byte[] bytes;
    final String problem;
    final int[] lineStarts;

    private Text(byte[] bytes, String problem) {
      this.bytes = bytes;
      this.problem = problem;
      List<Integer> starts = new ArrayList<>(List.of(0));
      for (int i = 0; i < bytes.length; i++) if (bytes[i] == '\n') starts.add(i + 1);
      lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    static Text read(Path file) {
      try {
        return new Text(BoundedReader.read(file, SourceText.MAX_BYTES), null);
      } catch (IOException e) {
        return new Text(new byte[0], file + ": " + BoundedReader.reason(e) + ", left as it is");
      }
    }

    /** Lines the file has, counting a last line without its newline. */
    private int lines() {
      boolean endsWithNewline = bytes.length == 0 || bytes[bytes.length - 1] == '\n';
      return endsWithNewline ? lineStarts.length - 1 : lineStarts.length;
    }

    /** The byte offset of a 1-based line and column (UTF-16 units); -1: no such place, -2: the line is not UTF-8. */
    private int offset(int line, int column) {
      if (line == lines() + 1 && column == 1) return bytes.length; // the end of the file
      if (line < 1 || line > lines()) return -1;
      int start = lineStarts[line - 1];
      int end = line < lineStarts.length ? lineStarts[line] - 1 : bytes.length;
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, start, end - start))
            .toString();
      } catch (CharacterCodingException e) {
        return -2;
      }
      if (column - 1 > text.length()) return -1;
      return start + text.substring(0, column - 1).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The edit at its byte offsets; null, with the reason in {@code why}, when it cannot be placed. */
    Placed place(Finding.Fix.Edit e, int order, String[] why) {
      SourcePosition r = e.region();
      int start = offset(r.line(), r.column());
      int end = offset(r.endLine(), r.endColumn());
      if (start == -2 || end == -2) {
        why[0] = r.file() + ": line " + (start == -2 ? r.line() : r.endLine()) + " is not UTF-8 text, left as it is";
        return null;
      }
      if (start < 0 || end < start) {
        why[0] = r.file() + ": changed since it was analyzed, left as it is";
        return null;
      }
      String text = e.text();
      // inserting whole lines at the end of a file whose last line has no newline: give it one
      if (start == bytes.length && start == end && bytes.length > 0 && bytes[bytes.length - 1] != '\n'
          && text.endsWith("\n")) {
        text = "\n" + text.substring(0, text.length() - 1);
      }
      return new Placed(start, end, text, order);
    }

    byte[] apply(List<Placed> edits) {
      List<Placed> sorted = new ArrayList<>(edits);
      sorted.sort(Comparator.comparingInt(Placed::start).thenComparingInt(Placed::order));
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length + 64);
      int at = 0;
      for (Placed p : sorted) {
        out.write(bytes, at, p.start - at);
        out.writeBytes(p.text.getBytes(StandardCharsets.UTF_8));
        at = p.end;
      }
      out.write(bytes, at, bytes.length - at);
      return out.toByteArray();
    }
  }

  /** A line diff (Myers' O(ND) algorithm: fixes change a few lines of long files) printed as unified hunks. */
  static final class UnifiedDiff {
    private UnifiedDiff() {}

    /** The lines of a text, each with its line terminator; the last one may have none. */
    static List<String> lines(String text) {
      List<String> out = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          out.add(text.substring(start, i + 1));
          start = i + 1;
        }
      }
      if (start < text.length()) out.add(text.substring(start));
      return out;
    }

    private enum Op { SAME, DELETE, INSERT }

    private record Step(Op op, String line) {}

    static List<Step> script(List<String> a, List<String> b) {
      int n = a.size();
      int m = b.size();
      int max = n + m;
      int off = max + 1;
      int[] v = new int[2 * max + 3];
      List<int[]> trace = new ArrayList<>();
      int found = -1;
      for (int d = 0; d <= max && found < 0; d++) {
        trace.add(v.clone());
        for (int k = -d; k <= d; k += 2) {
          int x = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1;
          int y = x - k;
          while (x < n && y < m && a.get(x).equals(b.get(y))) {
            x++;
            y++;
          }
          v[off + k] = x;
          if (x >= n && y >= m) {
            found = d;
            break;
          }
        }
      }
      List<Step> steps = new ArrayList<>();
      int x = n;
      int y = m;
      for (int d = found; d >= 0; d--) {
        int[] vd = trace.get(d);
        int k = x - y;
        int prevK = (k == -d || (k != d && vd[off + k - 1] < vd[off + k + 1])) ? k + 1 : k - 1;
        int prevX = vd[off + prevK];
        int prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
          steps.add(new Step(Op.SAME, a.get(x - 1)));
          x--;
          y--;
        }
        if (d > 0) {
          if (x == prevX) steps.add(new Step(Op.INSERT, b.get(y - 1)));
          else steps.add(new Step(Op.DELETE, a.get(x - 1)));
        }
        x = prevX;
        y = prevY;
      }
      java.util.Collections.reverse(steps);
      return steps;
    }

    static void hunks(List<String> a, List<String> b, int context, StringBuilder out) {
      List<Step> steps = script(a, b);
      int i = 0;
      while (i < steps.size()) {
        if (steps.get(i).op() == Op.SAME) {
          i++;
          continue;
        }
        // a hunk: from context lines before this change to context lines after the last change
        // that is at most 2 * context lines of sameness away from the next
        int first = Math.max(0, i - context);
        int last = i;
        for (int j = i; j < steps.size(); j++) {
          if (steps.get(j).op() != Op.SAME) last = j;
          else if (j - last > 2 * context) break;
        }
        int end = Math.min(steps.size(), last + context + 1);
        int aStart = 0;
        int bStart = 0;
        for (int j = 0; j < first; j++) {
          if (steps.get(j).op() != Op.INSERT) aStart++;
          if (steps.get(j).op() != Op.DELETE) bStart++;
        }
        int aLen = 0;
        int bLen = 0;
        for (int j = first; j < end; j++) {
          if (steps.get(j).op() != Op.INSERT) aLen++;
          if (steps.get(j).op() != Op.DELETE) bLen++;
        }
        out.append(String.format(Locale.ROOT, "@@ -%s +%s @@\n", range(aStart, aLen), range(bStart, bLen)));
        for (int j = first; j < end; j++) {
          Step s = steps.get(j);
          out.append(switch (s.op()) {
            case SAME -> ' ';
            case DELETE -> '-';
            case INSERT -> '+';
          });
          out.append(s.line());
          if (!s.line().endsWith("\n")) out.append("\n\\ No newline at end of file\n");
        }
        i = end;
      }
    }

    /** {@code start,length} as diff prints it: an empty range names the line before it. */
    private static String range(int start, int length) {
      if (length == 0) return start + ",0";
      return length == 1 ? String.valueOf(start + 1) : (start + 1) + "," + length;
    }
  }
}
