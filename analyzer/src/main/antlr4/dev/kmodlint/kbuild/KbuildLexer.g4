/*
 * Tokens of the GNU make subset that Kbuild files use. Make's lexical structure depends on
 * where in a line we are, so the lexer is modal: the head of a line (variable names, targets,
 * directives), the value after an assignment operator, the opaque tail of a rule line, the
 * condition of ifeq/ifneq, and the opaque body of define ... endef.
 *
 * Whitespace, comments and backslash-newline continuations go to the hidden channel, so every
 * token keeps its physical line and column.
 */
lexer grammar KbuildLexer;

@members {
  // Whether a tab-indented line is a recipe depends on a rule line having been seen since the
  // last variable assignment or directive, as in GNU make's read.c; the parser cannot decide
  // this because the line's tokens depend on it.
  private boolean inRule;
  private boolean lineStarted;
  private int lastDefaultChannelType;
  private int defineDepth;
  // Every branch of a conditional is read, so each branch starts in the rule context the
  // conditional started in, and after endif a tab line is a recipe if any branch left a rule
  // open. Entries: {context at the if, any branch ended inside a rule}.
  private final java.util.ArrayDeque<boolean[]> conditionalRuleContext = new java.util.ArrayDeque<>();

  private boolean directiveEnds() {
    int c = _input.LA(1);
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == IntStream.EOF;
  }

  /** True when the next characters are a line break, i.e. a preceding backslash continues the line. */
  private boolean atLineBreak() {
    int c = _input.LA(1);
    return c == '\n' || (c == '\r' && _input.LA(2) == '\n');
  }

  /**
   * After a '$': true when a '(' or '{' follows and is closed on the same logical line, i.e.
   * the '$' starts a complete variable reference.
   */
  private boolean referenceClosesAhead() {
    int open = _input.LA(1);
    if (open != '(' && open != '{') return false;
    int close = open == '(' ? ')' : '}';
    int depth = 0;
    for (int k = 1; ; k++) {
      int c = _input.LA(k);
      if (c == IntStream.EOF) return false;
      if (c == '\n' && _input.LA(k - 1) != '\\' && !(_input.LA(k - 1) == '\r' && _input.LA(k - 2) == '\\')) {
        return false;
      }
      if (c == open) depth++;
      else if (c == close && --depth == 0) return true;
    }
  }

  @Override
  public Token nextToken() {
    // Decided here rather than by a predicate on RECIPE: a predicate at the start of a
    // default-mode rule would keep ANTLR from caching that mode's start state, slowing every token.
    if (_mode == DEFAULT_MODE && inRule && getCharPositionInLine() == 0 && _input.LA(1) == '\t') {
      pushMode(RECIPE_LINE);
    }
    Token token = super.nextToken();
    if (token.getType() == Token.EOF) {
      // A last line without a line break is still a complete line for the parser.
      if (lastDefaultChannelType != 0 && lastDefaultChannelType != NEWLINE) {
        lastDefaultChannelType = NEWLINE;
        return getTokenFactory().create(_tokenFactorySourcePair, NEWLINE, "", Token.DEFAULT_CHANNEL,
            token.getStartIndex(), token.getStartIndex() - 1, token.getLine(), token.getCharPositionInLine());
      }
      return token;
    }
    if (token.getChannel() == Token.DEFAULT_CHANNEL) {
      trackRuleContext(token.getType());
      lastDefaultChannelType = token.getType();
    }
    return token;
  }

  private void trackRuleContext(int type) {
    if (type == NEWLINE) {
      lineStarted = false;
      return;
    }
    if (!lineStarted) {
      lineStarted = true;
      switch (type) {
        case IFEQ, IFNEQ, IFDEF, IFNDEF -> conditionalRuleContext.push(new boolean[] {inRule, false});
        case ELSE -> {
          boolean[] open = conditionalRuleContext.peek();
          if (open != null) {
            open[1] |= inRule;
            inRule = open[0];
          }
        }
        case ENDIF -> {
          boolean[] open = conditionalRuleContext.poll();
          if (open != null) inRule |= open[1];
        }
        case RECIPE -> { }
        default -> inRule = false;
      }
    }
    if (type == COLON) inRule = true;
  }
}

NEWLINE : '\r'? '\n' ;
CONT : '\\' '\r'? '\n' -> channel(HIDDEN) ;
WS : [ \t\r]+ -> channel(HIDDEN) ;
COMMENT : '#' OPAQUE_REST -> channel(HIDDEN) ;

IFEQ : 'ifeq' -> mode(COND) ;
IFNEQ : 'ifneq' -> mode(COND) ;
IFDEF : 'ifdef' -> mode(VALUE) ;
IFNDEF : 'ifndef' -> mode(VALUE) ;
ELSE : 'else' ;
ENDIF : 'endif' ;
// A directive word is one only when a blank or the end of the line follows: "include: x.h" is
// a rule whose target is named include, as in GNU make.
INCLUDE : 'include' {directiveEnds()}? -> mode(VALUE) ;
DASH_INCLUDE : '-include' {directiveEnds()}? -> mode(VALUE) ;
SINCLUDE : 'sinclude' {directiveEnds()}? -> mode(VALUE) ;
DEFINE : 'define' {directiveEnds()}? -> mode(DEFINE_HEAD) ;
OVERRIDE : 'override' ;
EXPORT : 'export' ;
UNEXPORT : 'unexport' ;
PRIVATE : 'private' ;
VPATH : 'vpath' -> mode(VALUE) ;
UNDEFINE : 'undefine' -> mode(VALUE) ;

