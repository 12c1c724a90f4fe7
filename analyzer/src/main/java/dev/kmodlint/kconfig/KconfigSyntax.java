package dev.kmodlint.kconfig;

import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SyntaxProblem;
import dev.kmodlint.text.TextIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTreeWalker;

/** Parses one Kconfig file; syntax errors are collected, never printed. */
final class KconfigSyntax {
  /** A file of garbage would otherwise yield one problem per line. */
  private static final int MAX_REPORTED = 20;

  private KconfigSyntax() {}

  record Parsed(Path file, KconfigParser.KconfigFileContext tree, List<SyntaxProblem> problems, TextIndex index) {
    SourcePosition position(Token t) {
      return index.span(file, t.getStartIndex(), t.getStopIndex() + 1);
    }
  }

  static Parsed parse(Path file, String text) {
    TextIndex index = new TextIndex(text);
    Errors errors = new Errors(file, index);
    KconfigLexer lexer = new KconfigLexer(CharStreams.fromString(text, file.toString()));
    lexer.removeErrorListeners();
    lexer.addErrorListener(errors);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    KconfigParser parser = new KconfigParser(tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(errors);
    KconfigParser.KconfigFileContext tree = parser.kconfigFile();
    new ParseTreeWalker().walk(new KconfigParserBaseListener() {
      @Override
      public void enterMacroLine(KconfigParser.MacroLineContext m) {
        Token t = m.getStart();
        if (t.getType() == KconfigLexer.WORD && !t.getText().contains("$")) {
          errors.add(index.span(file, t.getStartIndex(), t.getStopIndex() + 1), "unknown statement '" + t.getText() + "'");
        }
      }
    }, tree);
    for (Token t : tokens.getTokens()) {
      if (t.getType() == KconfigLexer.UNTERMINATED_STRING) {
        errors.add(index.span(file, t.getStartIndex(), t.getStopIndex() + 1), "string without closing quote");
      }
    }
    return new Parsed(file, tree, errors.problems, index);
  }

  private static final class Errors extends BaseErrorListener {
    private final Path file;
    private final TextIndex index;
    final List<SyntaxProblem> problems = new ArrayList<>();

    Errors(Path file, TextIndex index) {
      this.file = file;
      this.index = index;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg,
        RecognitionException e) {
      SourcePosition at;
      if (offending instanceof Token t && t.getStartIndex() >= 0) {
        at = index.span(file, t.getStartIndex(), Math.max(t.getStartIndex(), t.getStopIndex()) + 1);
      } else if (e instanceof LexerNoViableAltException lexerError) {
        at = index.span(file, lexerError.getStartIndex(), lexerError.getStartIndex() + 1);
      } else {
        at = SourcePosition.line(file, line);
      }
      add(at, readable(msg));
    }

    void add(SourcePosition at, String message) {
      if (problems.size() < MAX_REPORTED) problems.add(new SyntaxProblem(at, message));
    }

    /** ANTLR's wording in Kconfig terms, without long token sets or control characters. */
    private static String readable(String msg) {
      String s = msg.replace("'<EOF>'", "end of file").replace("<EOF>", "end of file")
          .replace("'\\n'", "end of line").replace("'\\r\\n'", "end of line");
      int set = s.indexOf(" expecting {");
      if (set >= 0) s = s.substring(0, set);
      s = s.replace("NEWLINE", "end of line").replace("HELP_TEXT", "help text").replace("WORD", "a symbol");
      StringBuilder out = new StringBuilder();
      s.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
      return out.length() > 160 ? out.substring(0, 160) + "..." : out.toString();
    }
  }
}
