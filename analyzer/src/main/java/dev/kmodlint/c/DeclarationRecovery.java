package dev.kmodlint.c;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTProblemDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.model.ILanguage;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.IncludeFileContentProvider;
import org.eclipse.cdt.core.parser.NullLogService;
import org.eclipse.cdt.core.parser.ScannerInfo;

/**
 * What a file-scope definition CDT could not parse defines: {@code const struct cfg80211_ops
 * ops = { ..., CFG80211_TESTMODE_CMD(f) ... };} (a kernel macro that expands to initializer
 * items), {@code const u8 addr[8] __long_aligned = {...};} (an attribute macro of an unread
 * header), {@code const char *t[] = { [X] = PREFIX "x" };} (a string macro). gcc defines the
 * object all the same; without it every use of the name would look undefined. The text before
 * the initializer's {@code =} is parsed again on its own, less the words after the declarator
 * that only the headers know (attribute macros), until it is one declaration of one object.
 */
final class DeclarationRecovery {
  private DeclarationRecovery() {}

  /**
   * The object {@code text} defines: its declaration as CDT parses it ({@code declaration}, of
   * {@code text[0, end)} with a {@code ;}), where its name is ({@code nameOffset} into
   * {@code text}) and where its initializer starts ({@code initializer}, after the {@code =}).
   */
  record Recovered(IASTSimpleDeclaration declaration, IASTDeclarator declarator, String name, int nameOffset,
      int initializer) {}

  /** The words of the declarator's tail that may be dropped, at most. */
  private static final int MAX_DROPPED = 3;

  /** The definition {@code text} (a problem declaration's text) makes, or empty when it is none CDT can read. */
  static Optional<Recovered> recover(String text) {
    int eq = topLevelAssignment(text);
    if (eq < 0) return Optional.empty();
    String prefix = text.substring(0, eq);
    for (int dropped = 0; dropped <= MAX_DROPPED; dropped++) {
      Optional<Recovered> r = parse(prefix, eq + 1);
      if (r.isPresent()) return r;
      int cut = lastWord(prefix);
      if (cut <= 0) break;
      prefix = prefix.substring(0, cut);
    }
    return Optional.empty();
  }

  private static Optional<Recovered> parse(String prefix, int initializer) {
    IASTTranslationUnit tu;
    try {
      tu = GCCLanguage.getDefault().getASTTranslationUnit(FileContent.create("recovered.c", (prefix + ";").toCharArray()),
          new ScannerInfo(), IncludeFileContentProvider.getEmptyFilesProvider(), null, ILanguage.OPTION_NO_IMAGE_LOCATIONS,
          new NullLogService());
    } catch (org.eclipse.core.runtime.CoreException | RuntimeException e) {
      return Optional.empty();
    }
    if (tu == null || tu.getPreprocessorProblems().length > 0) return Optional.empty();
    IASTDeclaration[] all = tu.getDeclarations();
    if (all.length != 1 || !(all[0] instanceof IASTSimpleDeclaration sd) || sd.getDeclarators().length != 1)
      return Optional.empty();
    IASTDeclarator dec = sd.getDeclarators()[0];
    IASTDeclarator inner = CSyntax.innermost(dec);
    // a function has no initializer; an old-style declaration of a macro call is no object
    if (dec instanceof IASTFunctionDeclarator && dec.getNestedDeclarator() == null) return Optional.empty();
    String name = inner.getName().toString();
    IASTFileLocation at = inner.getName().getFileLocation();
    if (name.isEmpty() || at == null || hasProblem(sd)) return Optional.empty();
    return Optional.of(new Recovered(sd, dec, name, at.getNodeOffset(), initializer));
  }

  private static boolean hasProblem(IASTSimpleDeclaration sd) {
    boolean[] found = {false};
    sd.accept(new org.eclipse.cdt.core.dom.ast.ASTVisitor(true) {
      @Override
      public int visit(org.eclipse.cdt.core.dom.ast.IASTProblem problem) {
        found[0] = true;
        return PROCESS_ABORT;
      }
    });
    return found[0] || sd.getDeclSpecifier() == null;
  }

