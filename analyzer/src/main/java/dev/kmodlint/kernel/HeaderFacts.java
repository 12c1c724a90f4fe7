package dev.kmodlint.kernel;

import java.util.Map;
import java.util.Set;

/**
 * What kernel headers say, before it is resolved against an export database: for every macro
 * and every function defined in a header (static inline, mostly), the names its expansion or
 * body mentions; and the functions and variables headers declare {@code extern}.
 * {@code functionMacros} names the function-like ones among {@code macros}.
 */
public record HeaderFacts(
    Map<String, Set<String>> macros,
    Set<String> functionMacros,
    Map<String, Set<String>> functions,
    Set<String> externFunctions,
    Set<String> externVariables) {

  public HeaderFacts {
    macros = Map.copyOf(macros);
    functionMacros = Set.copyOf(functionMacros);
    functions = Map.copyOf(functions);
    externFunctions = Set.copyOf(externFunctions);
    externVariables = Set.copyOf(externVariables);
  }
}
