/*
 * Structure of a Kconfig file (scripts/kconfig/parser.y). Blank lines never reach the parser,
 * so every statement and attribute ends with exactly one NEWLINE.
 */
parser grammar KconfigParser;

options { tokenVocab = KconfigLexer; }

kconfigFile : entries EOF ;

entries : entry* ;

entry
  : configEntry
  | choiceBlock
  | commentEntry
  | menuBlock
  | ifBlock
  | sourceEntry
  | mainmenuEntry
  | assignment
  | macroLine
  ;

configEntry : (CONFIG | MENUCONFIG) WORD NEWLINE attribute* ;
choiceBlock : CHOICE WORD? NEWLINE attribute* entries ENDCHOICE NEWLINE ;
commentEntry : COMMENT prompt NEWLINE attribute* ;
menuBlock : MENU prompt NEWLINE attribute* entries ENDMENU NEWLINE ;
ifBlock : IF expr NEWLINE entries ENDIF NEWLINE ;
sourceEntry : SOURCE prompt NEWLINE ;
mainmenuEntry : MAINMENU prompt NEWLINE ;
// A line of only a macro call such as $(error-if,...): it expands to nothing, as kconfig does.
macroLine : WORD NEWLINE ;
assignment : WORD (EQUAL | COLON_EQUAL | PLUS_EQUAL) ASSIGN_VALUE? NEWLINE ;

attribute
  : typeAttribute
  | defTypeAttribute
  | promptAttribute
  | defaultAttribute
  | dependsAttribute
  | selectAttribute
  | rangeAttribute
  | visibleAttribute
  | helpAttribute
  | MODULES NEWLINE
  | OPTIONAL NEWLINE
  | TRANSITIONAL NEWLINE
  | optionAttribute
  ;

typeAttribute : type (prompt condition?)? NEWLINE ;
type : BOOL | TRISTATE | INT | HEX | STRING_TYPE ;
defTypeAttribute : (DEF_BOOL | DEF_TRISTATE) expr condition? NEWLINE ;
promptAttribute : PROMPT prompt condition? NEWLINE ;
defaultAttribute : DEFAULT expr condition? NEWLINE ;
dependsAttribute : DEPENDS ON expr NEWLINE ;
selectAttribute : (SELECT | IMPLY) WORD condition? NEWLINE ;
rangeAttribute : RANGE symbol symbol condition? NEWLINE ;
visibleAttribute : VISIBLE IF expr NEWLINE ;
helpAttribute : HELP NEWLINE HELP_TEXT? ;
optionAttribute : OPTION (WORD | MODULES) (EQUAL symbol)? NEWLINE ;

condition : IF expr ;
prompt : STRING | WORD ;

// Precedence as in parser.y: comparisons bind tightest, then '!', '&&', '||'.
expr
  : LPAREN expr RPAREN                                                        # parenExpr
  | symbol op=(EQUAL | UNEQUAL | LESS | LESS_EQUAL | GREATER | GREATER_EQUAL) symbol  # compareExpr
  | symbol                                                                    # symbolExpr
  | NOT expr                                                                  # notExpr
  | expr AND expr                                                             # andExpr
  | expr OR expr                                                              # orExpr
  ;
symbol : WORD | STRING ;
