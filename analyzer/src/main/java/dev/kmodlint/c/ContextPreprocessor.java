package dev.kmodlint.c;

import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.model.TargetKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.parser.ISignificantMacros;
import org.eclipse.cdt.internal.core.parser.IMacroDictionary;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;

/**
 * Applies a {@link PreprocessorContext} to one parse. The build's {@code -D}/{@code -U} and the
 * target kernel's version macros, {@code <linux/kconfig.h>} and architecture macros are
 * synthetic macro files read before the prelude, in gcc's order (command line, then the
 * {@code -include}d kconfig.h). The kernel's {@code CONFIG_} symbols and header macros are
 * defined lazily, when a file that mentions them is read (the main file once the macro files
 * are done, each header as it is included), and only when that file's text names them:
 * <ul>
 *   <li>a name tested by {@code #ifdef}, {@code #ifndef} or {@code defined} that a kernel
 *   header defines becomes defined as itself ({@code #define timer_setup timer_setup}), which
 *   decides the test as the build does and leaves every use as written;</li>
 *   <li>a call of a kernel macro of the families that define functions and objects at file
 *   scope ({@code DECLARE_EWMA}, {@code DEFINE_MUTEX}, {@code DEVICE_ATTR_RO}...), or of one the
 *   header index found to expand to a declaration ({@code INTERVAL_TREE_DEFINE}), expands from
 *   its header definition; the kernel macros its body uses are defined under private names
 *   ({@code __kmodlint_k_READ_ONCE}), so that the same names in the file's own code stay as
 *   they are today.</li>
 * </ul>
 * The prelude's macros always win over the headers' (never redefined, never renamed).
 */
final class ContextPreprocessor {
  static final String DIR = "/__kmodlint__/";
  static final String COMMAND_LINE = DIR + "command-line.h";
  static final String TARGET_KERNEL = DIR + "target-kernel.h";
  /** Empty; its inclusion, after the prelude, is when the main file's kernel macros are defined. */
  static final String KERNEL_MACROS = DIR + "kernel-macros.h";
  static final String PRIVATE = "__kmodlint_k_";
  /** More kernel macros than this for one file means something loops: the rest stay unexpanded. */
  private static final int MAX_PRIVATE_MACROS = 2000;

  /**
   * The kernel macros that define functions or objects where they are called. Tracepoint
   * macros are left alone: their headers are read several times with different definitions
   * ({@code <trace/define_trace.h>}), which a header index cannot reproduce.
   */
  private static final Pattern DEFINER = Pattern.compile(
      "(?:[A-Z][A-Z0-9_]*_)?(?:DECLARE|DEFINE)_[A-Z0-9_]+|[A-Z_][A-Z0-9_]*ATTR(?:_[A-Z0-9_]+)?"
          + "|[A-Z0-9_]*ATTRIBUTE_GROUPS|H?LIST_HEAD|LLIST_HEAD|[A-Z_]+_DEV_PM_OPS");
  private static final Pattern TRACING = Pattern.compile(
      "DEFINE_EVENT\\w*|DECLARE_EVENT_CLASS\\w*|DECLARE_TRACE\\w*|DEFINE_TRACE\\w*|TRACE_EVENT\\w*");
  /** What the target kernel's own synthetic files define: never taken from the headers. */
  private static final Set<String> KERNEL_DEFINED = Set.of("LINUX_VERSION_CODE", "KERNEL_VERSION",
      "LINUX_VERSION_MAJOR", "LINUX_VERSION_PATCHLEVEL", "LINUX_VERSION_SUBLEVEL", "UTS_RELEASE",
      "IS_ENABLED", "IS_BUILTIN", "IS_MODULE", "IS_REACHABLE", "__is_defined", "___is_defined", "____is_defined",
      "__or", "___or", "____or", "__and", "___and", "____and", "__take_second_arg", "__ARG_PLACEHOLDER_1",
      "__BIG_ENDIAN", "__LITTLE_ENDIAN", "__BIG_ENDIAN_BITFIELD", "__LITTLE_ENDIAN_BITFIELD");

