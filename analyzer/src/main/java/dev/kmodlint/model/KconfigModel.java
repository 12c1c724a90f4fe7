package dev.kmodlint.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kconfig symbols of the scanned tree: every definition with its type, prompts, defaults,
 * dependencies (its own {@code depends on} and those inherited from enclosing {@code if},
 * {@code menu} and {@code choice} blocks, across {@code source}), the symbols it selects or
 * implies, where each symbol is referenced, and the files that could not be parsed.
 * {@code kernelSymbols} are the symbols (with their types) of the kernel release kmodlint assumes, so that
 * {@code depends on I2C} in an out-of-tree Kconfig is not taken for undefined.
 * {@code sourceReferences} are the {@code CONFIG_} identifiers of the scanned C files and
 * headers, outside comments and strings.
 */
public record KconfigModel(
    List<Definition> definitions,
    List<Choice> choices,
    List<Reference> references,
    List<SyntaxProblem> syntaxProblems,
    Map<String, Type> kernelSymbols,
    String kernelRelease,
    List<SourceReference> sourceReferences) {

  public KconfigModel {
    definitions = List.copyOf(definitions);
    choices = List.copyOf(choices);
    references = List.copyOf(references);
    syntaxProblems = List.copyOf(syntaxProblems);
    kernelSymbols = Map.copyOf(kernelSymbols);
    sourceReferences = List.copyOf(sourceReferences);
  }

  /** How C and Makefiles name a symbol: {@code CONFIG_FOO} for Kconfig's {@code FOO}. */
  public static final String PREFIX = "CONFIG_";

  /** {@code CONFIG_FOO} or {@code FOO} -> {@code FOO}, the name Kconfig files give it. */
  public static String symbolName(String configOrSymbol) {
    return configOrSymbol.startsWith(PREFIX) ? configOrSymbol.substring(PREFIX.length()) : configOrSymbol;
  }

  public static KconfigModel empty() {
    return new KconfigModel(List.of(), List.of(), List.of(), List.of(), Map.of(), "none", List.of());
  }

  public enum Type { BOOL, TRISTATE, INT, HEX, STRING, UNKNOWN }

  /** A Kconfig expression; a symbol that no Kconfig defines is a constant, as in kconfig. */
  public sealed interface Expr permits Sym, Not, And, Or, Compare {
    /** The symbols named in this expression, in order. */
    default List<Sym> symbols() {
      List<Sym> out = new ArrayList<>();
      collect(this, out);
      return out;
    }

    private static void collect(Expr e, List<Sym> out) {
      if (e instanceof Sym s) {
        out.add(s);
      } else if (e instanceof Not n) {
        collect(n.operand(), out);
      } else if (e instanceof And a) {
        collect(a.left(), out);
        collect(a.right(), out);
      } else if (e instanceof Or o) {
        collect(o.left(), out);
        collect(o.right(), out);
      } else if (e instanceof Compare c) {
        collect(c.left(), out);
        collect(c.right(), out);
      }
    }

    /** The operands of a chain of {@code &&}: {@code A && (B || C)} is A and {@code B || C}. */
    default List<Expr> conjuncts() {
      List<Expr> out = new ArrayList<>();
      List<Expr> pending = new ArrayList<>(List.of(this));
      while (!pending.isEmpty()) {
        Expr x = pending.remove(0);
        if (x instanceof And a) {
          pending.add(0, a.right());
          pending.add(0, a.left());
        } else {
          out.add(x);
        }
      }
      return out;
    }

    /** Written back in Kconfig syntax, fully parenthesised where operators mix. */
    String text();
  }

  /** A symbol or constant as written; {@code quoted} for a string literal. */
  public record Sym(String name, boolean quoted, SourcePosition position) implements Expr {
    /** y, n, m, a number, a string or a macro: never a symbol definition's name. */
    public boolean constant() {
      return quoted || name.equals("y") || name.equals("n") || name.equals("m") || name.contains("$(")
          || name.matches("-?[0-9]+|0[xX][0-9a-fA-F]+");
    }

    @Override
    public String text() {
      return quoted ? "\"" + name + "\"" : name;
    }
  }

  public record Not(Expr operand) implements Expr {
    @Override
    public String text() {
      return "!" + (operand instanceof Sym || operand instanceof Compare ? operand.text() : "(" + operand.text() + ")");
    }
  }

  public record And(Expr left, Expr right) implements Expr {
    @Override
    public String text() {
      return paren(left) + " && " + paren(right);
    }

    private static String paren(Expr e) {
      return e instanceof Or ? "(" + e.text() + ")" : e.text();
    }
  }

  public record Or(Expr left, Expr right) implements Expr {
    @Override
    public String text() {
      return left.text() + " || " + right.text();
    }
  }

  public record Compare(String op, Sym left, Sym right) implements Expr {
    @Override
    public String text() {
      return left.text() + op + right.text();
    }
  }

  /** {@code prompt "text" if cond} or the prompt of a type line. */
  public record Prompt(String text, SourcePosition position, Optional<Expr> condition) {}

  /** {@code default value if cond}, also {@code def_bool}/{@code def_tristate}. */
  public record Default(Expr value, Optional<Expr> condition, SourcePosition position) {}

  /** {@code select target if cond} or {@code imply target if cond}. */
  public record Select(String target, boolean imply, Optional<Expr> condition, SourcePosition position) {}

  public record Range(Sym low, Sym high, Optional<Expr> condition, SourcePosition position) {}

  /** {@code lines}: non-blank lines of the help text. */
  public record Help(SourcePosition position, int lines) {}

  /**
   * One {@code config}/{@code menuconfig} block. {@code dependsOn}: its own {@code depends on}
   * lines, and-ed; {@code inherited}: the conditions of the {@code if}/{@code menu}/{@code choice}
   * blocks around it. {@code menuPath}: the titles of the enclosing menus, outermost first.
   * {@code root}: the Kconfig file whose reading reached this one through {@code source} lines
   * (the file itself when nothing scanned sources it): kconfig reads one such tree at a time.
   */
  public record Definition(
      String name,
      Type type,
      boolean menuconfig,
      SourcePosition position,
      List<Prompt> prompts,
      List<Default> defaults,
      Optional<Expr> dependsOn,
      Optional<Expr> inherited,
      List<Select> selects,
      List<Range> ranges,
      Optional<Help> help,
      List<String> menuPath,
      Optional<SourcePosition> choice,
      java.nio.file.Path root) {

    public Definition {
      prompts = List.copyOf(prompts);
      defaults = List.copyOf(defaults);
      selects = List.copyOf(selects);
      ranges = List.copyOf(ranges);
      menuPath = List.copyOf(menuPath);
    }

    /** Own and inherited dependencies together. */
    public Optional<Expr> allDependencies() {
      if (dependsOn.isEmpty()) return inherited;
      if (inherited.isEmpty()) return dependsOn;
      return Optional.of(new And(inherited.get(), dependsOn.get()));
    }
  }

  /** A {@code choice} block: its members, defaults and type. */
  public record Choice(Optional<String> name, SourcePosition position, Type type, List<String> members,
      List<Default> defaults) {
    public Choice {
      members = List.copyOf(members);
      defaults = List.copyOf(defaults);
    }
  }

  public enum ReferenceKind { DEPENDS_ON, SELECT, IMPLY, DEFAULT, CONDITION, VISIBLE_IF, RANGE }

  /** A symbol named in an expression, select or imply of a Kconfig file. */
  public record Reference(String symbol, ReferenceKind kind, SourcePosition position) {}

  /**
   * A {@code CONFIG_} identifier in C code, prefix removed ({@code FOO_MODULE} for
   * {@code CONFIG_FOO_MODULE}). {@code form} says how it is used.
   */
  public record SourceReference(String symbol, Form form, SourcePosition position) {
    public enum Form { IFDEF, IF, IS_ENABLED, IS_BUILTIN, IS_MODULE, IS_REACHABLE, DEFINE, UNDEF, OTHER }

    /** A test of the symbol's value, which is what a Kconfig symbol is for. */
    public boolean isTest() {
      return form != Form.DEFINE && form != Form.UNDEF && form != Form.OTHER;
    }
  }

  /** Definitions by symbol name, sorted. */
  public Map<String, List<Definition>> byName() {
    Map<String, List<Definition>> out = new TreeMap<>();
    for (Definition d : definitions) out.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(d);
    return out;
  }

  /**
   * A symbol no configuration enables, as the scanned Kconfig files define it: a bool or
   * tristate without a prompt, without a default other than {@code n}, outside any choice, that
   * nothing selects or implies (init/Kconfig's {@code BROKEN}). Not known to be so when no
   * scanned file defines it.
   */
  public boolean neverEnabled(String symbol) {
    String name = symbolName(symbol);
    List<Definition> defs = byName().getOrDefault(name, List.of());
    if (defs.isEmpty()) return false;
    for (Definition d : defs) {
      if ((d.type() != Type.BOOL && d.type() != Type.TRISTATE) || !d.prompts().isEmpty() || d.choice().isPresent())
        return false;
      for (Default v : d.defaults()) if (!(v.value() instanceof Sym c && c.name().equals("n"))) return false;
    }
    for (Definition d : definitions) for (Select sel : d.selects()) if (sel.target().equals(name)) return false;
    return true;
  }

  /**
   * The symbol that keeps {@code symbol} off in every configuration: one its every definition
   * depends on ({@code depends on BROKEN}) and that is {@link #neverEnabled}; empty when none.
   */
  public Optional<String> neverEnabledDependency(String symbol) {
    List<Definition> defs = byName().getOrDefault(symbolName(symbol), List.of());
    if (defs.isEmpty()) return Optional.empty();
    String found = null;
    for (Definition d : defs) {
      String here = null;
      if (d.allDependencies().isPresent())
        for (Expr c : d.allDependencies().get().conjuncts())
          if (c instanceof Sym s && !s.constant() && neverEnabled(s.name())) here = s.name();
      if (here == null) return Optional.empty();
      found = here;
    }
    return Optional.ofNullable(found);
  }

  /** Names defined by a scanned Kconfig file. */
  public Set<String> scannedNames() {
    Set<String> out = new HashSet<>();
    for (Definition d : definitions) out.add(d.name());
    return out;
  }
}
