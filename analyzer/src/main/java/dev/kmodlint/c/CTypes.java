package dev.kmodlint.c;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises declaration-specifier text to a canonical type name: {@code static unsigned
 * long int __initdata} -> {@code unsigned long}, {@code u32} -> {@code unsigned int}. Works on
 * source text because kernel typedefs come from headers kmodlint does not read.
 */
final class CTypes {
  private static final Pattern ATTRIBUTE = Pattern.compile(
      "__attribute__\\s*\\(\\(.*?\\)\\)|__aligned\\s*\\([^)]*\\)|__section\\s*\\([^)]*\\)|__printf\\s*\\([^)]*\\)");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> DROPPED = Set.of(
      "static", "extern", "const", "volatile", "inline", "__inline", "__inline__", "register", "auto",
      "__init", "__exit", "__initdata", "__initconst", "__exitdata", "__ref", "__refdata", "__refconst",
      "__read_mostly", "__ro_after_init", "__maybe_unused", "__always_unused", "__used", "__user",
      "__iomem", "__force", "__rcu", "__percpu", "__must_check", "__cold", "noinline", "notrace",
      "__always_inline", "__packed", "__visible", "asmlinkage", "__weak", "__devinit", "__devexit",
      "__devinitdata", "__cacheline_aligned", "__cacheline_aligned_in_smp", "__noreturn", "restrict",
      "__restrict", "signed_if_needed");
  /** Kernel typedefs (include/linux/types.h: uint64_t is u64, unsigned long long) as on x86-64. */
  private static final Map<String, String> TYPEDEFS = Map.ofEntries(
      Map.entry("u8", "unsigned char"), Map.entry("__u8", "unsigned char"), Map.entry("uint8_t", "unsigned char"),
      Map.entry("u16", "unsigned short"), Map.entry("__u16", "unsigned short"), Map.entry("uint16_t", "unsigned short"),
      Map.entry("u32", "unsigned int"), Map.entry("__u32", "unsigned int"), Map.entry("uint32_t", "unsigned int"),
      Map.entry("u64", "unsigned long long"), Map.entry("__u64", "unsigned long long"),
      Map.entry("uint64_t", "unsigned long long"), Map.entry("s8", "signed char"), Map.entry("__s8", "signed char"),
      Map.entry("int8_t", "signed char"), Map.entry("s16", "short"), Map.entry("__s16", "short"),
      Map.entry("int16_t", "short"), Map.entry("s32", "int"), Map.entry("__s32", "int"), Map.entry("int32_t", "int"),
      Map.entry("s64", "long long"), Map.entry("__s64", "long long"), Map.entry("int64_t", "long long"),
      Map.entry("size_t", "unsigned long"), Map.entry("ssize_t", "long"), Map.entry("ulong", "unsigned long"),
      Map.entry("uint", "unsigned int"), Map.entry("ushort", "unsigned short"), Map.entry("uchar", "unsigned char"),
      Map.entry("u_char", "unsigned char"), Map.entry("u_short", "unsigned short"),
      Map.entry("u_int", "unsigned int"), Map.entry("u_long", "unsigned long"), Map.entry("_Bool", "bool"), Map.entry("bool", "bool"), Map.entry("uintptr_t", "unsigned long"), Map.entry("loff_t", "long long"));

  private CTypes() {}

  static String normalize(String declSpecifierText) {
    String s = ATTRIBUTE.matcher(declSpecifierText).replaceAll(" ");
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(s);
    while (m.find()) if (!DROPPED.contains(m.group())) words.add(m.group());
    if (words.isEmpty()) return "int";
    if (words.size() == 1 && TYPEDEFS.containsKey(words.get(0))) return TYPEDEFS.get(words.get(0));
    int longs = 0;
    boolean unsigned = false, signed = false, isShort = false, isChar = false, isInt = false, other = false;
    for (String w : words) {
      switch (w) {
        case "unsigned" -> unsigned = true;
        case "signed" -> signed = true;
        case "long" -> longs++;
        case "short" -> isShort = true;
        case "char" -> isChar = true;
        case "int" -> isInt = true;
        default -> other = true;
      }
    }
    if (other) return String.join(" ", words);
    String u = unsigned ? "unsigned " : "";
    if (isChar) return unsigned ? "unsigned char" : signed ? "signed char" : "char";
    if (isShort) return u + "short";
    if (longs >= 2) return u + "long long";
    if (longs == 1) return u + "long";
    return u + "int";
  }
}
