package dev.kmodlint.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a kernel assembler source ({@code .S}) defines for the linker: its global symbols
 * ({@code SYM_FUNC_START(x)}, {@code SYM_TYPED_FUNC_START}, {@code SYM_CODE_START},
 * {@code SYM_DATA_START}, {@code SYM_INNER_LABEL(x, SYM_L_GLOBAL)}, the older
 * {@code ENTRY(x)}/{@code GLOBAL(x)}, and {@code .globl}/{@code .weak}) and its exports
 * ({@code EXPORT_SYMBOL*(x)}, which {@code <asm/export.h>} provides to assembler too). Read
 * from the text without preprocessing: every branch of a conditional counts, so a symbol any
 * configuration defines is taken as defined (a definition too many hides a finding, one too
 * few would invent one). Comments are blanked first, keeping every offset; nothing inside a
 * {@code #define} counts (a macro that uses {@code SYM_FUNC_START} defines nothing itself).
 * An assembler macro ({@code .macro NAME params ... .endm}) whose body defines a global named
 * from its parameters ({@code SYM_FUNC_START(\name)}, {@code .globl \op\()_safe_regs})
 * defines it for each top-level use ({@code NAME sha1_transform_ssse3}), at the use.
 */
public final class AssemblerSymbols {
  private AssemblerSymbols() {}

  /** A name at a 1-based line and column. */
  public record Symbol(String name, int line, int column) {}

  /** An export: {@code macro} as written ({@code EXPORT_SYMBOL_GPL}), its namespace argument when it has one. */
  public record Export(String macro, String symbol, String namespace, int line, int column) {
    public boolean gplOnly() {
      return macro.endsWith("_GPL");
    }
  }

  /** The globals (first definition of each, in file order) and the exports of one file. */
  public record Facts(List<Symbol> globals, List<Export> exports) {
    public Facts {
      globals = List.copyOf(globals);
      exports = List.copyOf(exports);
    }
  }

  public static final Pattern GLOBAL = Pattern.compile(
      "\\b(?:SYM_FUNC_START(?:_WEAK)?(?:_NOALIGN)?|SYM_TYPED_FUNC_START|SYM_CODE_START(?:_NOALIGN)?|SYM_DATA_START"
      + "|SYM_DATA|ENTRY|GLOBAL|WEAK)\\s*\\(\\s*([A-Za-z_]\\w*)"
      + "|\\bSYM_FUNC_ALIAS(?:_WEAK)?\\s*\\(\\s*([A-Za-z_]\\w*)"
      + "|\\bSYM_INNER_LABEL(?:_ALIGN)?\\s*\\(\\s*([A-Za-z_]\\w*)\\s*,\\s*SYM_L_GLOBAL\\s*\\)"
      + "|(?m)^\\s*\\.(?:globl|global|weak)\\s+([A-Za-z_.$][\\w.$]*(?:\\s*,\\s*[A-Za-z_.$][\\w.$]*)*)");

  private static final Pattern EXPORT = Pattern.compile(
      "\\b(EXPORT_SYMBOL(?:_NS)?(?:_GPL)?)\\s*\\(\\s*([A-Za-z_]\\w*)\\s*(?:,\\s*\"?([A-Za-z_][\\w:.-]*)\"?\\s*)?\\)");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][\\w.$]*");

  /** {@code .macro NAME params}: group 1 the name, 2 the parameter list. */
  private static final Pattern MACRO = Pattern.compile("(?m)^[ \\t]*\\.macro[ \\t]+([A-Za-z_.$][\\w.$]*)[ \\t,]*([^\\n]*)$");
  private static final Pattern ENDM = Pattern.compile("(?m)^[ \\t]*\\.endm\\b");
  /** A global whose name is made of a macro's parameters: {@code \\name}, {@code \\()} and name characters. */
  private static final Pattern TEMPLATE_GLOBAL = Pattern.compile(
      "\\b(?:SYM_FUNC_START(?:_WEAK)?(?:_NOALIGN)?|SYM_TYPED_FUNC_START|SYM_CODE_START(?:_NOALIGN)?|SYM_DATA_START"
      + "|SYM_DATA|ENTRY|GLOBAL|WEAK)\\s*\\(\\s*(" + "(?:\\\\\\(\\)|\\\\[A-Za-z_]\\w*|[\\w.$])+" + ")"
      + "|(?m)^\\s*\\.(?:globl|global|weak)\\s+(" + "(?:\\\\\\(\\)|\\\\[A-Za-z_]\\w*|[\\w.$])+" + ")");
  private static final Pattern PARAMETER_USE = Pattern.compile("\\\\(?:\\(\\)|([A-Za-z_]\\w*))");

  /** An assembler macro that defines globals from its parameters. */
  private record Macro(String name, List<String> parameters, Map<String, String> defaults, List<String> templates,
      int start, int end) {}

  public static Facts scan(CharSequence source) {
    String text = blankComments(source);
    int[] lineStarts = lineStarts(text);
    Map<String, Symbol> globals = globals(text, lineStarts);
    List<Export> exports = new ArrayList<>();
    Matcher e = EXPORT.matcher(text);
    while (e.find()) {
      if (inDefine(text, e.start())) continue;
      int[] lc = lineColumn(lineStarts, e.start(2));
      exports.add(new Export(e.group(1), e.group(2), e.group(3), lc[0], lc[1]));
    }
    return new Facts(List.copyOf(globals.values()), exports);
  }

  /** The globals {@code text} (comments blanked) names, its assembler macros' uses included. */
  private static Map<String, Symbol> globals(String text, int[] lineStarts) {
    Map<String, Symbol> globals = new LinkedHashMap<>();
    Matcher g = GLOBAL.matcher(text);
    while (g.find()) {
      if (inDefine(text, g.start())) continue;
      for (int i = 1; i <= 3; i++) if (g.group(i) != null) add(globals, g.group(i), g.start(i), lineStarts);
      if (g.group(4) != null) {
        int base = g.start(4);
        Matcher n = NAME.matcher(g.group(4));
        while (n.find()) if (!n.group().startsWith(".") && !n.group().contains("$")) add(globals, n.group(), base + n.start(), lineStarts);
      }
    }
    for (Macro m : macros(text)) expand(text, m, globals, lineStarts);
    return globals;
  }

  /**
   * What the assembler text a C file hands gcc defines and uses: the templates of its
   * {@code asm()} statements after preprocessing (macros expanded, adjacent literals joined,
   * escapes decoded), one after the other. {@code labels}: the names it defines ({@code name:} at
   * the start of a statement, {@code .set}/{@code .equ}/{@code .equiv name,}, {@code name =}),
   * first definition each, in text order; {@code globals}: the names it makes global, as in a
   * {@code .S} file ({@code .globl}, {@code .global}, {@code .weak}, an assembler macro's); {@code
   * branchTargets}: the names its {@code call} and jump instructions go to, first use each. A
   * name the text makes global is a definition only where it also labels it ({@code .globl x}
   * alone declares a reference). Statements end at a newline or {@code ;}, {@code #} starts an
   * x86 comment; assembler-local labels ({@code .L1}, {@code 1:}), operands ({@code %0},
   * {@code %[x]}, {@code *%rax}) and registers are no names. Line and column are in the text.
   */
  public record Inline(List<Symbol> labels, List<Symbol> globals, List<Symbol> branchTargets) {
    public Inline {
      labels = List.copyOf(labels);
      globals = List.copyOf(globals);
      branchTargets = List.copyOf(branchTargets);
    }
  }

  /** Labels at the start of a statement: {@code name:}, several in a row. */
  private static final Pattern LABELS = Pattern.compile("(?m)^[ \\t]*((?:[\\w$.]+[ \\t]*:[ \\t]*)+)");
  private static final Pattern LABEL = Pattern.compile("([\\w$.]+)[ \\t]*:");
  /** {@code .set name, value} and its synonyms, {@code name = value}. */
  private static final Pattern ASSIGNMENT = Pattern.compile(
      "(?m)^[ \\t]*(?:\\.(?:set|equ|equiv)[ \\t]+([A-Za-z_][\\w.$]*)[ \\t]*,|([A-Za-z_][\\w.$]*)[ \\t]*=(?!=))");
  /** {@code call name}, {@code jmp name}, {@code jne name} (and the other jumps), after a statement's labels. */
  private static final Pattern BRANCH = Pattern.compile(
      "(?m)^[ \\t]*(?:[\\w$.]+[ \\t]*:[ \\t]*)*(?:call[lqw]?|j[a-z]{1,5})[ \\t]+([A-Za-z_][\\w$]*)(?:@PLT)?[ \\t]*$");
  /** x86 register names, which intel syntax writes bare ({@code call rax}). */
  private static final Pattern REGISTER = Pattern.compile(
      "[re]?(?:ax|bx|cx|dx|si|di|sp|bp|ip)|r(?:[89]|1[0-5])[dwb]?|[abcd][lh]|(?:si|di|sp|bp)l");

  public static Inline scanInline(CharSequence template) {
    String blanked = blankComments(template);
    // lines as the template has them: a ';' ends a statement, not a line
    int[] lineStarts = lineStarts(blanked);
    String text = statements(blanked);
    Map<String, Symbol> labels = new LinkedHashMap<>();
    Matcher run = LABELS.matcher(text);
    while (run.find()) {
      Matcher l = LABEL.matcher(run.group(1));
      while (l.find()) if (symbolName(l.group(1))) add(labels, l.group(1), run.start(1) + l.start(1), lineStarts);
    }
    Matcher a = ASSIGNMENT.matcher(text);
    while (a.find()) {
      int group = a.group(1) != null ? 1 : 2;
      if (symbolName(a.group(group))) add(labels, a.group(group), a.start(group), lineStarts);
    }
    Map<String, Symbol> globals = globals(text, lineStarts);
    Map<String, Symbol> targets = new LinkedHashMap<>();
    Matcher b = BRANCH.matcher(text);
    while (b.find())
      if (symbolName(b.group(1)) && !REGISTER.matcher(b.group(1)).matches()) add(targets, b.group(1), b.start(1), lineStarts);
    List<Symbol> inOrder = new ArrayList<>(labels.values());
    inOrder.sort(java.util.Comparator.comparingInt(Symbol::line).thenComparingInt(Symbol::column));
    return new Inline(inOrder, List.copyOf(globals.values()), List.copyOf(targets.values()));
  }

  /** A name the linker may see: not an assembler-local label ({@code 1}, {@code .L1}, {@code .Lfoo}) nor a directive. */
  private static boolean symbolName(String name) {
    return !name.startsWith(".") && !name.contains("$") && !Character.isDigit(name.charAt(0));
  }

  /**
   * Inline assembler text as lines of one statement each: {@code ;} separates statements, as a
   * newline does, and {@code #} starts a comment to the end of the line (x86); string operands
   * ({@code .ascii "a;b"}) are kept. Offsets stay where they were.
   */
  private static String statements(String text) {
    StringBuilder out = new StringBuilder(text);
    int n = out.length();
    for (int i = 0; i < n; i++) {
      char c = out.charAt(i);
      if (c == '"') {
        int j = i + 1;
        while (j < n && out.charAt(j) != '"' && out.charAt(j) != '\n') j += out.charAt(j) == '\\' ? 2 : 1;
        i = j;
      } else if (c == ';') {
        out.setCharAt(i, '\n');
      } else if (c == '#') {
        for (; i < n && out.charAt(i) != '\n'; i++) out.setCharAt(i, ' ');
      }
    }
    return out.toString();
  }

  /** The assembler macros of {@code text} whose body names a global after a parameter. */
  private static List<Macro> macros(String text) {
    List<Macro> out = new ArrayList<>();
    Matcher m = MACRO.matcher(text);
    Matcher endm = ENDM.matcher(text);
    int from = 0;
    while (m.find(from)) {
      int bodyEnd = endm.find(m.end()) ? endm.start() : text.length();
      from = Math.max(m.end(), bodyEnd);
      if (inDefine(text, m.start())) continue;
      List<String> parameters = new ArrayList<>();
      Map<String, String> defaults = new java.util.HashMap<>();
      for (String p : arguments(m.group(2))) {
        int eq = p.indexOf('=');
        String name = (eq >= 0 ? p.substring(0, eq) : p).replaceAll(":(req|vararg)$", "").trim();
        if (!name.matches("[A-Za-z_]\\w*")) continue;
        parameters.add(name);
        if (eq >= 0) defaults.put(name, p.substring(eq + 1).trim());
      }
      List<String> templates = new ArrayList<>();
      Matcher t = TEMPLATE_GLOBAL.matcher(text).region(m.end(), bodyEnd);
      t.useAnchoringBounds(false);
      while (t.find()) {
        String name = t.group(1) != null ? t.group(1) : t.group(2);
        if (name.indexOf('\\') >= 0 && !inDefine(text, t.start())) templates.add(name);
      }
      if (!templates.isEmpty()) out.add(new Macro(m.group(1), parameters, defaults, templates, m.start(), bodyEnd));
    }
    return out;
  }

  /** The globals each top-level use of {@code macro} defines, at the use's first argument. */
  private static void expand(String text, Macro macro, Map<String, Symbol> globals, int[] lineStarts) {
    Pattern use = Pattern.compile("(?m)^[ \\t]*(?:[A-Za-z_.$][\\w.$]*:[ \\t]*)?" + Pattern.quote(macro.name())
        + "(?:[ \\t]+([^\\n]*))?$");
    Matcher u = use.matcher(text);
    while (u.find()) {
      if (u.start() >= macro.start() && u.start() < macro.end()) continue;
      if (inDefine(text, u.start())) continue;
      Map<String, String> values = new java.util.HashMap<>(macro.defaults());
      List<String> args = u.group(1) == null ? List.of() : arguments(u.group(1));
      int positional = 0;
      for (String a : args) {
        int eq = a.indexOf('=');
        if (eq > 0 && macro.parameters().contains(a.substring(0, eq).trim())) {
          values.put(a.substring(0, eq).trim(), a.substring(eq + 1).trim());
        } else if (positional < macro.parameters().size()) {
          values.put(macro.parameters().get(positional++), a);
        }
      }
      int at = u.group(1) != null ? u.start(1) : u.start();
      for (String template : macro.templates()) {
        String name = substitute(template, values);
        if (name != null && NAME.matcher(name).matches() && !name.contains("$")) add(globals, name, at, lineStarts);
      }
    }
  }

  /** {@code template} with each {@code \\param} replaced and {@code \\()} taken out; null when a parameter has no value. */
  private static String substitute(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    Matcher p = PARAMETER_USE.matcher(template);
    int last = 0;
    while (p.find()) {
      out.append(template, last, p.start());
      if (p.group(1) != null) {
        String v = values.get(p.group(1));
        if (v == null) return null;
        out.append(v);
      }
      last = p.end();
    }
    return out.append(template.substring(last)).toString();
  }

  /** A macro's parameters or a use's arguments: separated by commas, else by blanks, as gas reads them. */
  private static List<String> arguments(String list) {
    String trimmed = list.trim();
    if (trimmed.isEmpty()) return List.of();
    List<String> out = new ArrayList<>();
    for (String a : trimmed.split(trimmed.indexOf(',') >= 0 ? "\\s*,\\s*" : "\\s+")) {
      if (!a.isEmpty()) out.add(a.trim());
    }
    return out;
  }

  private static void add(Map<String, Symbol> out, String name, int offset, int[] lineStarts) {
    if (out.containsKey(name)) return;
    int[] lc = lineColumn(lineStarts, offset);
    out.put(name, new Symbol(name, lc[0], lc[1]));
  }

  /** True inside a {@code #define} (a macro that uses SYM_FUNC_START defines nothing itself). */
  private static boolean inDefine(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    // continuation lines belong to the directive above
    while (lineStart >= 2 && text.charAt(lineStart - 2) == '\\') lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    int i = lineStart;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
    if (i >= text.length() || text.charAt(i) != '#') return false;
    i++;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
    return text.startsWith("define", i);
  }

  private static String blankComments(CharSequence s) {
    StringBuilder out = new StringBuilder(s);
    String in = s.toString();
    int n = out.length();
    for (int i = 0; i < n; i++) {
      char c = out.charAt(i);
      if (c == '/' && i + 1 < n && out.charAt(i + 1) == '*') {
        int close = in.indexOf("*/", i + 2);
        int last = close < 0 ? n - 1 : close + 1;
        for (int j = i; j <= last; j++) if (out.charAt(j) != '\n') out.setCharAt(j, ' ');
        i = last;
      } else if (c == '/' && i + 1 < n && out.charAt(i + 1) == '/') {
        for (; i < n && out.charAt(i) != '\n'; i++) out.setCharAt(i, ' ');
      } else if (c == '"') {
        int j = i + 1;
        while (j < n && out.charAt(j) != '"' && out.charAt(j) != '\n') j += out.charAt(j) == '\\' ? 2 : 1;
        i = j;
      }
    }
    return out.toString();
  }

  private static int[] lineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts.add(i + 1);
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] lineColumn(int[] lineStarts, int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return new int[] {lo + 1, offset - lineStarts[lo] + 1};
  }
}