  private final PreprocessorContext context;
  private final Set<String> preludeMacros;
  private final Names mainNames;
  private final Optional<Map<String, String>> config;
  private final Optional<KernelHeaders> headers;
  /** Names never renamed in a header macro's body: whatever defines them here must apply. */
  private final Set<String> keep = new HashSet<>();
  private CPreprocessor preprocessor;

  private final Set<String> configConsidered = new HashSet<>();
  private final Set<String> testConsidered = new HashSet<>();
  private final Set<String> callConsidered = new HashSet<>();
  private final Set<String> identities = new HashSet<>();
  private final Set<String> privateDefined = new HashSet<>();
  private final Set<String> expanded = new TreeSet<>();
  private final Set<String> filesRead = new HashSet<>();
  private final Set<String> undefinedInHeaders = new HashSet<>();

  ContextPreprocessor(PreprocessorContext context, Set<String> preludeMacros, char[] mainText) {
    this.context = context;
    this.preludeMacros = preludeMacros;
    this.config = context.kernel().flatMap(TargetKernel::config);
    this.headers = context.headers();
    keep.addAll(preludeMacros);
    keep.addAll(KERNEL_DEFINED);
    for (String k : context.flags().defines().keySet()) keep.add(macroName(k));
    keep.addAll(context.flags().undefines());
    this.mainNames = Names.of(mainText, true);
    keep.addAll(mainNames.defines);
  }

  /** Called with the parse's preprocessor before it reads anything. */
  void attach(CPreprocessor p) {
    this.preprocessor = p;
  }

  /** Kernel macros whose header definitions were expanded at their calls. */
  Set<String> expandedMacros() {
    return expanded;
  }

