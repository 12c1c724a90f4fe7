package dev.kmodlint.model;

import java.util.List;
import java.util.Optional;

/**
 * A parameter's sysfs permission as written: {@code text} ({@code 0644}, {@code 644},
 * {@code S_IRUGO | S_IWUSR}), its value when kmodlint can evaluate it, the base of the literal
 * ({@code 8}, {@code 10}, {@code 16}; {@code 0} when there is no single literal) and the
 * {@code S_I*} names used.
 */
public record Permission(String text, Optional<Long> value, int base, List<String> symbols,
    SourcePosition position) {
  public Permission {
    symbols = List.copyOf(symbols);
  }
}
