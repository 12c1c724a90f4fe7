package dev.kmodlint.model;

import java.util.Optional;

/**
 * An object declared at file scope: {@code static unsigned long mask[4] __initdata}.
 * {@code baseType} is the normalised type without qualifiers ({@code unsigned long}),
 * {@code pointers} the number of {@code *}, {@code arraySize} the array bound as written
 * (empty when not an array) and {@code arrayLength} its value when it is a number.
 */
public record CVariable(
    String name,
    boolean isStatic,
    boolean isExtern,
    boolean isConst,
    boolean definition,
    Section section,
    SourcePosition position,
    Optional<SourcePosition> annotationAt,
    String baseType,
    int pointers,
    Optional<String> arraySize,
    Optional<Long> arrayLength,
    boolean active,
    boolean fromMacro) {

  public boolean isArray() {
    return arraySize.isPresent();
  }

  /** {@code unsigned long *}, {@code char [16]}: for messages. */
  public String typeText() {
    return baseType + (pointers > 0 ? " " + "*".repeat(pointers) : "")
        + arraySize.map(s -> "[" + s + "]").orElse("");
  }
}
