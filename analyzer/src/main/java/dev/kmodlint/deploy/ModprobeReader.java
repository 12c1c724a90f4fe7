package dev.kmodlint.deploy;

import dev.kmodlint.model.ModprobeFile;
import dev.kmodlint.model.ModprobeFile.Command;
import dev.kmodlint.model.ModprobeFile.ModuleName;
import dev.kmodlint.model.ModprobeFile.Option;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SyntaxProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads modprobe.d files the way kmod's {@code kmod_config_parse} does (words split at blanks,
 * a line starting with {@code #} a comment, backslash continuations, the rest of an
 * {@code options} line handed to the kernel, which splits it with {@code next_arg}), and
 * modules-load.d files the way systemd-modules-load does (one module name a line, comments
 * starting with {@code #} or {@code ;}).
 */
public final class ModprobeReader {
  private ModprobeReader() {}

  /** A token of a line: text and its character range in the logical line. */
  private record Word(String text, int start, int end) {}

  public static ModprobeFile read(Path file, String content, ModprobeFile.Kind kind) {
    return kind == ModprobeFile.Kind.MODULES_LOAD_D ? readModulesLoad(file, content) : readModprobe(file, content);
  }

  private static ModprobeFile readModprobe(Path file, String content) {
    List<Command> commands = new ArrayList<>();
    List<SyntaxProblem> problems = new ArrayList<>();
    for (LogicalLine line : LogicalLine.split(file, content, true)) {
      String text = line.text();
      // kmod takes only a '#' in the first column as a comment; an indented one is, to kmod, a bad
      // line it ignores either way, so it is read as the comment its author meant
      if (text.isBlank() || text.stripLeading().startsWith("#")) continue;
      List<Word> words = words(text, 0, text.length());
      Word cmd = words.get(0);
      SourcePosition at = line.span(cmd.start(), cmd.end());
      switch (cmd.text()) {
        case "options" -> {
          if (words.size() < 3) {
            problems.add(new SyntaxProblem(at, "'options' needs a module name and at least one parameter;"
                + " kmod ignores this line"));
            continue;
          }
          Word module = words.get(1);
          List<Option> options = options(line, module.end());
          commands.add(new Command("options", at, Optional.of(name(line, module)), Optional.empty(), options,
              List.of()));
        }
        case "alias" -> {
          if (words.size() < 3) {
            problems.add(new SyntaxProblem(at, "'alias' needs an alias and a module name; kmod ignores this line"));
            continue;
          }
          commands.add(new Command("alias", at, Optional.of(name(line, words.get(2))),
              Optional.of(name(line, words.get(1))), List.of(), List.of()));
          if (words.size() > 3) problems.add(new SyntaxProblem(line.span(words.get(3).start(), text.length()),
              "'alias' takes one module name; kmod ignores the rest of the line"));
        }
        case "blacklist" -> {
          if (words.size() < 2) {
            problems.add(new SyntaxProblem(at, "'blacklist' needs a module name; kmod ignores this line"));
            continue;
          }
          commands.add(new Command("blacklist", at, Optional.of(name(line, words.get(1))), Optional.empty(),
              List.of(), List.of()));
          if (words.size() > 2) problems.add(new SyntaxProblem(line.span(words.get(2).start(), text.length()),
              "'blacklist' takes one module name; kmod ignores the rest of the line"));
        }
        case "install", "remove" -> {
          if (words.size() < 3) {
            problems.add(new SyntaxProblem(at, "'" + cmd.text() + "' needs a module name and a command;"
                + " kmod ignores this line"));
            continue;
          }
          commands.add(new Command(cmd.text(), at, Optional.of(name(line, words.get(1))), Optional.empty(),
              List.of(), List.of()));
        }
        case "softdep", "weakdep" -> {
          if (words.size() < 3) {
            problems.add(new SyntaxProblem(at, "'" + cmd.text() + "' needs a module name and the modules it"
                + " depends on; kmod ignores this line"));
            continue;
          }
          List<ModuleName> deps = new ArrayList<>();
          boolean listed = cmd.text().equals("weakdep"); // weakdep (kmod 33) has no pre:/post:
          for (Word w : words.subList(2, words.size())) {
            if (w.text().equals("pre:") || w.text().equals("post:")) {
              listed = true;
            } else if (listed) {
              deps.add(name(line, w));
            } else {
              problems.add(new SyntaxProblem(line.span(w.start(), w.end()), "'" + w.text() + "' comes before"
                  + " any 'pre:' or 'post:', so kmod ignores it; write 'softdep MODULE pre: " + w.text() + "'"));
            }
          }
          commands.add(new Command(cmd.text(), at, Optional.of(name(line, words.get(1))), Optional.empty(),
              List.of(), deps));
        }
        case "include", "config" -> problems.add(new SyntaxProblem(at, "'" + cmd.text() + "' is a"
            + " module-init-tools command kmod no longer reads; this line is ignored"));
        default -> problems.add(new SyntaxProblem(at, "'" + cmd.text() + "' is not a modprobe.d command"
            + " (alias, options, install, remove, softdep, blacklist); kmod ignores this line"));
      }
    }
    return new ModprobeFile(file, ModprobeFile.Kind.MODPROBE_D, commands, problems);
  }

  private static ModprobeFile readModulesLoad(Path file, String content) {
    List<Command> commands = new ArrayList<>();
    List<SyntaxProblem> problems = new ArrayList<>();
    for (LogicalLine line : LogicalLine.split(file, content, false)) {
      String text = line.text();
      String stripped = text.strip();
      if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith(";")) continue;
      List<Word> words = words(text, 0, text.length());
      Word first = words.get(0);
      SourcePosition at = line.span(first.start(), first.end());
      if (words.size() > 1 || first.text().contains("=")) {
        problems.add(new SyntaxProblem(line.span(first.start(), words.get(words.size() - 1).end()),
            "a modules-load.d line is one module name; '" + stripped + "' is not, so the module is not loaded"
                + " (parameters belong in a modprobe.d 'options' line)"));
        continue;
      }
      commands.add(new Command("load", at, Optional.of(name(line, first)), Optional.empty(), List.of(), List.of()));
    }
    return new ModprobeFile(file, ModprobeFile.Kind.MODULES_LOAD_D, commands, problems);
  }

  private static ModuleName name(LogicalLine line, Word w) {
    return new ModuleName(w.text(), line.span(w.start(), w.end()));
  }

  /** Blank-separated words of {@code text[from, to)}, as {@code strtok_r(line, "\t ")}. */
  private static List<Word> words(String text, int from, int to) {
    List<Word> out = new ArrayList<>();
    int i = from;
    while (i < to) {
      while (i < to && isBlank(text.charAt(i))) i++;
      int start = i;
      while (i < to && !isBlank(text.charAt(i))) i++;
      if (i > start) out.add(new Word(text.substring(start, i), start, i));
    }
    return out;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * The parameters of an {@code options} line after {@code from}, split like the kernel's
   * {@code next_arg}: at unquoted white space, the value after the first {@code =}, double
   * quotes around the value (or the whole word) removed.
   */
  static List<Option> options(LogicalLine line, int from) {
    String text = line.text();
    List<Option> out = new ArrayList<>();
    int i = from;
    int n = text.length();
    while (true) {
      while (i < n && Character.isWhitespace(text.charAt(i))) i++;
      if (i >= n) break;
      int start = i;
      boolean quoted = text.charAt(i) == '"';
      boolean inQuote = quoted;
      int p = quoted ? i + 1 : i;
      int equals = -1;
      int j = p;
      for (; j < n; j++) {
        char c = text.charAt(j);
        if (Character.isWhitespace(c) && !inQuote) break;
        if (equals < 0 && c == '=' && j > p) equals = j;
        if (c == '"') inQuote = !inQuote;
      }
      int end = j;
      String name;
      Optional<String> value;
      SourcePosition valueAt;
      if (equals < 0) {
        int nameEnd = quoted && end - 1 > p && text.charAt(end - 1) == '"' ? end - 1 : end;
        name = text.substring(p, nameEnd);
        value = Optional.empty();
        valueAt = line.span(end, end);
      } else {
        name = text.substring(p, equals);
        int vs = equals + 1;
        int ve = end;
        if (vs < ve && text.charAt(vs) == '"') {
          vs++;
          if (ve - 1 >= vs && text.charAt(ve - 1) == '"') ve--;
        } else if (quoted && ve - 1 > vs && text.charAt(ve - 1) == '"') {
          ve--;
        }
        value = Optional.of(text.substring(vs, Math.max(vs, ve)));
        valueAt = line.span(equals + 1, end);
      }
      out.add(new Option(name, value, line.span(start, end), valueAt));
      i = end;
    }
    return out;
  }
}
