package dev.kmodlint.model;

/**
 * A call of a name the file does not declare (a kernel function or function-like macro):
 * {@code arguments} as C counts them once the file's own macros are expanded;
 * {@code writtenArguments} as the preprocessor counts them in the text of the call (commas
 * outside parentheses and literals; {@code -1} when the call is not written in the file but
 * made by a macro); {@code argumentsMayExpand}: some argument holds a name the file does not
 * declare, which may be a kernel macro that expands to more than one argument. One per form
 * (name and counts) and file, at its first use.
 */
public record ExternalCall(String name, int arguments, int writtenArguments, boolean argumentsMayExpand,
    SourcePosition position, boolean active) {}
