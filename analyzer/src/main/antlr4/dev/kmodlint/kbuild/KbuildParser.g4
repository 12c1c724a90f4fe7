/*
 * Line structure of a Kbuild file. Conditionals nest; every other line is one statement.
 * What the reader does not interpret (rules, recipes, define bodies, function calls on a line
 * of their own) is still recognised here so that it parses without error.
 */
parser grammar KbuildParser;

options { tokenVocab = KbuildLexer; }

// else/endif without an open conditional would end the top-level block and make ANTLR's
// recovery skip the rest of the file; accepting them here lets them be reported like the rest.
makefile : block (unmatched block)* EOF ;
unmatched : (ELSE condition? | ENDIF) NEWLINE ;

block : line* ;

line
  : conditional
  | defineBlock
  | statement NEWLINE
  | NEWLINE
  ;

statement
  : assignment
  | includeDirective
  | ruleLine
  | recipeLine
  | exportDirective
  | otherDirective
  | expressionLine
  ;

// The name is optional for the same reason: "= x" is reported, not allowed to end the block.
assignment : modifier* variableName? ASSIGN_OP value ;
modifier : OVERRIDE | EXPORT | UNEXPORT | PRIVATE ;
variableName : WORD+ ;
value : VALUE_WORD* ;

includeDirective : (INCLUDE | DASH_INCLUDE | SINCLUDE) value ;

ruleLine : WORD* COLON RULE_TEXT? ;
recipeLine : RECIPE ;

exportDirective : (EXPORT | UNEXPORT) WORD* ;
otherDirective : OVERRIDE? (VPATH | UNDEFINE) value ;

// A line that is only a reference, e.g. $(eval ...) or $(foreach ...).
expressionLine : WORD+ ;

conditional : ifLine block elseBranch* endifLine ;
ifLine : condition NEWLINE ;
elseBranch : ELSE condition? NEWLINE block ;
endifLine : ENDIF NEWLINE ;

condition
  : (IFEQ | IFNEQ) comparison
  | (IFDEF | IFNDEF) value
  ;
comparison
  : LPAREN argument COMMA argument RPAREN
  | QUOTED QUOTED
  ;
argument : (COND_TEXT | QUOTED | nestedParens)* ;
// make balances parentheses inside an argument: ifneq ($(A)(B),) compares "$(A)(B)".
nestedParens : LPAREN (COND_TEXT | QUOTED | COMMA | nestedParens)* RPAREN ;

defineBlock : modifier* DEFINE WORD* ASSIGN_OP? NEWLINE (DEFINE_LINE | NEWLINE)* ENDEF NEWLINE ;
