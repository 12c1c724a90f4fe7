package dev.kmodlint.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a kernel's headers take symbol namespaces, as their preprocessor expands them:
 * {@code defaultNamespace} is the form {@code #define DEFAULT_SYMBOL_NAMESPACE} must have for
 * {@code EXPORT_SYMBOL} to build (6.1 stringifies a bare token, {@code USB_STORAGE}; 6.12.117 and
 * 6.13 pass it on as it is, so it must be the string {@code "USB_STORAGE"}); {@code importNamespace}
 * the form {@code MODULE_IMPORT_NS} takes (a token up to 6.12, a string from 6.13: the other form
 * builds or not, but never imports). {@code headerImports}: the namespaces headers import
 * themselves ({@code linux/pwm.h} imports {@code PWM} in 6.12), by the name a module includes them by.
 */
public record NamespaceConventions(Form defaultNamespace, Form importNamespace, Map<String, Set<String>> headerImports) {
  /** A token ({@code FOO}), a string literal ({@code "FOO"}), or not known (an index that does not say). */
  public enum Form {
    TOKEN, STRING, UNKNOWN;

    /** {@code FOO} or {@code "FOO"}. */
    public String write(String namespace) {
      return this == STRING ? "\"" + namespace + "\"" : namespace;
    }
  }

  public static final NamespaceConventions UNKNOWN = new NamespaceConventions(Form.UNKNOWN, Form.UNKNOWN, Map.of());

  public NamespaceConventions {
    Map<String, Set<String>> sorted = new TreeMap<>();
    headerImports.forEach((h, ns) -> sorted.put(h, Set.copyOf(new TreeSet<>(ns))));
    headerImports = java.util.Collections.unmodifiableMap(sorted);
  }

  /** True when some header imports {@code namespace} itself. */
  public boolean importedByHeaders(String namespace) {
    for (Set<String> ns : headerImports.values()) if (ns.contains(namespace)) return true;
    return false;
  }

  /** The headers that import {@code namespace}, in name order. */
  public java.util.List<String> headersImporting(String namespace) {
    return headerImports.entrySet().stream().filter(e -> e.getValue().contains(namespace)).map(Map.Entry::getKey)
        .toList();
  }
}
