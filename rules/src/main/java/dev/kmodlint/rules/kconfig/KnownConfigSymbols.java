package dev.kmodlint.rules.kconfig;

import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Project;
import dev.kmodlint.rule.Suggestions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Which CONFIG symbols exist for a project: defined by a scanned Kconfig or by the kernel. */
public final class KnownConfigSymbols {
  private final Set<String> scanned;
  private final KconfigModel model;
  /** Make variables named CONFIG_*, assigned by a scanned Makefile (CONFIG_SHELL and the like). */
  private final Set<String> makeVariables = new HashSet<>();
  /** CONFIG_* macros #defined by a scanned C file or header. */
  private final Set<String> defines = new HashSet<>();
  private final Map<String, KconfigModel.Type> scannedTypes = new HashMap<>();

  public KnownConfigSymbols(Project project) {
    this.model = project.kconfig();
    this.scanned = model.scannedNames();
    for (KbuildModel.Makefile m : project.kbuild().makefiles()) {
      for (KbuildModel.Assignment a : m.assignments()) {
        if (a.variable().startsWith(KconfigModel.PREFIX)) makeVariables.add(KconfigModel.symbolName(a.variable()));
      }
    }
    for (KconfigModel.Definition d : model.definitions()) {
      if (d.type() == KconfigModel.Type.UNKNOWN) continue;
      scannedTypes.merge(d.name(), d.type(), (a, b) -> a == KconfigModel.Type.TRISTATE ? a : b);
    }
    for (KconfigModel.SourceReference r : model.sourceReferences()) {
      if (r.form() == KconfigModel.SourceReference.Form.DEFINE) defines.add(r.symbol());
    }
  }

  public boolean defined(String symbol) {
    return scanned.contains(symbol) || model.kernelSymbols().containsKey(symbol);
  }

  public boolean assignedByMake(String symbol) {
    return makeVariables.contains(symbol);
  }

  /** {@code CONFIG_FOO_MODULE} is set by the build when FOO is m: it names FOO. */
  public boolean definedInSource(String symbol) {
    if (defined(symbol) || defines.contains(symbol)) return true;
    return symbol.endsWith("_MODULE") && defined(symbol.substring(0, symbol.length() - "_MODULE".length()));
  }

  /**
   * {@code " (did you mean CONFIG_DEBUG_FS?)"} for a symbol one edit away from defined ones
   * (at most three named), else the empty string: an undefined symbol is most often a typo.
   */
  public String didYouMean(String symbol) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_" + (symbol.equals(symbol.toUpperCase(java.util.Locale.ROOT))
        ? "" : "abcdefghijklmnopqrstuvwxyz");
    java.util.List<String> near = Suggestions.oneEditAway(symbol, alphabet, this::defined);
    if (near.isEmpty() || near.size() > 3) return "";
    return " (did you mean " + String.join(" or ", near.stream().map(s -> KconfigModel.PREFIX + s).toList()) + "?)";
  }

  /** The type a scanned definition gives, else the kernel's. */
  public Optional<KconfigModel.Type> type(String symbol) {
    KconfigModel.Type found = scannedTypes.get(symbol);
    if (found != null) return Optional.of(found);
    return Optional.ofNullable(model.kernelSymbols().get(symbol)).filter(t -> t != KconfigModel.Type.UNKNOWN);
  }
}
