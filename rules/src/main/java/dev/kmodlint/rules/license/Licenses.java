package dev.kmodlint.rules.license;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the kernel knows about license strings (include/linux/license.h, 6.1). */
public final class Licenses {
  /** Compared with strcmp by modpost and the loader: exact, case and spaces included. */
  static final List<String> GPL_COMPATIBLE = List.of(
      "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL");
  static final String PROPRIETARY = "Proprietary";
  static final Set<String> KNOWN = Set.of(
      "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL",
      PROPRIETARY);

  private Licenses() {}

  static boolean known(String license) {
    return KNOWN.contains(license);
  }

  public static boolean gplCompatible(String license) {
    return GPL_COMPATIBLE.contains(license);
  }

  /** The known ident an unknown string most likely meant. */
  static String suggestion(String license) {
    String l = license.toLowerCase(Locale.ROOT);
    if (l.contains("gpl")) {
      if (l.contains("bsd")) return "Dual BSD/GPL";
      if (l.contains("mit")) return "Dual MIT/GPL";
      if (l.contains("mpl")) return "Dual MPL/GPL";
      if (l.contains("additional")) return "GPL and additional rights";
      return "GPL";
    }
    if (l.contains("propriet") || l.contains("closed") || l.contains("commercial")) return PROPRIETARY;
    return null;
  }

  /**
   * The alternatives of an SPDX expression, each the set of license ids it combines:
   * {@code GPL-2.0 OR (MIT AND BSD-2-Clause)} -> [[GPL-2.0], [MIT, BSD-2-Clause]].
   * Parentheses are flattened, which is exact for the expressions the kernel uses.
   */
  static List<List<String>> alternatives(String expression) {
    List<List<String>> out = new ArrayList<>();
    List<String> cur = new ArrayList<>();
    boolean afterWith = false;
    for (String tok : expression.replace("(", " ").replace(")", " ").trim().split("\\s+")) {
      if (tok.isEmpty()) continue;
      switch (tok.toUpperCase(Locale.ROOT)) {
        case "OR" -> {
          if (!cur.isEmpty()) out.add(cur);
          cur = new ArrayList<>();
        }
        case "AND" -> { }
        case "WITH" -> afterWith = true;
        default -> {
          if (!afterWith) cur.add(tok);
          afterWith = false;
        }
      }
    }
    if (!cur.isEmpty()) out.add(cur);
    return out;
  }

  /**
   * The MODULE_LICENSE an SPDX expression asks for, when it says so plainly: GPL alone
   * ({@code GPL-2.0}, {@code GPL-2.0+ WITH Linux-syscall-note}, {@code LGPL-2.1}) is "GPL"; GPL
   * or one other license is the kernel's dual ident for it ({@code GPL-2.0 OR MIT} -> "Dual
   * MIT/GPL", BSD-* -> "Dual BSD/GPL", MPL-* -> "Dual MPL/GPL"). Empty for anything else: a
   * license is a legal statement, not for a tool to guess.
   */
  public static java.util.Optional<String> forSpdx(String expression) {
    List<List<String>> alts = alternatives(expression);
    if (alts.isEmpty() || alts.stream().anyMatch(a -> a.size() != 1)) return java.util.Optional.empty();
    List<String> gpl = alts.stream().map(a -> a.get(0)).filter(Licenses::isGplFamily).toList();
    List<String> other = alts.stream().map(a -> a.get(0)).filter(id -> !isGplFamily(id)).toList();
    if (gpl.isEmpty() || other.size() > 1) return java.util.Optional.empty();
    if (other.isEmpty()) return java.util.Optional.of("GPL");
    String o = other.get(0).toUpperCase(Locale.ROOT);
    if (o.equals("MIT")) return java.util.Optional.of("Dual MIT/GPL");
    if (o.startsWith("BSD-")) return java.util.Optional.of("Dual BSD/GPL");
    if (o.startsWith("MPL-")) return java.util.Optional.of("Dual MPL/GPL");
    return java.util.Optional.empty();
  }

  static boolean isGplFamily(String spdxId) {
    String u = spdxId.toUpperCase(Locale.ROOT);
    return u.startsWith("GPL-") || u.startsWith("LGPL-") || u.equals("GPL");
  }

  static boolean anyGpl(List<String> alternative) {
    return alternative.stream().anyMatch(Licenses::isGplFamily);
  }
}
