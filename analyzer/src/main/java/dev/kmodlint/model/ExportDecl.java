package dev.kmodlint.model;

import java.util.Optional;

/** {@code EXPORT_SYMBOL*(symbol)}: GPL-only or not, and its namespace. */
public record ExportDecl(String symbol, boolean gplOnly, Optional<String> namespace,
    SourcePosition position, boolean active) {}
