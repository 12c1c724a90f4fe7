/*
 * Tokens of the Kconfig language (Documentation/kbuild/kconfig-language.rst, scripts/kconfig/
 * lexer.l). As in kconfig's own lexer, keywords are reserved everywhere on a line, '#' starts a
 * comment outside strings, and a backslash-newline joins lines. Two things depend on context
 * and are decided in nextToken(): the body of a help text, whose end is given by indentation,
 * and the value of a macro assignment ("cc-option = $(success,...)"), taken as raw text.
 *
 * Blank lines are not passed to the parser (kconfig drops repeated end-of-lines too), so the
 * grammar can treat NEWLINE as a statement terminator only.
 */
lexer grammar KconfigLexer;

tokens { HELP_TEXT }

@members {
  private int lastType = NEWLINE;
  private int lineTokens;
  private int firstTypeOfLine;
  private boolean helpPending;

  @Override
  public Token nextToken() {
    if (helpPending && _mode == DEFAULT_MODE && lastType == NEWLINE) {
      helpPending = false;
      Token help = helpText();
      if (help != null) return track(help);
    }
    while (true) {
      Token t = super.nextToken();
      if (t.getType() == Token.EOF) {
        // A last line without a line break still ends its statement.
        if (lastType != NEWLINE && lastType != HELP_TEXT) {
          lastType = NEWLINE;
          return getTokenFactory().create(_tokenFactorySourcePair, NEWLINE, "", Token.DEFAULT_CHANNEL,
              t.getStartIndex(), t.getStartIndex() - 1, t.getLine(), t.getCharPositionInLine());
        }
        return t;
      }
      if (t.getChannel() != Token.DEFAULT_CHANNEL) return t;
      if (t.getType() == NEWLINE && (lastType == NEWLINE || lastType == HELP_TEXT)) {
        lastType = NEWLINE;
        if (t instanceof WritableToken w) w.setChannel(Token.HIDDEN_CHANNEL);
        return t;
      }
      return track(t);
    }
  }

  private Token track(Token t) {
    int type = t.getType();
    if (type == NEWLINE || type == HELP_TEXT) {
      lineTokens = 0;
    } else {
      if (lineTokens == 0) firstTypeOfLine = type;
      lineTokens++;
      if (type == HELP) helpPending = true;
      // "NAME = value", "NAME := value", "NAME += value" at the start of a line assign a macro.
      if (lineTokens == 2 && firstTypeOfLine == WORD
          && (type == EQUAL || type == COLON_EQUAL || type == PLUS_EQUAL)) {
        mode(ASSIGN_VALUE_MODE);
      }
    }
    lastType = type;
    return t;
  }

  /** Columns of a line's indentation, a tab advancing to the next multiple of 8 (lexer.l). */
  private int indentAt(int k) {
    int ts = 0;
    for (;; k++) {
      int c = _input.LA(k);
      if (c == ' ') ts++;
      else if (c == '\t') ts = (ts & ~7) + 8;
      else return ts;
    }
  }

  /**
   * The help text starting at the current line: every following line indented at least as far
   * as its first non-blank line, blank lines included; it ends before the first line indented
   * less. Returns null when no line belongs to it. The token stops at the end of its last
   * non-blank line, so the line breaks after it are ordinary tokens.
   */
  private Token helpText() {
    int k = 1;
    int firstIndent = -1;
    int end = 0; // LA offset just past the last non-blank line's content
    while (_input.LA(k) != IntStream.EOF) {
      int indent = indentAt(k);
      int j = k;
      while (_input.LA(j) == ' ' || _input.LA(j) == '\t') j++;
      int c = _input.LA(j);
      boolean blank = c == '\n' || c == '\r' || c == IntStream.EOF;
      if (!blank) {
        if (firstIndent < 0) {
          if (indent == 0) break;
          firstIndent = indent;
        } else if (indent < firstIndent) {
          break;
        }
      }
      int e = j;
      while (_input.LA(e) != '\n' && _input.LA(e) != IntStream.EOF) e++;
      if (!blank) {
        end = e;
        while (end > j && (_input.LA(end - 1) == '\r' || _input.LA(end - 1) == ' ' || _input.LA(end - 1) == '\t')) end--;
      }
      if (_input.LA(e) == IntStream.EOF) break;
      k = e + 1;
    }
    if (end <= 1) return null;
    int start = _input.index();
    int line = getLine();
    int column = getCharPositionInLine();
    for (int i = 1; i < end; i++) getInterpreter().consume(_input);
    return getTokenFactory().create(_tokenFactorySourcePair, HELP_TEXT, null, Token.DEFAULT_CHANNEL,
        start, _input.index() - 1, line, column);
  }
}

