package dev.kmodlint.model;

import java.util.List;
import java.util.Optional;

/**
 * A function declared or defined at file scope. {@code position} is its name;
 * {@code annotationAt} is the section macro ({@code __init}) when there is one.
 * {@code returnType} and {@code parameterTypes} are normalised C type text ({@code int},
 * {@code void}); an empty parameter list means {@code (void)} or {@code ()}. {@code isExtern}:
 * the declaration says {@code extern} itself.
 */
public record CFunction(
    String name,
    boolean isStatic,
    boolean isExtern,
    boolean isInline,
    boolean definition,
    Section section,
    SourcePosition position,
    Optional<SourcePosition> annotationAt,
    String returnType,
    List<String> parameterTypes,
    boolean active,
    boolean fromMacro) {

  public CFunction {
    parameterTypes = List.copyOf(parameterTypes);
  }
}
