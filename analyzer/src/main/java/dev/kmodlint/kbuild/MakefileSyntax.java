package dev.kmodlint.kbuild;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SyntaxProblem;
import dev.kmodlint.text.SyntaxErrors;
import dev.kmodlint.text.TextIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.IterativeParseTreeWalker;
import org.antlr.v4.runtime.tree.ParseTreeListener;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Parses one Makefile with the generated grammar. Syntax problems become
 * {@value #PARSE_ERROR} notifications; ANTLR's error recovery keeps the rest of the tree.
 */
final class MakefileSyntax {
  static final String PARSE_ERROR = "kbuild-parse-error";

  private static final Pattern TOKEN_NAME = Pattern.compile("\\b[A-Z][A-Z_]+\\b");
  /** ANTLR names tokens without a fixed spelling by their grammar symbol. */
  private static final Map<String, String> TOKEN_WORDS = Map.of(
      "NEWLINE", "end of line",
      "ENDEF", "'endef'",
      "DEFINE_LINE", "define body",
      "WORD", "a name",
      "VALUE_WORD", "a word",
      "ASSIGN_OP", "an assignment",
      "COND_TEXT", "an argument",
      "QUOTED", "a quoted string",
      "RULE_TEXT", "prerequisites",
      "RECIPE", "a recipe");
  /**
   * The parser recurses once per open conditional and would exhaust the stack on a few
   * thousand; real Kbuild files stay under ten.
   */
  private static final int MAX_NESTING = 200;
  /** make joins a backslash-newline and the blanks around it into one space. */
  private static final Pattern CONTINUATION = Pattern.compile("[ \t]*\\\\\r?\n[ \t]*");

  private MakefileSyntax() {}

  /** One parsed file: its tree, its problems, and how to place its tokens. */
  record Parsed(Path file, KbuildParser.MakefileContext tree, List<Notification> notifications,
      TextIndex index, CharStream input, SourcePosition fixedAt) {

    Word word(Token token) {
      return new Word(logical(token.getText()), position(token));
    }

    /** Where a token is written; for text given to {@code $(eval)}, where the eval is. */
    SourcePosition position(Token token) {
      if (fixedAt != null) return fixedAt;
      return index.span(file, token.getStartIndex(), token.getStopIndex() + 1);
    }

    /** The characters from token {@code first} to token {@code last}, lines joined as make joins them. */
    String text(Token first, Token last) {
      if (first.getStartIndex() < 0 || last.getStopIndex() < first.getStartIndex()) return "";
      return logical(input.getText(Interval.of(first.getStartIndex(), last.getStopIndex())));
    }

    /** The characters between two tokens (exclusive), raw. */
    String between(Token before, Token after) {
      int from = before.getStopIndex() + 1;
      int to = after.getStartIndex() - 1;
      return to < from ? "" : input.getText(Interval.of(from, to));
    }
  }

  /** A backslash-newline and the blanks around it are one blank; {@code \#} is a {@code #}. */
  static String logical(String text) {
    if (text.indexOf('\\') < 0) return text;
    return CONTINUATION.matcher(text).replaceAll(" ").replace("\\#", "#");
  }

  static Parsed parse(Path file, String text) {
    return parse(file, text, null);
  }

  /** {@code fixedAt}: every token is placed there (text that {@code $(eval)} reads), else null. */
  static Parsed parse(Path file, String text, SourcePosition fixedAt) {
    TextIndex index = new TextIndex(text);
    SyntaxErrors errors = new SyntaxErrors(file, index, MakefileSyntax::readable);
    CharStream input = CharStreams.fromString(text, file.toString());
    KbuildLexer lexer = new KbuildLexer(input);
    lexer.removeErrorListeners();
    lexer.addErrorListener(errors);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    int nesting = conditionalNesting(tokens.getTokens());
    if (nesting > MAX_NESTING) {
      report(errors, SourcePosition.startOf(file), "conditionals nest " + nesting
          + " deep, more than the " + MAX_NESTING + " this reader follows; the file is not used");
      return new Parsed(file, new KbuildParser.MakefileContext(null, -1), notifications(file, errors), index, input,
          fixedAt);
    }
    KbuildParser parser = new KbuildParser(tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(errors);
    KbuildParser.MakefileContext tree = parser.makefile();
    reportAcceptedMistakes(tree, errors);
    for (Token t : tokens.getTokens()) {
      int type = t.getType();
      if ((type == KbuildLexer.WORD || type == KbuildLexer.VALUE_WORD || type == KbuildLexer.COND_TEXT)
          && unterminatedReference(t.getText())) {
        report(errors, errors.position(t), "unterminated variable reference in '" + t.getText() + "'");
      }
    }
    return new Parsed(file, tree, notifications(file, errors), index, input, fixedAt);
  }

  /** How deep ifeq/ifdef ... endif lines nest, counting only directives that begin a line. */
  private static int conditionalNesting(List<Token> tokens) {
    int depth = 0;
    int max = 0;
    boolean lineStart = true;
    for (Token t : tokens) {
      if (t.getChannel() != Token.DEFAULT_CHANNEL) continue;
      int type = t.getType();
      if (lineStart) {
        if (type == KbuildLexer.IFEQ || type == KbuildLexer.IFNEQ || type == KbuildLexer.IFDEF
            || type == KbuildLexer.IFNDEF) {
          max = Math.max(max, ++depth);
        } else if (type == KbuildLexer.ENDIF) {
          depth = Math.max(0, depth - 1);
        }
      }
      lineStart = type == KbuildLexer.NEWLINE;
    }
    return max;
  }

  /** What the grammar accepts only so that it does not derail the parse of later lines. */
  private static void reportAcceptedMistakes(KbuildParser.MakefileContext tree, SyntaxErrors errors) {
    new IterativeParseTreeWalker().walk(new ParseTreeListener() {
      @Override
      public void enterEveryRule(ParserRuleContext ctx) {
        if (ctx instanceof KbuildParser.UnmatchedContext u) {
          report(errors, errors.position(u.getStart()), "'" + u.getStart().getText() + "' without a matching if");
        } else if (ctx instanceof KbuildParser.AssignmentContext a && a.variableName() == null
            && a.ASSIGN_OP() != null) {
          report(errors, errors.position(a.ASSIGN_OP().getSymbol()), "empty variable name");
        } else if (ctx instanceof KbuildParser.ExpressionLineContext e && !mayExpandToAStatement(e)) {
          report(errors, errors.position(e.getStart()),
              "missing separator: '" + e.getStart().getText() + "' starts no assignment, rule or directive");
        }
      }

      @Override
      public void visitTerminal(TerminalNode node) {}

      @Override
      public void visitErrorNode(ErrorNode node) {}

      @Override
      public void exitEveryRule(ParserRuleContext ctx) {}
    }, tree);
  }

  /**
   * A line of bare words is an error in make unless its first word is a reference, whose
   * expansion may be anything ($(eval ...), $(foreach ...)), or the load directive.
   */
  private static boolean mayExpandToAStatement(KbuildParser.ExpressionLineContext line) {
    String first = line.getStart().getText();
    return first.indexOf('$') >= 0 || first.equals("load") || first.equals("-load");
  }

  /** True when a {@code $(} or {@code ${} in the word is never closed. */
  static boolean unterminatedReference(String word) {
    for (int i = 0; i + 1 < word.length(); i++) {
      if (word.charAt(i) != '$') continue;
      char next = word.charAt(i + 1);
      if (next == '$') {
        i++;
      } else if (next == '(' || next == '{') {
        int end = referenceEnd(word, i);
        if (end < 0) return true;
        i = end - 1;
      }
    }
    return false;
  }

  /** Index just past the reference whose '$' is at {@code dollar}, or -1 when it is not closed. */
  static int referenceEnd(String text, int dollar) {
    char open = text.charAt(dollar + 1);
    char close = open == '(' ? ')' : '}';
    int depth = 0;
    for (int i = dollar + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * The file's problems as {@value #PARSE_ERROR} notifications, in file order: each at its
   * place, its message prefixed with the file and line; past the cap, the count of the others.
   */
  private static List<Notification> notifications(Path file, SyntaxErrors errors) {
    List<Notification> out = new ArrayList<>();
    for (SyntaxProblem p : errors.kept()) {
      out.add(Notification.at(PARSE_ERROR, Level.WARNING,
          file.getFileName() + " line " + p.position().line() + ": " + p.message(), p.position()));
    }
    out.sort(null);
    errors.dropped().ifPresent(p -> out.add(Notification.at(PARSE_ERROR, Level.WARNING, p.message(), p.position())));
    return out;
  }

  /** A problem kmodlint finds itself, worded as ANTLR's are. */
  private static void report(SyntaxErrors errors, SourcePosition at, String problem) {
    errors.add(at, readable(problem));
  }

  /** ANTLR's wording in the terms of a Makefile, without long token sets or control characters. */
  private static String readable(String msg) {
    String s = msg.replace("mismatched input '<EOF>'", "unexpected end of file")
        .replace("extraneous input '<EOF>'", "unexpected end of file")
        .replace("'<EOF>'", "end of file").replace("<EOF>", "end of file");
    int set = s.indexOf(" expecting {");
    if (set >= 0 && s.chars().filter(c -> c == ',').count() > 2) s = s.substring(0, set);
    int expecting = s.indexOf(" expecting ");
    if (expecting >= 0) {
      // Only the expected set names tokens; the offending text is the file's own.
      Matcher name = TOKEN_NAME.matcher(s.substring(expecting));
      StringBuilder words = new StringBuilder(s.substring(0, expecting)).append(',');
      while (name.find()) {
        name.appendReplacement(words, Matcher.quoteReplacement(TOKEN_WORDS.getOrDefault(name.group(), name.group())));
      }
      s = name.appendTail(words).toString();
    }
    return SyntaxErrors.oneLine(s);
  }
}
