package dev.kmodlint.model;

import java.util.Optional;

/**
 * {@code EXPORT_SYMBOL*(symbol)}: GPL-only or not, and its namespace (explicit, or the
 * file's {@code DEFAULT_SYMBOL_NAMESPACE}). {@code followsDefinition}: the line before it
 * ends the symbol's definition, as checkpatch wants ({@code }} or a declaration of the name).
 */
public record ExportDecl(String symbol, boolean gplOnly, Optional<String> namespace,
    SourcePosition position, boolean active, boolean followsDefinition) {}