NEWLINE : '\r'? '\n' ;
CONT : '\\' '\r'? '\n' -> channel(HIDDEN) ;
WS : [ \t\r\f]+ -> channel(HIDDEN) ;
LINE_COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;

BOOL : 'bool' ;
CHOICE : 'choice' ;
COMMENT : 'comment' ;
CONFIG : 'config' ;
DEF_BOOL : 'def_bool' ;
DEF_TRISTATE : 'def_tristate' ;
DEFAULT : 'default' ;
DEPENDS : 'depends' ;
ENDCHOICE : 'endchoice' ;
ENDIF : 'endif' ;
ENDMENU : 'endmenu' ;
// '---help---' was dropped in Linux 5.8; older out-of-tree Kconfig files still use it.
HELP : 'help' | '---help---' ;
HEX : 'hex' ;
IF : 'if' ;
IMPLY : 'imply' ;
INT : 'int' ;
MAINMENU : 'mainmenu' ;
MENU : 'menu' ;
MENUCONFIG : 'menuconfig' ;
MODULES : 'modules' ;
ON : 'on' ;
OPTIONAL : 'optional' ;
// Removed in 5.x ("option modules", "option env=..."), kept for older trees.
OPTION : 'option' ;
PROMPT : 'prompt' ;
RANGE : 'range' ;
SELECT : 'select' ;
SOURCE : 'source' ;
STRING_TYPE : 'string' ;
// Added after 6.1 (a symbol kept only to migrate old .config values).
TRANSITIONAL : 'transitional' ;
TRISTATE : 'tristate' ;
VISIBLE : 'visible' ;

OR : '||' ;
AND : '&&' ;
EQUAL : '=' ;
UNEQUAL : '!=' ;
LESS_EQUAL : '<=' ;
LESS : '<' ;
GREATER_EQUAL : '>=' ;
GREATER : '>' ;
NOT : '!' ;
LPAREN : '(' ;
RPAREN : ')' ;
COLON_EQUAL : ':=' ;
PLUS_EQUAL : '+=' ;

STRING
  : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )* '"'
  | '\'' ( ~['\\\r\n] | '\\' ~[\r\n] )* '\''
  ;
UNTERMINATED_STRING
  : '"' ( ~["\\\r\n] | '\\' ~[\r\n] )*
  | '\'' ( ~['\\\r\n] | '\\' ~[\r\n] )*
  ;
// Symbol names, numbers, and words built with macros such as $(cc-option,-mfoo). As in
// kconfig's preprocessor, a macro ends at its balancing parenthesis, quotes notwithstanding.
WORD : ( [A-Za-z0-9_-] | '$' PARENS | '$' )+ ;
fragment PARENS : '(' ( PARENS | ~[()\r\n\\] | '\\' '\r'? '\n' | '\\' )* ')' ;

mode ASSIGN_VALUE_MODE;
ASSIGN_NEWLINE : '\r'? '\n' -> type(NEWLINE), mode(DEFAULT_MODE) ;
ASSIGN_CONT : '\\' '\r'? '\n' -> type(CONT), channel(HIDDEN) ;
ASSIGN_WS : [ \t]+ -> type(WS), channel(HIDDEN) ;
ASSIGN_VALUE : ~[ \t\r\n] ( ~[\r\n\\] | '\\' ~[\r\n] )* ;
