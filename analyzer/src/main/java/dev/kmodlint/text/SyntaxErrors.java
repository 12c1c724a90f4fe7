package dev.kmodlint.text;

import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SyntaxProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * The syntax problems of one file read with an ANTLR grammar (the Kbuild and Kconfig
 * front-ends): what the lexer and parser report, in the front-end's words, and what the
 * front-end finds itself. Nothing is printed. A file of garbage would yield one problem per
 * line, so the first {@value #MAX_REPORTED} are kept and one last problem says how many more
 * there were: none is dropped in silence.
 */
public final class SyntaxErrors extends BaseErrorListener {
  public static final int MAX_REPORTED = 20;
  /** A message longer than this is cut (ANTLR's can list a whole token set). */
  static final int MAX_MESSAGE = 160;

  private final Path file;
  private final TextIndex index;
  private final UnaryOperator<String> wording;
  private final List<SyntaxProblem> kept = new ArrayList<>();
  private int dropped;

  /** {@code wording}: ANTLR's message in the terms of the file's language, on one line. */
  public SyntaxErrors(Path file, TextIndex index, UnaryOperator<String> wording) {
    this.file = file;
    this.index = index;
    this.wording = wording;
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
      String msg, RecognitionException e) {
    SourcePosition at;
    if (offendingSymbol instanceof Token t && t.getStartIndex() >= 0) {
      at = position(t);
    } else if (e instanceof LexerNoViableAltException lexerError) {
      at = index.span(file, lexerError.getStartIndex(), lexerError.getStartIndex() + 1);
    } else {
      at = SourcePosition.line(file, line);
    }
    add(at, wording.apply(msg));
  }

  /** Where a token is written (the end of the file for end of file). */
  public SourcePosition position(Token t) {
    return index.span(file, t.getStartIndex(), Math.max(t.getStartIndex(), t.getStopIndex()) + 1);
  }

  /** A problem the front-end finds itself, {@code message} as it is to be shown. */
  public void add(SourcePosition at, String message) {
    if (kept.size() < MAX_REPORTED) {
      kept.add(new SyntaxProblem(at, message));
    } else {
      dropped++;
    }
  }

  /** The first {@value #MAX_REPORTED} problems, in the order they were found. */
  public List<SyntaxProblem> kept() {
    return List.copyOf(kept);
  }

  /** Past {@value #MAX_REPORTED}: one problem at the start of the file saying how many more there were. */
  public Optional<SyntaxProblem> dropped() {
    if (dropped == 0) return Optional.empty();
    return Optional.of(new SyntaxProblem(SourcePosition.startOf(file),
        dropped + " more syntax problems in " + file.getFileName() + " are not listed"));
  }

  /** {@link #kept()}, then {@link #dropped()}. */
  public List<SyntaxProblem> all() {
    List<SyntaxProblem> out = new ArrayList<>(kept);
    dropped().ifPresent(out::add);
    return List.copyOf(out);
  }

  /** {@code message} fit for one line: control characters as {@code ?}, cut after {@value #MAX_MESSAGE}. */
  public static String oneLine(String message) {
    StringBuilder out = new StringBuilder();
    message.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.length() > MAX_MESSAGE ? out.substring(0, MAX_MESSAGE) + "..." : out.toString();
  }
}