  /** The synthetic files, path to text, that the content provider serves. */
  Map<String, String> syntheticFiles() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(COMMAND_LINE, commandLine(context.flags()));
    context.kernel().ifPresent(k -> out.put(TARGET_KERNEL, targetKernel(k)));
    out.put(KERNEL_MACROS, "");
    return out;
  }

  /**
   * The {@code -imacros} files, in gcc's order: the command line, the build's {@code -imacros}
   * ({@code userMacroFiles}), then what stands for the kernel's {@code -include}s (target kernel,
   * prelude) and the main file's kernel macros.
   */
  String[] macroFiles(String prelude, List<Path> userMacroFiles) {
    List<String> out = new ArrayList<>();
    out.add(COMMAND_LINE);
    for (Path p : userMacroFiles) out.add(p.toString());
    if (context.kernel().isPresent()) out.add(TARGET_KERNEL);
    out.add(prelude);
    out.add(KERNEL_MACROS);
    return out.toArray(String[]::new);
  }

  /** {@code -I} directories inside {@code root}, in order. */
  static List<Path> includeDirs(CompileFlags flags, Path root, Path sourceDir) {
    List<Path> out = new ArrayList<>();
    for (Path d : flags.includeDirs()) {
      Path p = sourceDir.resolve(d).normalize();
      if (p.startsWith(root) && !out.contains(p)) out.add(p);
    }
    return out;
  }

  /** {@code files} ({@code -include}, {@code -imacros}) inside {@code root} that exist, in order. */
  static List<Path> existing(List<Path> files, Path root, Path sourceDir) {
    List<Path> out = new ArrayList<>();
    for (Path f : files) {
      Path p = sourceDir.resolve(f).normalize();
      if (p.startsWith(root) && Files.isRegularFile(p)) out.add(p);
    }
    return out;
  }

  /** A file of the tree has been read and is about to be preprocessed; {@code macros} is the state now. */
  void fileRead(String path, char[] text, IMacroDictionary macros) {
    if (preprocessor == null || !filesRead.add(path)) return;
    define(Names.of(text, headers.isPresent()), macros, false);
  }

  /** The same for a header of the run's {@link HeaderTexts}, whose names are scanned once per run. */
  void fileRead(String path, HeaderTexts.Header header, IMacroDictionary macros) {
    if (preprocessor == null || !filesRead.add(path)) return;
    define(header.names(headers.isPresent()), macros, false);
  }

  /** The main file's turn, once the command line, the target kernel and the prelude are in. */
  void mainFile(IMacroDictionary macros) {
    if (preprocessor == null) return;
    define(mainNames, macros, true);
  }

  private void define(Names names, IMacroDictionary macros, boolean main) {
    // the main file's CONFIG_ come from autoconf.h, read before anything but the command line
    if (config.isPresent()) for (String c : names.configs) config(c, macros, main);
    if (headers.isEmpty()) return;
    for (String name : names.definerCalls) call(name, macros);
    for (String name : names.calls)
      if (!DEFINER.matcher(name).matches() && headers.get().definesAtFileScope(name)) call(name, macros);
    for (String name : names.tested) tested(name, macros);
  }

  /**
   * The names of one file's text that a context may have to define, in one pass over it. Not
   * changed once made: a header's are shared by the parses of a run ({@link HeaderTexts}).
   */
  static final class Names {
    final Set<String> configs = new TreeSet<>();
    final Set<String> calls = new TreeSet<>();
    final Set<String> tested = new TreeSet<>();
    final Set<String> defines = new HashSet<>();
    /** The {@link #calls} of macros of the families that define at file scope ({@link #DEFINER}), in order. */
    List<String> definerCalls = List.of();

    static Names of(char[] t, boolean macros) {
      Names out = new Names();
      int n = t.length;
      boolean lineStart = true;
      int directiveEnd = -1; // inside an #if/#elif line: "defined X" is a test
      for (int i = 0; i < n; ) {
        char c = t[i];
        if (c == '\n') {
          lineStart = true;
          i++;
          continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
          i++;
          continue;
        }
        if (c == '#' && lineStart && macros) {
          int j = skipBlank(t, i + 1);
          int e = identifierEnd(t, j);
          String d = new String(t, j, e - j);
          if (d.equals("ifdef") || d.equals("ifndef")) {
            int k = skipBlank(t, e);
            int ke = identifierEnd(t, k);
            if (ke > k) out.tested.add(new String(t, k, ke - k));
          } else if (d.equals("if") || d.equals("elif")) {
            directiveEnd = lineEnd(t, e);
          } else if (d.equals("define")) {
            int k = skipBlank(t, e);
            int ke = identifierEnd(t, k);
            if (ke > k) out.defines.add(new String(t, k, ke - k));
          }
          lineStart = false;
          i = e;
          continue;
        }
        lineStart = false;
        if (Character.isLetter(c) || c == '_') {
          int e = identifierEnd(t, i);
          int len = e - i;
          if (len > 7 && t[i] == 'C' && startsWith(t, i, "CONFIG_")) {
            out.configs.add(new String(t, i, len));
          } else if (macros && i < directiveEnd && len == 7 && startsWith(t, i, "defined")) {
            int k = skipBlank(t, e);
            if (k < n && t[k] == '(') k = skipBlank(t, k + 1);
            int ke = identifierEnd(t, k);
            if (ke > k) out.tested.add(new String(t, k, ke - k));
          } else if (macros && (Character.isUpperCase(c) || c == '_')) {
            int k = skipBlank(t, e);
            if (k < n && t[k] == '(' && upper(t, i, e)) out.calls.add(new String(t, i, len));
          }
          i = e;
          continue;
        }
        i++;
      }
      out.definerCalls = out.calls.stream().filter(c -> DEFINER.matcher(c).matches()).toList();
      return out;
    }

    private static boolean upper(char[] t, int from, int to) {
      for (int i = from; i < to; i++) if (Character.isLowerCase(t[i])) return false;
      return true;
    }

    private static boolean startsWith(char[] t, int i, String s) {
      if (i + s.length() > t.length) return false;
      for (int k = 0; k < s.length(); k++) if (t[i + k] != s.charAt(k)) return false;
      return true;
    }

    private static int skipBlank(char[] t, int i) {
      while (i < t.length && (t[i] == ' ' || t[i] == '\t')) i++;
      return i;
    }

    private static int identifierEnd(char[] t, int i) {
      while (i < t.length && (Character.isLetterOrDigit(t[i]) || t[i] == '_')) i++;
      return i;
    }

    /** The end of a directive line, continuation lines included. */
    private static int lineEnd(char[] t, int i) {
      while (i < t.length) {
        if (t[i] == '\n' && (i == 0 || t[i - 1] != '\\') && !(i >= 2 && t[i - 1] == '\r' && t[i - 2] == '\\')) return i;
        i++;
      }
      return i;
    }
  }

  private void config(String name, IMacroDictionary macros, boolean force) {
    if (!configConsidered.add(name)) return;
    if (!force && isDefined(macros, name)) return;
    Map<String, String> c = config.get();
    String v = c.get(name);
    if (v != null && !v.equals("n")) {
      if (v.equals("y")) add(name, "1");
      else if (!v.equals("m")) add(name, v);
    }
    if (name.endsWith("_MODULE")) {
      String base = name.substring(0, name.length() - "_MODULE".length());
      if ("m".equals(c.get(base))) add(name, "1");
    }
    if ("m".equals(v) && configConsidered.add(name + "_MODULE")) add(name + "_MODULE", "1");
  }

  /** {@code #ifdef name}: defined when a kernel header defines it. */
  private void tested(String name, IMacroDictionary macros) {
    if (!testConsidered.add(name) || excluded(name) || isDefined(macros, name)) return;
    if (headers.get().definesMacro(name)) {
      add(name, name);
      identities.add(name);
    }
  }

  /** {@code DECLARE_EWMA(x, ...)}: the header's definition, and privately what its body expands. */
  private void call(String name, IMacroDictionary macros) {
    if (!callConsidered.add(name) || excluded(name) || TRACING.matcher(name).matches()) return;
    if (isDefined(macros, name) && !identities.contains(name)) return;
    Optional<MacroDefinition> def = headers.get().macroDefinition(name).flatMap(MacroDefinition::parse)
        .filter(d -> d.name().equals(name));
    if (def.isEmpty()) return;
    Deque<MacroDefinition> work = new ArrayDeque<>();
    List<MacroDefinition> out = new ArrayList<>();
    work.add(def.get());
    boolean root = true;
    while (!work.isEmpty()) {
      MacroDefinition d = work.poll();
      String own = root ? d.name() : PRIVATE + d.name();
      root = false;
      for (String id : d.expandableIdentifiers()) {
        if (!renamed(id) || privateDefined.contains(id) || undefinedInHeaders.contains(id)
            || privateDefined.size() >= MAX_PRIVATE_MACROS) continue;
        Optional<MacroDefinition> inner = headers.get().macroDefinition(id).flatMap(MacroDefinition::parse)
            .filter(x -> x.name().equals(id));
        if (inner.isEmpty()) {
          undefinedInHeaders.add(id);
          continue;
        }
        privateDefined.add(id);
        work.add(inner.get());
      }
      out.add(d.renamed(own, PRIVATE, id -> renamed(id) && privateDefined.contains(id)));
    }
    // the innermost first, for readability of a dump; CDT looks names up at expansion time anyway
    for (int i = out.size() - 1; i >= 0; i--) {
      MacroDefinition d = out.get(i);
      if (config.isPresent())
        for (String t : d.body()) if (t.startsWith("CONFIG_")) config(t, null, false);
      add(d.key(), d.bodyText());
    }
    identities.remove(name);
    expanded.add(name);
  }

  /** Whether a header macro's body refers to {@code id} under a private name (else as written). */
  private boolean renamed(String id) {
    return !keep.contains(id) && !id.startsWith("CONFIG_") && !id.startsWith(PRIVATE) && !id.startsWith("__kmodlint_");
  }

  private boolean excluded(String name) {
    return preludeMacros.contains(name) || KERNEL_DEFINED.contains(name) || name.startsWith("CONFIG_")
        || name.startsWith("__kmodlint_");
  }

  private void add(String key, String body) {
    preprocessor.addMacroDefinition(key.toCharArray(), body.toCharArray());
  }

  private static boolean isDefined(IMacroDictionary macros, String name) {
    if (macros == null) return false;
    char[] n = name.toCharArray();
    return macros.satisfies(new ISignificantMacros() {
      @Override
      public boolean accept(IVisitor visitor) {
        return visitor.visitDefined(n);
      }

      @Override
      public char[] encode() {
        return n;
      }
    });
  }

  private static String macroName(String key) {
    int p = key.indexOf('(');
    return (p < 0 ? key : key.substring(0, p)).strip();
  }

  /** {@code -D} then {@code -U}, as lines of a macro file. */
  static String commandLine(CompileFlags flags) {
    StringBuilder sb = new StringBuilder();
    flags.defines().forEach((k, v) ->
        sb.append("#define ").append(k.strip()).append(' ').append(v.replace('\n', ' ').replace('\r', ' ')).append('\n'));
    for (String u : flags.undefines()) sb.append("#undef ").append(u.strip()).append('\n');
    return sb.toString();
  }

  /**
   * include/generated/uapi/linux/version.h, generated/utsrelease.h, the architecture's
   * predefined compiler macros and, with a known configuration, include/linux/kconfig.h (whose
   * {@code CONFIG_} symbols come lazily, see {@link #define}).
   */
  static String targetKernel(TargetKernel k) {
    StringBuilder sb = new StringBuilder();
    sb.append("#define LINUX_VERSION_CODE ").append(k.versionCode()).append('\n');
    sb.append("#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))\n");
    sb.append("#define LINUX_VERSION_MAJOR ").append(k.version()).append('\n');
    sb.append("#define LINUX_VERSION_PATCHLEVEL ").append(k.patchLevel()).append('\n');
    sb.append("#define LINUX_VERSION_SUBLEVEL ").append(k.subLevel()).append('\n');
    sb.append("#define UTS_RELEASE \"").append(k.release().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    Map<String, String> c = k.config().orElse(Map.of());
    boolean bits64 = k.config().isPresent() ? "y".equals(c.get("CONFIG_64BIT"))
        : k.arch().equals("arm64") || k.release().matches(".*(amd64|x86_64|arm64|aarch64).*");
    for (String m : archMacros(k.arch(), bits64)) sb.append("#define ").append(m).append(" 1\n");
    if (bits64) sb.append("#define __LP64__ 1\n#define _LP64 1\n");
    if (k.config().isPresent()) {
      // include/linux/kconfig.h: IS_ENABLED() and friends work on symbols that may be undefined,
      // by pasting __ARG_PLACEHOLDER_ onto the value: only "1" turns into "0," and shifts "1" in
      sb.append("""
          #define __ARG_PLACEHOLDER_1 0,
          #define __take_second_arg(__ignored, val, ...) val
          #define __and(x, y) ___and(x, y)
          #define ___and(x, y) ____and(__ARG_PLACEHOLDER_##x, y)
          #define ____and(arg1_or_junk, y) __take_second_arg(arg1_or_junk y, 0)
          #define __or(x, y) ___or(x, y)
          #define ___or(x, y) ____or(__ARG_PLACEHOLDER_##x, y)
          #define ____or(arg1_or_junk, y) __take_second_arg(arg1_or_junk 1, y)
          #define __is_defined(x) ___is_defined(x)
          #define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
          #define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
          #define IS_BUILTIN(option) __is_defined(option)
          #define IS_MODULE(option) __is_defined(option##_MODULE)
          #define IS_REACHABLE(option) __or(IS_BUILTIN(option), __and(IS_MODULE(option), __is_defined(MODULE)))
          #define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))
          """);
      boolean big = "y".equals(c.get("CONFIG_CPU_BIG_ENDIAN"));
      // kconfig.h's byte order, and <asm/byteorder.h>'s bitfield order that nearly every module gets
      sb.append(big ? "#define __BIG_ENDIAN 4321\n#define __BIG_ENDIAN_BITFIELD\n"
          : "#define __LITTLE_ENDIAN 1234\n#define __LITTLE_ENDIAN_BITFIELD\n");
    }
    return sb.toString();
  }

  /** What gcc predefines for the kernel's architecture. */
  private static List<String> archMacros(String arch, boolean bits64) {
    return switch (arch) {
      case "x86" -> bits64 ? List.of("__x86_64__", "__x86_64") : List.of("__i386__", "__i386");
      case "arm64" -> List.of("__aarch64__");
      case "arm" -> List.of("__arm__");
      case "powerpc" -> bits64 ? List.of("__powerpc__", "__powerpc64__") : List.of("__powerpc__");
      case "riscv" -> List.of("__riscv");
      case "s390" -> List.of("__s390__", "__s390x__");
      case "mips" -> List.of("__mips__");
      case "loongarch" -> List.of("__loongarch__");
      case "sparc" -> List.of("__sparc__");
      default -> List.of();
    };
  }
}
