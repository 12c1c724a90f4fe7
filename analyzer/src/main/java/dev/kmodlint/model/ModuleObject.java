package dev.kmodlint.model;

import java.util.Optional;

/**
 * One object of a module ({@code main.o} of {@code foo-y := main.o helper.o}) with the file
 * it is built from, when one exists, and where the Makefile lists it.
 */
public record ModuleObject(String name, Optional<SourceFile> source, Optional<SourcePosition> listedAt) {}
