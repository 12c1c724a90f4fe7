package dev.kmodlint.c;

import dev.kmodlint.kernel.HeaderFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTASMDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTFunctionStyleMacroParameter;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorFunctionStyleMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.index.IIndexFileLocation;
import org.eclipse.cdt.core.model.ILanguage;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.NullLogService;
import org.eclipse.cdt.internal.core.parser.IMacroDictionary;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContent;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContentProvider;

/**
 * Reads the headers of a kernel build directory with CDT and collects {@link HeaderFacts}.
 * The headers are parsed as kbuild compiles a module (same include paths, {@code kconfig.h}
 * and {@code compiler_types.h} first, {@code __KERNEL__} and {@code MODULE}), in batches of
 * synthetic translation units that each include a slice of the headers: a header that
 * derails the parser costs its batch, not the run, and memory stays bounded. The
 * architecture is x86_64, the one the embedded kernel and Debian's amd64 headers are for.
 */
public final class HeaderIndexer {
  /** Where the headers are: kbuild's include path, and every header to index, in order. */
  public record Layout(Path buildDir, Path sourceDir, List<Path> includePath, List<String> headers) {
    public Layout {
      includePath = List.copyOf(includePath);
      headers = List.copyOf(headers);
    }
  }

  /**
   * Facts plus what went wrong on the way (a batch that timed out, crashed CDT...);
   * {@code switchedOff} headers were left out as off in this configuration.
   */
  public record Result(HeaderFacts facts, List<String> problems, int batches, int headers, int switchedOff) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  /** Directories of include/ whose headers modules include. */
  private static final List<String> SUBSYSTEMS = List.of("linux", "net", "drm", "media", "sound", "scsi",
      "crypto", "acpi", "rdma", "video", "xen", "keys", "soc", "kunit", "target", "pcmcia", "memory", "misc");
  /**
   * Headers that are not meant for inclusion where the others are: another compiler's
   * definitions, the other byte order, templates and trace-event headers that expand
   * differently each time they are included.
   */
  private static final Pattern EXCLUDED = Pattern.compile(
      "linux/compiler-clang\\.h|.*/big_endian\\.h|linux/unaligned/(?:be|le)_.*|.*-template\\.h|.*_template\\.h"
      + "|linux/atomic/.*|linux/raid/pq\\.h|.*/trace/.*|linux/netfilter/.*_tables\\.h");
  private static final Pattern WORD = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'"
      + "|(\\.|->)?\\s*([A-Za-z_][A-Za-z0-9_]*)");
  /** Identifiers of asm operands; strings (templates, constraints) and [symbolic names] are not symbols. */
  private static final Pattern ASM_OPERAND = Pattern.compile(
      "\"(?:[^\"\\\\]|\\\\.)*\"|\\[\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\]|(?<![.>])\\b([A-Za-z_][A-Za-z0-9_]*)\\b");
  /** What gcc 12 on x86_64 predefines that the kernel headers test. */
  private static final Map<String, String> PREDEFINED = predefined();
  /** The include directories of kbuild's LINUXINCLUDE, relative to the build or source tree. */
  private static final List<String> LINUXINCLUDE = List.of("arch/x86/include", "arch/x86/include/generated",
      "include", "arch/x86/include/uapi", "arch/x86/include/generated/uapi", "include/uapi",
      "include/generated/uapi");

  private static final String SYNTHETIC = "__kmodlint_headers__.c";

  private final Duration batchTimeout;
  private final int batchSize;

  public HeaderIndexer(Duration batchTimeout, int batchSize) {
    this.batchTimeout = batchTimeout;
    this.batchSize = batchSize;
  }

  /**
   * The layout of a build directory: a full tree, or Debian's split one where the build
   * directory holds the generated headers and its Makefile includes the common tree's.
   */
  public static Layout layout(Path kdir) throws IOException {
    Path build = kdir.toAbsolutePath().normalize();
    if (!Files.isDirectory(build)) throw new IOException(kdir + ": not a directory");
    Path source = build;
    Path makefile = build.resolve("Makefile");
    if (Files.isSymbolicLink(build.resolve("source"))) {
      source = build.resolve("source").toRealPath();
    } else if (Files.isRegularFile(makefile)) {
      Matcher m = Pattern.compile("(?m)^include\\s+(\\S+)/Makefile\\s*$")
          .matcher(Files.readString(makefile, StandardCharsets.ISO_8859_1));
      if (m.find() && Files.isDirectory(Path.of(m.group(1)))) source = Path.of(m.group(1)).normalize();
    }
    if (!Files.isRegularFile(source.resolve("include/linux/kconfig.h")))
      throw new IOException(kdir + ": no include/linux/kconfig.h here or in its source tree (not a kernel build directory)");
    Path autoconf = build.resolve("include/generated/autoconf.h");
    if (!Files.isRegularFile(autoconf))
      throw new IOException(kdir + ": no include/generated/autoconf.h (the kernel is not configured)");
    if (!Pattern.compile("(?m)^#define CONFIG_X86_64 1$").matcher(Files.readString(autoconf, StandardCharsets.ISO_8859_1)).find())
      throw new IOException(kdir + ": not an x86_64 kernel (no CONFIG_X86_64); kmodlint index reads x86_64 headers only");
    List<Path> path = new ArrayList<>();
    for (String rel : LINUXINCLUDE) {
      for (Path root : source.equals(build) ? List.of(build) : List.of(build, source)) {
        Path dir = root.resolve(rel);
        if (Files.isDirectory(dir)) path.add(dir);
      }
    }
    List<String> headers = new ArrayList<>();
    Path include = source.resolve("include");
    for (String sub : SUBSYSTEMS) {
      Path dir = include.resolve(sub);
      if (!Files.isDirectory(dir)) continue;
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(p -> p.toString().endsWith(".h") && Files.isRegularFile(p))
            .map(p -> include.relativize(p).toString())
            .filter(rel -> !EXCLUDED.matcher(rel).matches())
            .sorted()
            .forEach(headers::add);
      }
    }
    return new Layout(build, source, path, headers);
  }

  /**
   * Parses every header of the layout in two passes. The first only learns which headers
   * this configuration switches off: {@code spinlock_rt.h} is included by {@code spinlock.h}
   * only under {@code CONFIG_PREEMPT_RT}; included directly, it would redefine
   * {@code spin_lock_init} the RT way. The second pass reads the others, bodies included.
   * {@code progress} hears one line per batch.
   */
  public Result index(Layout layout, Consumer<String> progress) {
    List<String> problems = new ArrayList<>();
    Inclusions inclusions = new Inclusions(layout);
    runBatches(layout, layout.headers(), true, () -> new Inclusions(layout), Inclusions::collect,
        inclusions::merge, problems,
        label -> progress.accept("pass 1, " + label + ": " + inclusions.switchedOff().size() + " headers off so far"));
    Set<String> off = inclusions.switchedOff();
    List<String> on = layout.headers().stream().filter(h -> !off.contains(h)).toList();
    Collector c = new Collector();
    int batches = runBatches(layout, on, false, Collector::new, Collector::collect, c::merge, problems,
        label -> progress.accept(String.format(java.util.Locale.ROOT, "pass 2, %s: %d macros, %d functions, %d externs",
            label, c.macros.size(), c.functions.size(), c.externFunctions.size())));
    return new Result(c.facts(), problems, batches, on.size(), layout.headers().size() - on.size());
  }

  /**
   * Parses {@code headers} in batches on a worker thread with a deep stack (the AST walks
   * recurse as deep as the parser did): each batch is extracted into a {@code fresh} part
   * there, and merged here once complete, so a batch given up on leaves nothing behind.
   * Returns the batch count.
   */
  private <T> int runBatches(Layout layout, List<String> headers, boolean skipBodies, Supplier<T> fresh,
      BiConsumer<T, IASTTranslationUnit> extract, Consumer<T> merge, List<String> problems,
      Consumer<String> progress) {
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < headers.size(); i += batchSize)
      batches.add(headers.subList(i, Math.min(headers.size(), i + batchSize)));
    ExecutorService worker = newWorker();
    try {
      int n = 0;
      for (List<String> batch : batches) {
        n++;
        long t0 = System.nanoTime();
        Future<T> f = worker.submit(() -> {
          T part = fresh.get();
          extract.accept(part, parse(layout, batch, skipBodies));
          return part;
        });
        String label = "batch " + n + "/" + batches.size() + " (" + batch.get(0) + " .. " + batch.get(batch.size() - 1) + ")";
        try {
          merge.accept(f.get(batchTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
          f.cancel(true);
          problems.add(label + ": gave up after " + batchTimeout.toSeconds() + "s");
          // a parse that ignores interruption keeps the old worker busy: use a new one
          worker.shutdownNow();
          worker = newWorker();
        } catch (ExecutionException e) {
          problems.add(label + ": " + (e.getCause() instanceof StackOverflowError ? "stack overflow" : e.getCause()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          problems.add(label + ": interrupted");
          break;
        }
        progress.accept(String.format(java.util.Locale.ROOT, "%s %.1fs", label, (System.nanoTime() - t0) / 1e9));
      }
    } finally {
      worker.shutdownNow();
    }
    return batches.size();
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      // the kernel's macro nesting is deep and CDT recurses on it
      Thread t = new Thread(null, r, "kmodlint-header-indexer", 512L << 20);
      t.setDaemon(true);
      return t;
    });
  }

  private IASTTranslationUnit parse(Layout layout, List<String> batch, boolean skipBodies) throws Exception {
    StringBuilder src = new StringBuilder();
    for (String first : List.of("linux/compiler-version.h", "linux/kconfig.h", "linux/compiler_types.h",
        "linux/kernel.h", "linux/module.h")) {
      if (Files.isRegularFile(layout.sourceDir().resolve("include").resolve(first)))
        src.append("#include <").append(first).append(">\n");
    }
    for (String h : batch) src.append("#include <").append(h).append(">\n");
    String tuPath = layout.buildDir().resolve(SYNTHETIC).toString();
    String[] include = layout.includePath().stream().map(Path::toString).toArray(String[]::new);
    ExtendedScannerInfo info = new ExtendedScannerInfo(PREDEFINED, include, new String[0], null, new String[0]);
    int options = ILanguage.OPTION_NO_IMAGE_LOCATIONS | (skipBodies ? ILanguage.OPTION_SKIP_FUNCTION_BODIES : 0);
    return GCCLanguage.getDefault().getASTTranslationUnit(
        FileContent.create(tuPath, src.toString().toCharArray()), info, new HeaderContentProvider(), null,
        options, new NullLogService());
  }

  /**
   * Which headers kernel headers include, actively or only in branches this configuration
   * switches off. A header only ever included from a switched-off branch is itself off.
   */
  private static final class Inclusions {
    final Path include;
    final Set<String> active = new HashSet<>();
    final Set<String> inactive = new HashSet<>();

    Inclusions(Layout layout) {
      this.include = layout.sourceDir().resolve("include");
    }

    void collect(IASTTranslationUnit tu) {
      for (IASTPreprocessorIncludeStatement inc : tu.getIncludeDirectives()) {
        String from = inc.getContainingFilename();
        if (from.endsWith(SYNTHETIC)) continue;
        if (inc.isActive()) {
          if (inc.isResolved()) relative(Path.of(inc.getPath())).ifPresent(active::add);
        } else {
          String name = inc.getName().toString();
          Path target = inc.isSystemInclude() ? include.resolve(name) : Path.of(from).resolveSibling(name);
          relative(target.normalize()).ifPresent(inactive::add);
        }
      }
    }

    private java.util.Optional<String> relative(Path p) {
      return p.startsWith(include) ? java.util.Optional.of(include.relativize(p).toString()) : java.util.Optional.empty();
    }

    void merge(Inclusions part) {
      active.addAll(part.active);
      inactive.addAll(part.inactive);
    }

    Set<String> switchedOff() {
      Set<String> off = new HashSet<>(inactive);
      off.removeAll(active);
      return off;
    }
  }

  /** Serves any readable file: unlike a module's parse, here the kernel headers are the point. */
  private static final class HeaderContentProvider extends InternalFileContentProvider {
    @Override
    public boolean getInclusionExists(String path) {
      Path p = Path.of(path);
      return Files.isRegularFile(p) && Files.isReadable(p);
    }

    @Override
    public InternalFileContent getContentForInclusion(String path, IMacroDictionary macros) {
      if (!getInclusionExists(path)) return null;
      return (InternalFileContent) FileContent.createForExternalFileLocation(path);
    }

    @Override
    public InternalFileContent getContentForInclusion(IIndexFileLocation ifl, String astPath) {
      return getContentForInclusion(astPath, null);
    }
  }

  /** Accumulates facts over batches; a name seen in several batches keeps every reference. */
  private static final class Collector {
    final Map<String, Set<String>> macros = new HashMap<>();
    final Set<String> functionMacros = new HashSet<>();
    final Map<String, Set<String>> functions = new HashMap<>();
    final Set<String> externFunctions = new HashSet<>();
    final Set<String> externVariables = new HashSet<>();
    final Map<String, String> names = new HashMap<>();

    void collect(IASTTranslationUnit tu) {
      for (IASTPreprocessorMacroDefinition m : tu.getMacroDefinitions()) macro(m);
      for (IASTDeclaration d : tu.getDeclarations()) {
        if (d instanceof IASTFunctionDefinition fd) function(fd);
        else if (d instanceof IASTSimpleDeclaration sd) prototype(sd);
      }
    }

    private void macro(IASTPreprocessorMacroDefinition m) {
      String name = m.getName().toString();
      Set<String> params = new HashSet<>();
      if (m instanceof IASTPreprocessorFunctionStyleMacroDefinition fm) {
        functionMacros.add(intern(name));
        for (IASTFunctionStyleMacroParameter p : fm.getParameters()) params.add(p.getParameter());
        params.add("__VA_ARGS__");
      }
      Set<String> refs = macros.computeIfAbsent(intern(name), k -> new HashSet<>());
      Matcher w = WORD.matcher(m.getExpansion());
      while (w.find()) {
        String word = w.group(2);
        // members (x.name, p->name) and parameters are not symbols
        if (word == null || w.group(1) != null || params.contains(word)) continue;
        refs.add(intern(word));
      }
    }

    private void function(IASTFunctionDefinition fd) {
      String name = innermost(fd.getDeclarator()).getName().toString();
      if (name.isEmpty()) return;
      Set<String> locals = new HashSet<>();
      Set<String> used = new HashSet<>();
      fd.accept(new LiveCode(locals, used));
      used.removeAll(locals);
      Set<String> refs = functions.computeIfAbsent(intern(name), k -> new HashSet<>());
      for (String u : used) refs.add(intern(u));
    }

    private void prototype(IASTSimpleDeclaration sd) {
      IASTDeclSpecifier spec = sd.getDeclSpecifier();
      int sc = spec.getStorageClass();
      if (sc == IASTDeclSpecifier.sc_typedef || sc == IASTDeclSpecifier.sc_static || spec.isInline()) return;
      for (IASTDeclarator d : sd.getDeclarators()) {
        String name = innermost(d).getName().toString();
        if (name.isEmpty()) continue;
        if (d instanceof IASTFunctionDeclarator && d.getNestedDeclarator() == null) externFunctions.add(intern(name));
        else if (sc == IASTDeclSpecifier.sc_extern) externVariables.add(intern(name));
      }
    }

    void merge(Collector part) {
      part.macros.forEach((k, v) -> {
        Set<String> refs = macros.computeIfAbsent(intern(k), x -> new HashSet<>());
        for (String r : v) refs.add(intern(r));
      });
      part.functions.forEach((k, v) -> {
        Set<String> refs = functions.computeIfAbsent(intern(k), x -> new HashSet<>());
        for (String r : v) refs.add(intern(r));
      });
      for (String m : part.functionMacros) functionMacros.add(intern(m));
      for (String f : part.externFunctions) externFunctions.add(intern(f));
      for (String v : part.externVariables) externVariables.add(intern(v));
    }

    private String intern(String s) {
      return names.computeIfAbsent(s, k -> k);
    }

    HeaderFacts facts() {
      Map<String, Set<String>> m = new LinkedHashMap<>();
      macros.forEach((k, v) -> m.put(k, Set.copyOf(v)));
      Map<String, Set<String>> f = new LinkedHashMap<>();
      functions.forEach((k, v) -> f.put(k, Set.copyOf(v)));
      return new HeaderFacts(m, functionMacros, f, externFunctions, externVariables);
    }
  }

  /**
   * Collects declared and used names, leaving out code the compiler drops: the dead side of
   * {@code if (0)}, {@code 0 && x}, {@code 1 || x}, {@code 0 ? a : b}, and the operands of
   * {@code sizeof}/{@code typeof}/{@code _Alignof}. Config tests become such constants after preprocessing
   * ({@code RCU_LOCKDEP_WARN(!rcu_is_watching(), ...)} is {@code 0 && (...)} without
   * PROVE_RCU), and modpost never sees a reference the compiler dropped.
   */
  private static final class LiveCode extends ASTVisitor {
    final Set<String> declared;
    final Set<String> used;

    LiveCode(Set<String> declared, Set<String> used) {
      this.declared = declared;
      this.used = used;
      shouldVisitDeclarators = true;
      shouldVisitExpressions = true;
      shouldVisitStatements = true;
      shouldVisitDeclSpecifiers = true;
      shouldVisitDeclarations = true;
    }

    /**
     * CDT keeps {@code asm} as text; its operands still reference symbols ({@code "+m"
     * (__preempt_count)} is how x86 per-CPU accessors reach a variable).
     */
    @Override
    public int visit(IASTDeclaration d) {
      if (d instanceof IASTASMDeclaration asm) {
        Matcher w = ASM_OPERAND.matcher(asm.getAssembly());
        while (w.find()) if (w.group(1) != null) used.add(w.group(1));
      }
      return PROCESS_CONTINUE;
    }

    @Override
    public int visit(IASTDeclSpecifier spec) {
      boolean typeOf = spec instanceof IASTSimpleDeclSpecifier s && s.getDeclTypeExpression() != null;
      return typeOf ? PROCESS_SKIP : PROCESS_CONTINUE;
    }

    @Override
    public int visit(IASTDeclarator d) {
      declared.add(d.getName().toString());
      return PROCESS_CONTINUE;
    }

    @Override
    public int visit(IASTStatement st) {
      if (st instanceof IASTIfStatement is) {
        OptionalLong c = constant(is.getConditionExpression());
        if (c.isPresent()) {
          IASTStatement live = c.getAsLong() != 0 ? is.getThenClause() : is.getElseClause();
          if (live != null) live.accept(this);
          return PROCESS_SKIP;
        }
      }
      return PROCESS_CONTINUE;
    }

    @Override
    public int visit(IASTExpression e) {
      if (e instanceof IASTIdExpression id) {
        used.add(id.getName().toString());
      } else if (e instanceof IASTBinaryExpression b
          && (b.getOperator() == IASTBinaryExpression.op_logicalAnd || b.getOperator() == IASTBinaryExpression.op_logicalOr)) {
        OptionalLong left = constant(b.getOperand1());
        boolean and = b.getOperator() == IASTBinaryExpression.op_logicalAnd;
        if (left.isPresent() && (left.getAsLong() == 0) == and) return PROCESS_SKIP;
      } else if (e instanceof IASTConditionalExpression ce) {
        OptionalLong c = constant(ce.getLogicalConditionExpression());
        if (c.isPresent()) {
          IASTExpression live = c.getAsLong() != 0 ? ce.getPositiveResultExpression() : ce.getNegativeResultExpression();
          if (live != null) live.accept(this);
          return PROCESS_SKIP;
        }
      } else if (e instanceof IASTUnaryExpression u && (u.getOperator() == IASTUnaryExpression.op_sizeof
          || u.getOperator() == IASTUnaryExpression.op_alignOf || u.getOperator() == IASTUnaryExpression.op_typeof)) {
        return PROCESS_SKIP;
      } else if (e instanceof IASTTypeIdExpression) {
        return PROCESS_SKIP;
      }
      return PROCESS_CONTINUE;
    }

    /** The value of an integer constant expression made of literals, !, &&, ||, ==, != and parentheses. */
    static OptionalLong constant(IASTExpression e) {
      if (e instanceof IASTLiteralExpression lit && lit.getKind() == IASTLiteralExpression.lk_integer_constant) {
        String v = new String(lit.getValue()).toLowerCase(java.util.Locale.ROOT).replaceAll("[ul]+$", "");
        try {
          return OptionalLong.of(v.startsWith("0x") ? Long.parseLong(v.substring(2), 16)
              : v.length() > 1 && v.startsWith("0") ? Long.parseLong(v.substring(1), 8) : Long.parseLong(v));
        } catch (NumberFormatException ex) {
          return OptionalLong.empty();
        }
      }
      if (e instanceof IASTUnaryExpression u) {
        OptionalLong x = constant(u.getOperand());
        if (x.isEmpty()) return x;
        return switch (u.getOperator()) {
          case IASTUnaryExpression.op_bracketedPrimary -> x;
          case IASTUnaryExpression.op_not -> OptionalLong.of(x.getAsLong() == 0 ? 1 : 0);
          default -> OptionalLong.empty();
        };
      }
      if (e instanceof IASTBinaryExpression b) {
        OptionalLong l = constant(b.getOperand1());
        OptionalLong r = constant(b.getOperand2());
        int op = b.getOperator();
        if (op == IASTBinaryExpression.op_logicalAnd && l.isPresent() && l.getAsLong() == 0) return OptionalLong.of(0);
        if (op == IASTBinaryExpression.op_logicalOr && l.isPresent() && l.getAsLong() != 0) return OptionalLong.of(1);
        if (l.isEmpty() || r.isEmpty()) return OptionalLong.empty();
        return switch (op) {
          case IASTBinaryExpression.op_logicalAnd -> OptionalLong.of(r.getAsLong() != 0 ? 1 : 0);
          case IASTBinaryExpression.op_logicalOr -> OptionalLong.of(r.getAsLong() != 0 ? 1 : 0);
          case IASTBinaryExpression.op_equals -> OptionalLong.of(l.getAsLong() == r.getAsLong() ? 1 : 0);
          case IASTBinaryExpression.op_notequals -> OptionalLong.of(l.getAsLong() != r.getAsLong() ? 1 : 0);
          default -> OptionalLong.empty();
        };
      }
      return OptionalLong.empty();
    }
  }

  private static IASTDeclarator innermost(IASTDeclarator d) {
    while (d.getNestedDeclarator() != null) d = d.getNestedDeclarator();
    return d;
  }

  private static Map<String, String> predefined() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String def : List.of("__GNUC__=12", "__GNUC_MINOR__=2", "__GNUC_PATCHLEVEL__=0", "__STDC__=1",
        "__STDC_VERSION__=201112L", "__x86_64__=1", "__x86_64=1", "__amd64__=1", "__linux__=1", "__linux=1",
        "__unix__=1", "__ELF__=1", "__LP64__=1", "_LP64=1", "__CHAR_BIT__=8", "__SIZEOF_INT__=4",
        "__SIZEOF_LONG__=8", "__SIZEOF_LONG_LONG__=8", "__SIZEOF_POINTER__=8", "__SIZEOF_SHORT__=2",
        "__SIZEOF_INT128__=16", "__SIZEOF_SIZE_T__=8", "__ORDER_LITTLE_ENDIAN__=1234",
        "__ORDER_BIG_ENDIAN__=4321", "__BYTE_ORDER__=__ORDER_LITTLE_ENDIAN__", "__KERNEL__=1", "MODULE=1",
        "KBUILD_MODNAME=\"kmodlint\"", "KBUILD_BASENAME=\"kmodlint\"",
        "CC_USING_FENTRY=1", "__GCC_ASM_FLAG_OUTPUTS__=1")) {
      int eq = def.indexOf('=');
      m.put(def.substring(0, eq), def.substring(eq + 1));
    }
    return Map.copyOf(m);
  }
}
