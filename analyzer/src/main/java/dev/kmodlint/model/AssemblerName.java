package dev.kmodlint.model;

/**
 * A name the assembler text of a C file defines or uses: the templates of the {@code asm()}
 * statements the build compiles (at file scope or in a function body; not in an {@code #if}
 * branch it leaves out, nor in code gcc drops as dead), after preprocessing. {@code LOCAL}: a
 * label the text defines without making it global, which resolves the references of that
 * object only; {@code GLOBAL}: one it also makes global ({@code .globl}), a definition for every
 * object of the module; {@code REFERENCE}: a name its {@code call} or jump instructions go to
 * that the text does not define. {@code position}: where the name is written in the asm
 * statement when it is written there, else the statement (or the macro call that produced it).
 * {@code headerInline}: the static inline function of a header the statement is in (empty when
 * none): its text is compiled only where the function is used.
 */
public record AssemblerName(String name, Kind kind, SourcePosition position, String headerInline) {
  public enum Kind { LOCAL, GLOBAL, REFERENCE }
}
