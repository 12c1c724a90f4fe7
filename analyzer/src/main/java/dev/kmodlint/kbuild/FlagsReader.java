package dev.kmodlint.kbuild;

import dev.kmodlint.model.CompileFlags;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads compiler flags as gcc gets them: the words of a make variable go through the shell
 * (quotes and backslashes), then {@code -D}, {@code -U}, {@code -I} (and {@code -iquote},
 * {@code -isystem}, {@code -idirafter}), {@code -include}, {@code -imacros} are taken, in order.
 */
final class FlagsReader {
  private final Map<String, String> defines = new LinkedHashMap<>();
  private final List<String> undefines = new ArrayList<>();
  private final List<Path> includeDirs = new ArrayList<>();
  private final List<Path> forced = new ArrayList<>();
  private final List<Path> macros = new ArrayList<>();
  private final Path base;
  private boolean complete = true;

  /** {@code base}: where a relative path is resolved. */
  FlagsReader(Path base) {
    this.base = base;
  }

  void incomplete() {
    complete = false;
  }

  /** The words a shell makes of {@code command}: quotes removed, backslash escapes resolved. */
  static List<String> shellWords(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    int i = 0;
    int n = command.length();
    while (i < n) {
      char c = command.charAt(i);
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        if (end < 0) end = n;
        w.append(command, i + 1, end);
        inWord = true;
        i = end + 1;
      } else if (c == '"') {
        i++;
        while (i < n && command.charAt(i) != '"') {
          char d = command.charAt(i);
          if (d == '\\' && i + 1 < n && "\"\\$`\n".indexOf(command.charAt(i + 1)) >= 0) {
            w.append(command.charAt(i + 1));
            i += 2;
          } else {
            w.append(d);
            i++;
          }
        }
        i++;
        inWord = true;
      } else if (c == '\\' && i + 1 < n) {
        w.append(command.charAt(i + 1));
        inWord = true;
        i += 2;
      } else if (c == ' ' || c == '\t' || c == '\n') {
        if (inWord) {
          out.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
        i++;
      } else {
        w.append(c);
        inWord = true;
        i++;
      }
    }
    if (inWord) out.add(w.toString());
    return out;
  }

  /** Takes the flags of one command line (the known words of the variables, in order). */
  void read(String command) {
    List<String> words = shellWords(command);
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String next = i + 1 < words.size() ? words.get(i + 1) : null;
      if (w.startsWith("-D")) {
        String d = w.length() > 2 ? w.substring(2) : next;
        if (w.length() == 2) i++;
        if (d != null) define(d);
      } else if (w.startsWith("-U")) {
        String u = w.length() > 2 ? w.substring(2) : next;
        if (w.length() == 2) i++;
        if (u != null) {
          defines.remove(u);
          undefines.remove(u);
          undefines.add(u);
        }
      } else if (w.equals("-include") || w.equals("-imacros")) {
        i++;
        if (next != null) path(next, w.equals("-include") ? forced : macros);
      } else if (w.startsWith("-I") || w.startsWith("-iquote") || w.startsWith("-isystem")
          || w.startsWith("-idirafter")) {
        String option = w.startsWith("-I") ? "-I" : w.startsWith("-iquote") ? "-iquote"
            : w.startsWith("-isystem") ? "-isystem" : "-idirafter";
        String p = w.length() > option.length() ? w.substring(option.length()) : next;
        if (w.length() == option.length()) i++;
        if (p != null && !p.equals("-")) path(p, includeDirs);
      }
    }
  }

  private void define(String d) {
    int eq = d.indexOf('=');
    String name = eq < 0 ? d : d.substring(0, eq);
    String value = eq < 0 ? "1" : d.substring(eq + 1);
    if (name.isEmpty()) return;
    undefines.remove(name);
    defines.remove(name);
    defines.put(name, value);
  }

  void defineLast(String name, String value) {
    define(name + "=" + value);
  }

  private void path(String p, List<Path> into) {
    try {
      Path path = Path.of(p);
      Path resolved = (path.isAbsolute() ? path : base.resolve(path)).normalize();
      if (!into.contains(resolved)) into.add(resolved);
    } catch (InvalidPathException e) {
      complete = false;
    }
  }

  CompileFlags flags() {
    return new CompileFlags(defines, undefines, includeDirs, forced, macros, complete);
  }
}
