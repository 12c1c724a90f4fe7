package dev.kmodlint.kconfig;

import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SyntaxProblem;
import dev.kmodlint.text.SyntaxErrors;
import dev.kmodlint.text.TextIndex;
import java.nio.file.Path;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTreeWalker;

/** Parses one Kconfig file; syntax errors are collected ({@link SyntaxErrors}), never printed. */
final class KconfigSyntax {
  private KconfigSyntax() {}

  record Parsed(Path file, KconfigParser.KconfigFileContext tree, List<SyntaxProblem> problems, TextIndex index) {
    SourcePosition position(Token t) {
      return index.span(file, t.getStartIndex(), t.getStopIndex() + 1);
    }
  }

  static Parsed parse(Path file, String text) {
    TextIndex index = new TextIndex(text);
    SyntaxErrors errors = new SyntaxErrors(file, index, KconfigSyntax::readable);
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
          errors.add(errors.position(t), "unknown statement '" + t.getText() + "'");
        }
      }
    }, tree);
    for (Token t : tokens.getTokens()) {
      if (t.getType() == KconfigLexer.UNTERMINATED_STRING) {
        errors.add(errors.position(t), "string without closing quote");
      }
    }
    return new Parsed(file, tree, errors.all(), index);
  }

  /** ANTLR's wording in Kconfig terms, without long token sets or control characters. */
  private static String readable(String msg) {
    String s = msg.replace("'<EOF>'", "end of file").replace("<EOF>", "end of file")
        .replace("'\\n'", "end of line").replace("'\\r\\n'", "end of line");
    int set = s.indexOf(" expecting {");
    if (set >= 0) s = s.substring(0, set);
    s = s.replace("NEWLINE", "end of line").replace("HELP_TEXT", "help text").replace("WORD", "a symbol");
    return SyntaxErrors.oneLine(s);
  }
}