ASSIGN_OP : ASSIGN -> mode(VALUE) ;
COLON : ':' ':'? -> mode(RULE_TAIL) ;
WORD : HEAD_PART+ ;

fragment ASSIGN : '=' | ':=' | '::=' | ':::=' | '+=' | '?=' | '!=' ;
// '+', '?' and '!' belong to a name unless they start an operator: "obj-m+=a.o" appends.
fragment HEAD_PART
  : ~[ \t\r\n#:=\\$+?!]
  | [+?!] {_input.LA(1) != '='}?
  | ESCAPE
  | VARREF
  ;
fragment ESCAPE
  : '\\' ~[\r\n]
  | '\\' {!atLineBreak()}?
  ;
// $(...) and ${...} with nesting kept as one piece of text, continuations allowed inside. A
// '$' whose parenthesis never closes is an ordinary character (the reader reports it); it must
// not be one when the parenthesis does close, or every nested "$(" would double the ways to
// read the word and the lexer's work would grow with the square of the nesting.
fragment VARREF
  : '$' PARENS
  | '$' BRACES
  | '$' ~[({ \t\r\n#\\]
  | '$' {!referenceClosesAhead()}?
  ;
fragment PARENS : '(' ( PARENS | ~[()\n\\] | '\\' '\r'? '\n' | '\\' )* ')' ;
fragment BRACES : '{' ( BRACES | ~[{}\n\\] | '\\' '\r'? '\n' | '\\' )* '}' ;
// The rest of a physical line, and of the lines a trailing backslash joins to it.
fragment OPAQUE_REST : ( ~[\\\n] | '\\' '\r'? . | '\\' )* ;

mode RECIPE_LINE;
RECIPE : '\t' OPAQUE_REST -> popMode ;

mode VALUE;
VALUE_NEWLINE : '\r'? '\n' -> type(NEWLINE), mode(DEFAULT_MODE) ;
VALUE_CONT : '\\' '\r'? '\n' -> type(CONT), channel(HIDDEN) ;
VALUE_WS : [ \t\r]+ -> type(WS), channel(HIDDEN) ;
VALUE_COMMENT : '#' OPAQUE_REST -> type(COMMENT), channel(HIDDEN) ;
VALUE_WORD : ( ~[ \t\r\n#\\$] | ESCAPE | VARREF )+ ;

mode RULE_TAIL;
RULE_NEWLINE : '\r'? '\n' -> type(NEWLINE), mode(DEFAULT_MODE) ;
RULE_TEXT : ( ~[\\\n] | '\\' '\r'? . | '\\' )+ ;

mode COND;
COND_NEWLINE : '\r'? '\n' -> type(NEWLINE), mode(DEFAULT_MODE) ;
COND_CONT : '\\' '\r'? '\n' -> type(CONT), channel(HIDDEN) ;
COND_WS : [ \t\r]+ -> type(WS), channel(HIDDEN) ;
COND_COMMENT : '#' OPAQUE_REST -> type(COMMENT), channel(HIDDEN) ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA : ',' ;
QUOTED : '"' ~["\n]* '"' | '\'' ~['\n]* '\'' ;
COND_TEXT : ( ~[ \t\r\n(),#\\$] | ESCAPE | VARREF )+ ;

mode DEFINE_HEAD;
DEFINE_HEAD_NEWLINE : '\r'? '\n' -> type(NEWLINE), mode(DEFINE_BODY) ;
DEFINE_HEAD_CONT : '\\' '\r'? '\n' -> type(CONT), channel(HIDDEN) ;
DEFINE_HEAD_WS : [ \t\r]+ -> type(WS), channel(HIDDEN) ;
DEFINE_HEAD_COMMENT : '#' OPAQUE_REST -> type(COMMENT), channel(HIDDEN) ;
DEFINE_HEAD_ASSIGN : ASSIGN -> type(ASSIGN_OP) ;
DEFINE_HEAD_WORD
  : ( ~[ \t\r\n#:=\\$+?!] | [:+?!] {_input.LA(1) != '=' && _input.LA(1) != ':'}? | ESCAPE | VARREF )+
    -> type(WORD)
  ;

mode DEFINE_BODY;
DEFINE_BODY_NEWLINE : '\n' -> type(NEWLINE) ;
// make counts nested define/endef pairs inside a body; only the outermost endef ends it.
NESTED_DEFINE
  : [ \t]* (('override' | 'export') [ \t]+)? 'define' ([ \t\r] ~[\n]*)?
    { defineDepth++; setType(DEFINE_LINE); }
  ;
ENDEF
  : [ \t]* 'endef' ([ \t\r#] ~[\n]*)?
    { if (defineDepth > 0) { defineDepth--; setType(DEFINE_LINE); } else { mode(DEFAULT_MODE); } }
  ;
DEFINE_LINE : ~[\n]+ ;
