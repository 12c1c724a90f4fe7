package dev.kmodlint.model;

/**
 * A place where a file breaks the syntax of its kind (Makefile, Kconfig, dkms.conf,
 * modprobe.d), and what is wrong there in the reader's words. The reader goes on past it.
 */
public record SyntaxProblem(SourcePosition position, String message) {}
