package dev.kmodlint.rules.param;

import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.model.Permission;
import dev.kmodlint.rule.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Kernel facts about module parameters (include/linux/moduleparam.h, 6.1). */
final class Params {
  /** Standard types and the C type {@code param_check_<type>} demands of the variable. */
  static final Map<String, String> STANDARD_TYPES = Map.ofEntries(
      Map.entry("byte", "unsigned char"), Map.entry("short", "short"), Map.entry("ushort", "unsigned short"),
      Map.entry("int", "int"), Map.entry("uint", "unsigned int"), Map.entry("long", "long"),
      Map.entry("ulong", "unsigned long"), Map.entry("ullong", "unsigned long long"),
      Map.entry("hexint", "unsigned int"), Map.entry("charp", "char *"), Map.entry("bool", "bool"),
      Map.entry("invbool", "bool"), Map.entry("bint", "int"), Map.entry("bool_enable_only", "bool"));

  static final List<String> HW_TYPES = List.of("ioport", "iomem", "ioport_or_iomem", "irq", "dma", "dma_addr", "other");

  /** Permissions people actually mean: a decimal literal with one of these values meant it. */
  static final java.util.Set<Long> COMMON = java.util.Set.of(0444L, 0644L, 0600L, 0400L, 0664L, 0640L, 0660L,
      0200L, 0220L, 0440L, 0666L, 0755L);

  private Params() {}

  static String octal(long v) {
    return String.format(Locale.ROOT, "0%03o", v);
  }

  /** A literal in decimal (other than 0), hex or binary: checkpatch's NON_OCTAL_PERMISSIONS. */
  static boolean nonOctalLiteral(Permission p) {
    return (p.base() == 10 || p.base() == 16 || p.base() == 2) && p.value().orElse(0L) != 0;
  }

  static boolean worldWritable(long v) {
    return (v & 02) != 0;
  }

  /** What VERIFY_OCTAL_PERMISSIONS rejects, other-write aside; null when the value builds. */
  static String invalid(long v) {
    if (v < 0 || v > 0777) return "it is outside 0..0777";
    if (((v >> 6) & 4) < ((v >> 3) & 4)) return "the group can read what the owner cannot";
    if (((v >> 3) & 4) < (v & 4)) return "others can read what the group cannot";
    if (((v >> 6) & 2) < ((v >> 3) & 2)) return "the group can write what the owner cannot";
    return null;
  }

  /** The file-scope variable a parameter stands on, preferring a definition. */
  static Optional<CVariable> variable(Code code, ModuleParam p) {
    if (!p.plainVariable()) return Optional.empty();
    CVariable best = null;
    for (CVariable v : code.variables()) {
      if (!v.name().equals(p.variable())) continue;
      if (best == null || (v.definition() && !best.definition()) || (v.active() && !best.active())) best = v;
    }
    return Optional.ofNullable(best);
  }

  static boolean isIdentifier(String s) {
    return s.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  /**
   * The functions that read the parameter's variable, when every one of them is __init code
   * (a write through sysfs after loading then changes nothing); empty when something else reads
   * it, nothing does, or its address escapes ({@code debugfs_create_u32(..., &var)}, a pointer,
   * a structure: whoever holds the pointer may read it after init).
   */
  static java.util.Set<String> initOnlyReaders(Code code, ModuleParam p) {
    java.util.Map<String, dev.kmodlint.model.Section> sections = code.functions().stream()
        .filter(dev.kmodlint.model.CFunction::definition)
        .collect(java.util.stream.Collectors.toMap(dev.kmodlint.model.CFunction::name,
            dev.kmodlint.model.CFunction::section, (a, b) -> a.isInit() ? a : b));
    java.util.Set<String> readers = new java.util.TreeSet<>();
    for (dev.kmodlint.model.CReference r : code.references()) {
      if (!r.to().equals(p.variable())) continue;
      // its address escapes (debugfs_create_u32(..., &var), a pointer, a struct): whoever holds
      // the pointer may read it after init
      if (r.kind() == dev.kmodlint.model.CReference.Kind.ADDRESS) return java.util.Set.of();
      readers.add(r.from());
    }
    boolean onlyInit = !readers.isEmpty()
        && readers.stream().allMatch(f -> sections.containsKey(f) && sections.get(f).isInit());
    return onlyInit ? readers : java.util.Set.of();
  }

  static Finding.Fix replacePermission(Permission p, String text, String why) {
    return new Finding.Fix(why + ": replace '" + p.text() + "' with '" + text + "'", p.position(), text);
  }
}
