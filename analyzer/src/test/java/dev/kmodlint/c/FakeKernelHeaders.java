package dev.kmodlint.c;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kernel header macros written for a test: a few definitions, and names known without one. */
final class FakeKernelHeaders implements KernelHeaders {
  private static final Pattern NAME = Pattern.compile("^\\s*#\\s*define\\s+([A-Za-z_]\\w*)");
  private final Map<String, String> definitions = new HashMap<>();
  private final Set<String> alsoDefined;
  private final Set<String> definers;
  private final String identity;
  /** The kernel's header names, for __has_include; null: unknown. */
  private Set<String> headerNames;

  FakeKernelHeaders(Set<String> alsoDefined, String... definitions) {
    this(alsoDefined, Set.of(), definitions);
  }

  /** {@code definers}: the macros an index would find to expand to declarations. */
  FakeKernelHeaders(Set<String> alsoDefined, Set<String> definers, String... definitions) {
    this.alsoDefined = Set.copyOf(alsoDefined);
    this.definers = Set.copyOf(definers);
    for (String d : definitions) {
      Matcher m = NAME.matcher(d);
      if (!m.find()) throw new IllegalArgumentException(d);
      this.definitions.put(m.group(1), d);
    }
    this.identity = "fake:" + new java.util.TreeMap<>(this.definitions).hashCode() + ":" + new java.util.TreeSet<>(alsoDefined)
        + ":" + new java.util.TreeSet<>(definers);
  }

  @Override
  public boolean definesMacro(String name) {
    return definitions.containsKey(name) || alsoDefined.contains(name);
  }

  @Override
  public Optional<String> macroDefinition(String name) {
    return Optional.ofNullable(definitions.get(name));
  }

  /** These headers and no others on the kernel's include path. */
  FakeKernelHeaders withHeaders(String... names) {
    headerNames = Set.of(names);
    return this;
  }

  @Override
  public Optional<Boolean> hasHeader(String name) {
    return headerNames == null ? Optional.empty() : Optional.of(headerNames.contains(name));
  }

  @Override
  public boolean definesAtFileScope(String name) {
    return definers.contains(name);
  }

  @Override
  public String identity() {
    return identity + (headerNames == null ? "" : ":" + new java.util.TreeSet<>(headerNames));
  }
}
