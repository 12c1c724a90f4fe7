package dev.kmodlint.rules.kconfig;

import dev.kmodlint.model.KconfigModel.Definition;
import dev.kmodlint.model.KconfigModel.Sym;
import dev.kmodlint.model.KconfigModel.Type;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;

@RuleInfo(
    id = "kconfig/invalid-default",
    level = Level.WARNING,
    summary = "Default/range of the wrong type, default outside range, choice default not in the choice",
    description = "kconfig ignores a default it cannot take: a string or number for a bool/tristate, a word"
        + " that is no number for an int or hex, a literal outside the symbol's literal range; a range on a"
        + " bool/tristate means nothing; a choice's default must be one of its members. The symbol then"
        + " silently falls back to another default or to n/0/empty.",
    tags = {"kconfig", "correctness"},
    anchor = "kconfig warnings")
public final class InvalidDefaultRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    Set<String> scanned = ctx.project().kconfig().scannedNames();
    for (Definition d : ctx.project().kconfig().definitions()) {
      for (KconfigModel.Default def : d.defaults()) {
        if (!(def.value() instanceof Sym v)) continue;
        Optional<String> problem = problem(d.type(), v, scanned);
        problem.ifPresent(p -> ctx.report(v.position(), "default " + v.text() + " of " + typeName(d.type()) + " "
            + d.name() + " " + p + "; kconfig ignores it"));
        if (problem.isEmpty() && def.condition().isEmpty()) outsideRange(ctx, d, v);
      }
      if (d.type() == Type.BOOL || d.type() == Type.TRISTATE) {
        for (KconfigModel.Range r : d.ranges()) {
          ctx.report(r.position(), "range on " + typeName(d.type()) + " " + d.name() + " means nothing; ranges are for int and hex");
        }
      }
    }
    for (KconfigModel.Choice c : ctx.project().kconfig().choices()) {
      for (KconfigModel.Default def : c.defaults()) {
        if (def.value() instanceof Sym v && !v.constant() && !c.members().contains(v.name())) {
          ctx.report(v.position(), "default " + v.name() + " of this choice is not one of its members ("
              + String.join(", ", c.members()) + "); kconfig ignores it");
        }
      }
    }
  }

  private static Optional<String> problem(Type type, Sym v, Set<String> scanned) {
    boolean symbol = !v.quoted() && scanned.contains(v.name());
    if (symbol || v.name().contains("$(")) return Optional.empty();
    switch (type) {
      case BOOL, TRISTATE -> {
        if (v.quoted() ? !Set.of("y", "n", "m").contains(v.name()) : v.name().matches("-?[0-9]+|0[xX][0-9a-fA-F]+")) {
          return Optional.of("is not y, m or n");
        }
      }
      case INT -> {
        if (!v.name().matches("-?[0-9]+") && (v.quoted() || v.name().matches("-?[0-9].*"))) {
          return Optional.of("is not a decimal number");
        }
      }
      case HEX -> {
        if (!v.name().matches("(0[xX])?[0-9a-fA-F]+") && (v.quoted() || v.name().matches("[0-9].*"))) {
          return Optional.of("is not a hexadecimal number");
        }
      }
      default -> { }
    }
    return Optional.empty();
  }

  private static void outsideRange(RuleContext ctx, Definition d, Sym v) {
    if (d.type() != Type.INT && d.type() != Type.HEX) return;
    BigInteger value = number(d.type(), v.name());
    if (value == null) return;
    for (KconfigModel.Range r : d.ranges()) {
      if (r.condition().isPresent()) continue;
      BigInteger low = number(d.type(), r.low().name());
      BigInteger high = number(d.type(), r.high().name());
      if (low == null || high == null) continue;
      if (value.compareTo(low) < 0 || value.compareTo(high) > 0) {
        ctx.report(v.position(), "default " + v.name() + " of " + d.name() + " is outside its range " + r.low().name()
            + ".." + r.high().name() + "; kconfig clamps it");
      }
      return;
    }
  }

  private static BigInteger number(Type type, String s) {
    try {
      if (type == Type.HEX) return new BigInteger(s.replaceFirst("^0[xX]", ""), 16);
      return new BigInteger(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String typeName(Type t) {
    return t.name().toLowerCase(java.util.Locale.ROOT);
  }
}
