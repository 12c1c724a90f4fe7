package dev.kmodlint.kconfig;

import dev.kmodlint.model.KconfigModel.SourceReference;
import dev.kmodlint.model.KconfigModel.SourceReference.Form;
import dev.kmodlint.model.SourcePosition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@code CONFIG_} identifiers of a C file or header and how each is used: tested by
 * {@code #ifdef}/{@code #ifndef}/{@code #if defined(...)}/{@code #elif}, by
 * {@code IS_ENABLED()}, {@code IS_BUILTIN()}, {@code IS_MODULE()}, {@code IS_REACHABLE()},
 * defined or undefined by {@code #define}/{@code #undef}, or used otherwise. Comments, string
 * and character literals are skipped; a backslash-newline continues a directive.
 */
public final class ConfigReferenceScanner {
  private ConfigReferenceScanner() {}

  public static List<SourceReference> scan(Path file, char[] text) {
    List<SourceReference> out = new ArrayList<>();
    int n = text.length;
    int line = 1;
    int lineStart = 0;
    boolean atLineStart = true; // only blanks since the last unescaped line break
    String directive = null; // the directive of the current logical line, if any
    for (int i = 0; i < n; i++) {
      char c = text[i];
      if (c == '\n') {
        boolean continued = i > 0 && (text[i - 1] == '\\' || (text[i - 1] == '\r' && i > 1 && text[i - 2] == '\\'));
        line++;
        lineStart = i + 1;
        if (!continued) {
          directive = null;
          atLineStart = true;
        }
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\\') continue;
      if (c == '/' && i + 1 < n && text[i + 1] == '/') {
        while (i + 1 < n && text[i + 1] != '\n') i++;
        continue;
      }
      if (c == '/' && i + 1 < n && text[i + 1] == '*') {
        i += 2;
        while (i < n && !(text[i] == '*' && i + 1 < n && text[i + 1] == '/')) {
          if (text[i] == '\n') {
            line++;
            lineStart = i + 1;
          }
          i++;
        }
        i++;
        continue;
      }
      if (c == '"' || c == '\'') {
        // #include "x" and '<...>' hold no identifiers; a literal ends at its line's end at most
        for (i++; i < n && text[i] != c && text[i] != '\n'; i++) if (text[i] == '\\') i++;
        if (i < n && text[i] == '\n') i--;
        atLineStart = false;
        continue;
      }
      if (c == '#' && atLineStart) {
        int j = i + 1;
        while (j < n && (text[j] == ' ' || text[j] == '\t')) j++;
        int k = j;
        while (k < n && Character.isLetter(text[k])) k++;
        directive = new String(text, j, k - j);
        atLineStart = false;
        i = k - 1;
        continue;
      }
      atLineStart = false;
      if (c == '_' || Character.isLetter(c)) {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(text[j]) || text[j] == '_')) j++;
        int after = j;
        while (after < n && (text[after] == ' ' || text[after] == '\t')) after++;
        // CONFIG_DVB_ ## name is pasted into another identifier: not a symbol of its own
        boolean pasted = after + 1 < n && text[after] == '#' && text[after + 1] == '#';
        if (j - i > 7 && !pasted && text[i] == 'C' && new String(text, i, 7).equals("CONFIG_")) {
          Form form = form(text, i, directive);
          SourcePosition at = new SourcePosition(file, line, i - lineStart + 1, line, j - lineStart + 1);
          out.add(new SourceReference(new String(text, i + 7, j - i - 7), form, at));
        }
        i = j - 1;
      } else if (Character.isDigit(c)) {
        // 0x1CONFIG_ is no identifier: skip the whole number
        while (i + 1 < n && (Character.isLetterOrDigit(text[i + 1]) || text[i + 1] == '_' || text[i + 1] == '.')) i++;
      }
    }
    return out;
  }

  private static Form form(char[] text, int at, String directive) {
    String macro = enclosingMacro(text, at);
    if (macro != null) {
      switch (macro) {
        case "IS_ENABLED": return Form.IS_ENABLED;
        case "IS_BUILTIN": return Form.IS_BUILTIN;
        case "IS_MODULE": return Form.IS_MODULE;
        case "IS_REACHABLE": return Form.IS_REACHABLE;
        default: break;
      }
    }
    if (directive == null) return Form.OTHER;
    return switch (directive) {
      case "ifdef", "ifndef", "elifdef", "elifndef" -> Form.IFDEF;
      case "if", "elif" -> Form.IF;
      case "define" -> Form.DEFINE;
      case "undef" -> Form.UNDEF;
      default -> Form.OTHER;
    };
  }

  /** The identifier before the '(' that directly encloses {@code at}, blanks allowed. */
  private static String enclosingMacro(char[] text, int at) {
    int i = at - 1;
    while (i >= 0 && (text[i] == ' ' || text[i] == '\t')) i--;
    if (i < 0 || text[i] != '(') return null;
    i--;
    while (i >= 0 && (text[i] == ' ' || text[i] == '\t')) i--;
    int end = i + 1;
    while (i >= 0 && (Character.isLetterOrDigit(text[i]) || text[i] == '_')) i--;
    return end > i + 1 ? new String(text, i + 1, end - i - 1) : null;
  }
}
