package dev.kmodlint.model;

import java.util.Optional;

/**
 * {@code EXPORT_SYMBOL*(symbol)}: GPL-only or not, and its namespace (explicit, or the
 * file's {@code DEFAULT_SYMBOL_NAMESPACE}). {@code followsDefinition}: the line before it
 * ends the symbol's definition, as checkpatch wants ({@code }} or a declaration of the name).
 * {@code takesDefaultNamespace}: the export is of the kind that takes the file's
 * {@code DEFAULT_SYMBOL_NAMESPACE} ({@code EXPORT_SYMBOL}, {@code EXPORT_SYMBOL_GPL}), not one
 * that names its own ({@code EXPORT_SYMBOL_NS*}).
 */
public record ExportDecl(String symbol, boolean gplOnly, Optional<String> namespace,
    SourcePosition position, boolean active, boolean followsDefinition, boolean takesDefaultNamespace) {

  public ExportDecl(String symbol, boolean gplOnly, Optional<String> namespace, SourcePosition position,
      boolean active, boolean followsDefinition) {
    this(symbol, gplOnly, namespace, position, active, followsDefinition, false);
  }

  /** The same export in namespace {@code ns} (given by the build's flags). */
  public ExportDecl inNamespace(String ns) {
    return new ExportDecl(symbol, gplOnly, Optional.of(ns), position, active, followsDefinition, takesDefaultNamespace);
  }
}
