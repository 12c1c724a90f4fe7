package dev.kmodlint.model;

import java.util.Map;
import java.util.Set;

/**
 * What kernel headers say, before it is resolved against an export database: for every macro
 * and every function defined in a header (static inline, mostly), the names its expansion or
 * body mentions; and the functions and variables headers declare {@code extern}.
 * {@code functionMacros} names the function-like ones among {@code macros}.
 * {@code functionArities} gives the parameters of header and extern functions,
 * {@code macroArities} those of function-like macros. {@code definingMacros} are the
 * function-like macros that define functions or objects at file scope ({@code DEFINE_MUTEX},
 * {@code DECLARE_EWMA}...); {@code macroDefinitions} holds their definitions and those of the
 * macros they expand to, as a preprocessor reads them ({@code #define NAME(params) body}, one
 * line). {@code namespaces}: how the headers take symbol namespaces ({@link NamespaceConventions}).
 * {@code headerNames}: every header a module can include, by the name it includes it with
 * ({@code linux/dma-buf.h}, {@code asm/amd_nb.h}, {@code generated/autoconf.h}): what
 * {@code __has_include(<...>)} finds on the kernel's include path; empty when unknown.
 */
public record HeaderFacts(
    Map<String, Set<String>> macros,
    Set<String> functionMacros,
    Map<String, Set<String>> functions,
    Set<String> externFunctions,
    Set<String> externVariables,
    Map<String, Arity> functionArities,
    Map<String, Arity> macroArities,
    Set<String> definingMacros,
    Map<String, String> macroDefinitions,
    NamespaceConventions namespaces,
    Set<String> headerNames) {

  public HeaderFacts(Map<String, Set<String>> macros, Set<String> functionMacros, Map<String, Set<String>> functions,
      Set<String> externFunctions, Set<String> externVariables, Map<String, Arity> functionArities,
      Map<String, Arity> macroArities, Set<String> definingMacros, Map<String, String> macroDefinitions) {
    this(macros, functionMacros, functions, externFunctions, externVariables, functionArities, macroArities,
        definingMacros, macroDefinitions, NamespaceConventions.UNKNOWN, Set.of());
  }

  /**
   * How many arguments a call takes: {@code fixed} of them, more when {@code variadic}.
   * {@link #UNKNOWN} when the declaration does not say ({@code int f();}) or declarations disagree.
   */
  public record Arity(int fixed, boolean variadic) {
    public static final Arity UNKNOWN = new Arity(-1, false);

    public boolean known() {
      return fixed >= 0;
    }

    /** True when a call with {@code arguments} arguments matches. */
    public boolean accepts(int arguments) {
      return !known() || arguments == fixed || (variadic && arguments > fixed);
    }

    /** One arity for two declarations of a name: theirs when they agree, else unknown. */
    public Arity merge(Arity other) {
      return equals(other) ? this : UNKNOWN;
    }

    /** {@code 2}, {@code 1+} (variadic) or {@code ?}. */
    @Override
    public String toString() {
      return known() ? fixed + (variadic ? "+" : "") : "?";
    }

    /** Reads what {@link #toString} writes. */
    public static Arity parse(String s) {
      if (s.equals("?")) return UNKNOWN;
      boolean v = s.endsWith("+");
      return new Arity(Integer.parseInt(v ? s.substring(0, s.length() - 1) : s), v);
    }
  }

  public HeaderFacts {
    macros = Map.copyOf(macros);
    functionMacros = Set.copyOf(functionMacros);
    functions = Map.copyOf(functions);
    externFunctions = Set.copyOf(externFunctions);
    externVariables = Set.copyOf(externVariables);
    functionArities = Map.copyOf(functionArities);
    macroArities = Map.copyOf(macroArities);
    definingMacros = Set.copyOf(definingMacros);
    macroDefinitions = Map.copyOf(macroDefinitions);
    headerNames = Set.copyOf(headerNames);
  }

  /** Facts without arities or definitions. */
  public HeaderFacts(Map<String, Set<String>> macros, Set<String> functionMacros, Map<String, Set<String>> functions,
      Set<String> externFunctions, Set<String> externVariables) {
    this(macros, functionMacros, functions, externFunctions, externVariables, Map.of(), Map.of(), Set.of(), Map.of());
  }
}