  /** The offset of the first {@code =} outside brackets, literals and comments, or -1. */
  static int topLevelAssignment(String text) {
    char[] t = text.toCharArray();
    int depth = 0;
    for (int i = 0; i < t.length; i++) {
      int past = CSyntax.skipCommentOrLiteral(t, i, t.length);
      if (past > i) {
        i = past - 1;
        continue;
      }
      char c = t[i];
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && c == ';') {
        return -1;
      } else if (depth == 0 && c == '=' && (i + 1 >= t.length || t[i + 1] != '=')
          && (i == 0 || "!<>=".indexOf(t[i - 1]) < 0)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Where the last word of {@code prefix} starts: an identifier, with the parenthesised
   * arguments that follow it ({@code __aligned(8)}, {@code __attribute__((x))}); -1 when it ends
   * otherwise ({@code ]}, {@code *}).
   */
  private static int lastWord(String prefix) {
    int i = prefix.length() - 1;
    while (i >= 0 && Character.isWhitespace(prefix.charAt(i))) i--;
    if (i >= 0 && prefix.charAt(i) == ')') {
      int depth = 0;
      for (; i >= 0; i--) {
        char c = prefix.charAt(i);
        if (c == ')') depth++;
        else if (c == '(' && --depth == 0) break;
      }
      i--;
      while (i >= 0 && Character.isWhitespace(prefix.charAt(i))) i--;
    }
    int end = i + 1;
    while (i >= 0 && (Character.isLetterOrDigit(prefix.charAt(i)) || prefix.charAt(i) == '_')) i--;
    return i + 1 < end && !Character.isDigit(prefix.charAt(i + 1)) ? i + 1 : -1;
  }

  /**
   * The identifiers of {@code text[from, to)} outside literals and comments that are not member
   * names ({@code .probe =}, {@code p->x}), each with its offset, whether {@code &} precedes it
   * and the name of the innermost call whose arguments hold it ({@code CFG80211_TESTMODE_CMD} for
   * {@code CFG80211_TESTMODE_CMD(f)}; empty when none).
   */
  static List<Mention> mentions(char[] text, int from, int to) {
    List<Mention> out = new ArrayList<>();
    java.util.Deque<String> calls = new java.util.ArrayDeque<>();
    String last = null; // the identifier just before, while only blanks follow it
    for (int i = from; i < to; ) {
      char c = text[i];
      int past = CSyntax.skipCommentOrLiteral(text, i, to);
      if (past > i) {
        if (c == '"' || c == '\'') last = null;
        i = past;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < to && (Character.isLetterOrDigit(text[j]) || text[j] == '_')) j++;
        int k = i - 1;
        while (k >= from && Character.isWhitespace(text[k])) k--;
        boolean member = k >= from && (text[k] == '.' || (text[k] == '>' && k > from && text[k - 1] == '-'));
        String name = new String(text, i, j - i);
        if (!member) out.add(new Mention(name, i, k >= from && text[k] == '&', innermost(calls)));
        last = member ? null : name;
        i = j;
      } else if (Character.isDigit(c)) {
        while (i < to && (Character.isLetterOrDigit(text[i]) || text[i] == '.' || text[i] == '_')) i++;
        last = null;
      } else {
        if (c == '(') calls.push(last == null ? "" : last);
        else if (c == ')' && !calls.isEmpty()) calls.pop();
        if (!Character.isWhitespace(c)) last = null;
        i++;
      }
    }
    return out;
  }

  /**
   * The offsets of the identifiers of {@code names} in {@code text[from, to)} that
   * {@link #mentions} would give, told to {@code out} in order; an identifier of another length
   * or first character than all of {@code names} is passed over without making a string of it
   * (the not-emitted analysis scans every unit's text for a few names).
   */
  static void mentionsOf(char[] text, int from, int to, Set<String> names, java.util.function.ObjIntConsumer<String> out) {
    NameSieve sieve = new NameSieve(names);
    for (int i = from; i < to; ) {
      char c = text[i];
      int past = CSyntax.skipCommentOrLiteral(text, i, to);
      if (past > i) {
        i = past;
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < to && (Character.isLetterOrDigit(text[j]) || text[j] == '_')) j++;
        if (sieve.mayBe(text, i, j - i)) {
          int k = i - 1;
          while (k >= from && Character.isWhitespace(text[k])) k--;
          boolean member = k >= from && (text[k] == '.' || (text[k] == '>' && k > from && text[k - 1] == '-'));
          if (!member) {
            String name = new String(text, i, j - i);
            if (names.contains(name)) out.accept(name, i);
          }
        }
        i = j;
      } else if (Character.isDigit(c)) {
        while (i < to && (Character.isLetterOrDigit(text[i]) || text[i] == '.' || text[i] == '_')) i++;
      } else {
        i++;
      }
    }
  }

  /**
   * Tells most identifiers that are none of a few names by their length and first character,
   * before a string is made of them.
   */
  static final class NameSieve {
    private final java.util.BitSet lengths = new java.util.BitSet();
    private final java.util.BitSet firsts = new java.util.BitSet();

    NameSieve(Set<String> names) {
      for (String n : names) {
        if (n.isEmpty()) continue;
        lengths.set(n.length());
        firsts.set(n.charAt(0));
      }
    }

    /** False when the identifier {@code text[at, at + length)} is surely none of the names. */
    boolean mayBe(char[] text, int at, int length) {
      return length > 0 && lengths.get(length) && firsts.get(text[at]);
    }
  }

  private static String innermost(java.util.Deque<String> calls) {
    for (String c : calls) if (!c.isEmpty()) return c;
    return "";
  }

  /** An identifier of an initializer's text. */
  record Mention(String name, int offset, boolean address, String argumentOf) {}
}
