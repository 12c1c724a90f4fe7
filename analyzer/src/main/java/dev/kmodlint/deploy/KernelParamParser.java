package dev.kmodlint.deploy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * What the kernel's parameter setters (kernel/params.c, Linux 6.1) accept, reproduced for
 * checking a value before it reaches them. Each method returns why the kernel rejects the
 * value, or empty when it takes it.
 */
public final class KernelParamParser {
  /** A {@code kstrto*} target: its range, and whether a leading {@code -} is parsed ({@code kstrtoll}). */
  public record IntegerType(String kernelFunction, BigInteger min, BigInteger max, boolean signed) {}

  private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** STANDARD_PARAM_DEF: each integer type and the kstrto* function its param_set_* calls with base 0. */
  public static final Map<String, IntegerType> INTEGER_TYPES = Map.of(
      "byte", unsigned("kstrtou8", 8),
      "short", signed("kstrtos16", 16),
      "ushort", unsigned("kstrtou16", 16),
      "int", signed("kstrtoint", 32),
      "uint", unsigned("kstrtouint", 32),
      "long", signed("kstrtol", 64), // x86-64: long is 64 bits
      "ulong", unsigned("kstrtoul", 64),
      "ullong", unsigned("kstrtoull", 64),
      "hexint", unsigned("kstrtouint", 32));

  /** param_set_bool/param_set_bint/param_set_bool_enable_only take a missing value as "1" (KERNEL_PARAM_OPS_FL_NOARG). */
  public static final java.util.Set<String> BOOL_NOARG = java.util.Set.of("bool", "bint", "bool_enable_only");

  /** param_set_charp: maxlen = 1024. */
  static final int CHARP_MAX = 1024;

  private KernelParamParser() {}

  private static IntegerType unsigned(String fn, int bits) {
    return new IntegerType(fn, BigInteger.ZERO, BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE), false);
  }

  private static IntegerType signed(String fn, int bits) {
    return new IntegerType(fn, BigInteger.ONE.shiftLeft(bits - 1).negate(),
        BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE), true);
  }

  /** True for the types whose setter this class reproduces (element types of arrays included). */
  public static boolean knows(String type) {
    return INTEGER_TYPES.containsKey(type) || type.equals("charp") || type.equals("invbool")
        || BOOL_NOARG.contains(type);
  }

  /**
   * One value for a scalar parameter of {@code type}; {@code value} is null for a bare
   * {@code name} without {@code =}, which only the NOARG types accept.
   */
  public static Optional<String> scalar(String type, String value) {
    if (value == null) {
      return BOOL_NOARG.contains(type) ? Optional.empty()
          : Optional.of("a '" + type + "' parameter needs a value ('name=value'); without one the kernel's setter"
              + " is not called and the load fails with -EINVAL");
    }
    IntegerType it = INTEGER_TYPES.get(type);
    if (it != null) return integer(it, value);
    if (type.equals("charp")) return charp(value);
    return kstrtobool(value)
        ? Optional.empty()
        : Optional.of("'" + value + "' is not a boolean to kstrtobool (y/Y/t/T/1, n/N/f/F/0, on, off)");
  }

  /** param_set_charp: longer than 1024 bytes is -ENOSPC. */
  public static Optional<String> charp(String value) {
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    return bytes > CHARP_MAX
        ? Optional.of("the value is " + bytes + " bytes; param_set_charp takes at most " + CHARP_MAX)
        : Optional.empty();
  }

  /** param_set_copystring: fails when strnlen(val, maxlen) == maxlen (maxlen counts the NUL). */
  public static Optional<String> copystring(String value, long maxlen) {
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    return bytes >= maxlen
        ? Optional.of("the value is " + bytes + " bytes; the buffer holds " + maxlen + " with its NUL, so at most "
            + (maxlen - 1) + " (param_set_copystring)")
        : Optional.empty();
  }

  /** lib/kstrtox.c kstrtobool (6.1): only the first one or two characters count. */
  static boolean kstrtobool(String s) {
    if (s.isEmpty()) return false;
    switch (s.charAt(0)) {
      case 'y', 'Y', 't', 'T', '1', 'n', 'N', 'f', 'F', '0':
        return true;
      case 'o', 'O':
        if (s.length() < 2) return false;
        char c = s.charAt(1);
        return c == 'n' || c == 'N' || c == 'f' || c == 'F';
      default:
        return false;
    }
  }

  /** kstrtoull/kstrtoll with base 0, then the range check of the narrower kstrto* wrapper. */
  static Optional<String> integer(IntegerType t, String s) {
    boolean negative = false;
    String digits = s;
    if (t.signed() && s.startsWith("-")) {
      negative = true;
      digits = s.substring(1); // kstrtoll: _kstrtoull(s + 1), so no '+' after the '-'
    } else if (s.startsWith("+")) {
      digits = s.substring(1);
    }
    Optional<BigInteger> magnitude = kstrtoullDigits(digits);
    String as = "'" + s + "' is not a number to " + t.kernelFunction();
    if (magnitude.isEmpty()) {
      if (!t.signed() && s.startsWith("-")) return Optional.of(as + " (an unsigned type takes no sign)");
      return Optional.of(as + " (decimal, 0x hex or 0 octal)");
    }
    if (magnitude.get().compareTo(U64_MAX) > 0) return Optional.of("'" + s + "' overflows 64 bits (" + t.kernelFunction() + ": -ERANGE)");
    BigInteger v = negative ? magnitude.get().negate() : magnitude.get();
    if (v.compareTo(t.min()) < 0 || v.compareTo(t.max()) > 0)
      return Optional.of("'" + s + "' is out of range for " + t.kernelFunction() + " (" + t.min() + ".." + t.max()
          + "): -ERANGE");
    return Optional.empty();
  }

  /**
   * _kstrtoull with base 0: 0x followed by a hex digit is hex, a leading 0 octal, else decimal;
   * at least one digit, then nothing but an optional newline. Empty when rejected.
   */
  private static Optional<BigInteger> kstrtoullDigits(String s) {
    int base = 10;
    int i = 0;
    if (s.startsWith("0")) {
      if (s.length() > 2 && (s.charAt(1) == 'x' || s.charAt(1) == 'X') && Character.digit(s.charAt(2), 16) >= 0
          && s.charAt(2) < 128) {
        base = 16;
        i = 2;
      } else {
        base = 8;
      }
    }
    int start = i;
    while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), base) >= 0) i++;
    if (i == start) return Optional.empty();
    String rest = s.substring(i);
    if (!rest.isEmpty() && !rest.equals("\n")) return Optional.empty();
    return Optional.of(new BigInteger(s.substring(start, i), base));
  }
}
