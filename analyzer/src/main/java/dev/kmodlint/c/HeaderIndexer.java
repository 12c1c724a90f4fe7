package dev.kmodlint.c;

import dev.kmodlint.model.HeaderFacts;
import dev.kmodlint.model.HeaderFacts.Arity;
import dev.kmodlint.model.NamespaceConventions;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTASMDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator;
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
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorFunctionStyleMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.dom.parser.c.GCCScannerExtensionConfiguration;
import org.eclipse.cdt.core.index.IIndexFileLocation;
import org.eclipse.cdt.core.model.ILanguage;
import org.eclipse.cdt.core.dom.parser.IScannerExtensionConfiguration;
import org.eclipse.cdt.core.parser.EndOfFileException;
import org.eclipse.cdt.core.parser.IToken;
import org.eclipse.cdt.core.parser.OffsetLimitReachedException;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.NullLogService;
import org.eclipse.cdt.core.parser.ParserLanguage;
import org.eclipse.cdt.internal.core.dom.parser.c.CNodeFactory;
import org.eclipse.cdt.internal.core.parser.IMacroDictionary;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;
import org.eclipse.cdt.internal.core.parser.scanner.CharArray;
import org.eclipse.cdt.internal.core.parser.scanner.ILexerLog;
import org.eclipse.cdt.internal.core.parser.scanner.Lexer;
import org.eclipse.cdt.internal.core.parser.scanner.Token;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContent;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContentProvider;
import org.eclipse.cdt.internal.core.util.ICancelable;
import org.eclipse.cdt.internal.core.util.ICanceler;

/**
 * Reads the headers of a kernel build directory with CDT and collects {@link HeaderFacts}.
 * The headers are parsed as kbuild compiles a module (same include paths, {@code kconfig.h}
 * and {@code compiler_types.h} first, {@code __KERNEL__} and {@code MODULE}), in batches of
 * synthetic translation units that each include a slice of the headers: a header that
 * derails the parser costs its batch, not the run, and memory stays bounded. Batches run on
 * all cores and are merged in batch order, so the facts are the same for any number of
 * threads. The architecture is x86_64, the one the embedded kernels and Debian's amd64
 * headers are for: its {@code asm/} headers are indexed too, and the names of all headers on
 * the include path are kept, for {@code __has_include}.
 */
public final class HeaderIndexer {
  /**
   * Where the headers are: kbuild's include path, and every header to index, in order:
   * {@code headers} of include/'s subsystems, then {@code archHeaders}, the architecture's
   * {@code asm/} ones. Which headers the configuration switches off is learnt from reading the
   * former (as the headers of include/ include the architecture's, under the configuration's
   * conditions); an {@code asm/} header they never reach is on, as it is for a module that
   * includes it ({@code asm/amd_nb.h}), unless only headers that are off include it
   * ({@code asm/pgtable-2level.h}, which only the 32-bit {@code asm/pgtable_32.h} includes).
   */
  public record Layout(Path buildDir, Path sourceDir, List<Path> includePath, List<String> headers,
      List<String> archHeaders) {
    public Layout {
      includePath = List.copyOf(includePath);
      headers = List.copyOf(headers);
      archHeaders = List.copyOf(archHeaders);
    }

    public Layout(Path buildDir, Path sourceDir, List<Path> includePath, List<String> headers) {
      this(buildDir, sourceDir, includePath, headers, List.of());
    }

    /** {@link #headers} then {@link #archHeaders}. */
    public List<String> allHeaders() {
      List<String> out = new ArrayList<>(headers);
      out.addAll(archHeaders);
      return out;
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

  /**
   * The architecture's include directories that hold {@code asm/} (of the build or the source
   * tree): {@code <asm/amd_nb.h>}, {@code <asm/intel-family.h>}... modules include, which no
   * header of {@code include/} may reach.
   */
  private static final List<String> ARCH_INCLUDE = List.of("arch/x86/include", "arch/x86/include/generated",
      "arch/x86/include/uapi", "arch/x86/include/generated/uapi");
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
      + "|linux/atomic/.*|linux/raid/pq\\.h|.*/trace/.*|linux/netfilter/.*_tables\\.h"
      // for assembler sources only: its EXPORT_SYMBOL is an assembler macro's
      + "|asm/export\\.h"
      // lists of X(...) lines, read with X defined by the file that includes them
      + "|asm/syscalls_\\w+\\.h|asm/xen-hypercalls\\.h");
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
  private final int workers;

  public HeaderIndexer(Duration batchTimeout, int batchSize) {
    this(batchTimeout, batchSize, defaultWorkers());
  }

  /** {@code workers} batches are parsed at once; the result is the same for any number. */
  public HeaderIndexer(Duration batchTimeout, int batchSize, int workers) {
    this.batchTimeout = batchTimeout;
    this.batchSize = Math.max(1, batchSize);
    this.workers = Math.max(1, workers);
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
      // followed links: Ubuntu's include/linux and the like link into the unflavoured tree
      try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
        s.filter(p -> p.toString().endsWith(".h") && Files.isRegularFile(p))
            .map(p -> include.relativize(p).toString())
            .filter(rel -> !EXCLUDED.matcher(rel).matches())
            .sorted()
            .forEach(headers::add);
      } catch (java.io.UncheckedIOException e) {
        throw new IOException(dir + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
    java.util.TreeSet<String> asm = new java.util.TreeSet<>();
    for (Path dir : archIncludeDirs(build, source)) {
      Path d = dir.resolve("asm");
      if (!Files.isDirectory(d)) continue;
      try (Stream<Path> s = Files.walk(d, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
        s.filter(p -> p.toString().endsWith(".h") && Files.isRegularFile(p))
            .map(p -> dir.relativize(p).toString())
            .filter(rel -> !EXCLUDED.matcher(rel).matches())
            .forEach(asm::add);
      } catch (java.io.UncheckedIOException e) {
        throw new IOException(d + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
    return new Layout(build, source, path, headers, List.copyOf(asm));
  }

  /** The directories of {@link #ARCH_INCLUDE} that exist, in the build then the source tree. */
  private static List<Path> archIncludeDirs(Path build, Path source) {
    List<Path> out = new ArrayList<>();
    for (String rel : ARCH_INCLUDE)
      for (Path root : source.equals(build) ? List.of(build) : List.of(build, source)) {
        Path dir = root.resolve(rel);
        if (Files.isDirectory(dir)) out.add(dir);
      }
    return out;
  }

  /**
   * Every header on the include path by the names {@code #include <...>} finds it with: relative
   * to each directory of the path ({@code linux/dma-buf.h}, and {@code uapi/linux/dma-buf.h}
   * through {@code include/}). Names with white space are left out (none in a kernel).
   */
  static java.util.SortedSet<String> headerNames(Layout layout) throws IOException {
    java.util.TreeSet<String> out = new java.util.TreeSet<>();
    for (Path dir : layout.includePath()) {
      try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
        s.filter(p -> p.toString().endsWith(".h") && Files.isRegularFile(p))
            .map(p -> dir.relativize(p).toString().replace(File.separatorChar, '/'))
            .filter(rel -> !rel.matches(".*\\s.*"))
            .forEach(out::add);
      } catch (java.io.UncheckedIOException e) {
        throw new IOException(dir + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
    return out;
  }

  /** What a long run tells while it goes: a batch of a pass is done (or given up on). */
  public interface Progress {
    /** {@code pass} is 1 (which headers are off) or 2 (facts); {@code detail} is a line for a log. */
    void batchDone(int pass, int done, int total, String detail);
  }

  /**
   * Parses every header of the layout in two passes. The first only learns which headers
   * this configuration switches off: {@code spinlock_rt.h} is included by {@code spinlock.h}
   * only under {@code CONFIG_PREEMPT_RT}; included directly, it would redefine
   * {@code spin_lock_init} the RT way. It needs the preprocessor alone, over each header's
   * directives. The second pass reads the others, bodies included, in the same batches as
   * ever (the index depends on which headers share a unit); beside it, one unit of every header
   * tells the definitions of the macros that define at file scope. {@code progress} hears one
   * line per batch.
   */
  public Result index(Layout layout, Consumer<String> progress) {
    return index(layout, (pass, done, total, detail) -> progress.accept(detail));
  }

  /** As {@link #index(Layout, Consumer)}, with batches parsed on {@code workers} threads at once. */
  public Result index(Layout layout, Progress progress) {
    List<String> problems = new ArrayList<>();
    SharedFiles files = new SharedFiles(layout);
    IncludeNames names = new IncludeNames(layout);
    Inclusions inclusions = new Inclusions(layout, names);
    runBatches(layout.headers(), 1, batch -> {
      Inclusions part = new Inclusions(layout, names);
      CancellableLog log = currentLog();
      part.collect(preprocess(layout, batch, files, log));
      return part;
    }, inclusions::merge, problems, (done, total, label) -> progress.batchDone(1, done, total,
        "pass 1, " + label + ": " + inclusions.switchedOff().size() + " headers off so far"));
    Set<String> off = inclusions.switchedOff();
    // the asm/ headers include/'s never include: what they include tells those of them that only
    // what the configuration switches off includes (asm/pgtable-2level.h, from asm/pgtable_32.h)
    List<String> unreached = layout.archHeaders().stream().filter(h -> !inclusions.active.contains(h)).toList();
    Inclusions arch = new Inclusions(layout, names);
    runBatches(unreached, 1, batch -> {
      Inclusions part = new Inclusions(layout, names);
      part.collect(preprocess(layout, batch, files, currentLog()));
      return part;
    }, arch::merge, problems, (done, total, label) -> progress.batchDone(1, done, total,
        "pass 1, asm/ headers, " + label));
    off.addAll(arch.onlyIncludedByOff(new HashSet<>(layout.archHeaders()), inclusions.active, off));
    // after include/'s, so that the batches of those stay as they were
    List<String> all = layout.allHeaders();
    List<String> on = all.stream().filter(h -> !off.contains(h)).toList();
    Collector c = new Collector(new Interner());
    // the definitions of macros, from one unit of every header, on a thread of its own beside pass 2
    java.util.concurrent.CompletableFuture<Definitions> defs = new java.util.concurrent.CompletableFuture<>();
    CancellableLog defsLog = new CancellableLog();
    Thread third = new Thread(null, () -> {
      try {
        defs.complete(definitions(layout, on, files, defsLog));
      } catch (Throwable e) {
        defs.completeExceptionally(e);
      }
    }, "kmodlint-header-definitions", 512L << 20);
    third.setDaemon(true);
    third.start();
    int batches = runBatches(on, 2, batch -> {
      Collector part = new Collector(c.names);
      part.collect(parse(layout, batch, files, currentLog()));
      return part;
    }, c::merge, problems, (done, total, label) -> progress.batchDone(2, done, total,
        String.format(java.util.Locale.ROOT, "pass 2, %s: %d macros, %d functions, %d externs",
            label, c.macros.size(), c.functions.size(), c.externFunctions.size())));
    Map<String, String> definitions = Map.of();
    Set<String> definers = Set.of();
    try {
      Definitions d = defs.get(batchTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      definers = d.definers();
      definitions = d.closure(c.macros);
    } catch (java.util.concurrent.TimeoutException e) {
      defsLog.setCanceled(true);
      problems.add("macro definitions: gave up after " + batchTimeout.toSeconds() + "s");
    } catch (java.util.concurrent.ExecutionException e) {
      problems.add("macro definitions: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add("macro definitions: interrupted");
    }
    NamespaceConventions.Form[] forms = {NamespaceConventions.Form.UNKNOWN, NamespaceConventions.Form.UNKNOWN};
    try {
      forms = namespaceForms(layout, files, new CancellableLog());
    } catch (Exception | StackOverflowError e) {
      problems.add("namespace conventions: " + e);
    }
    Map<String, Set<String>> imports = new java.util.TreeMap<>();
    c.headerImports.forEach((file, ns) -> includeName(layout, file).ifPresent(h -> imports.put(h, ns)));
    NamespaceConventions namespaces = new NamespaceConventions(forms[0], forms[1], imports);
    java.util.SortedSet<String> headerNames = java.util.Collections.emptySortedSet();
    try {
      headerNames = headerNames(layout);
    } catch (IOException e) {
      problems.add("header names: " + e.getMessage() + " (__has_include() of a kernel header is not decided)");
    }
    return new Result(c.facts(definers, definitions, namespaces, headerNames), problems, batches, on.size(),
        all.size() - on.size());
  }

  /** The name a module includes {@code file} by ({@code linux/pwm.h}): relative to the include path entry it is in. */
  private static java.util.Optional<String> includeName(Layout layout, String file) {
    Path p = Path.of(file).normalize();
    for (Path dir : layout.includePath())
      if (p.startsWith(dir)) return java.util.Optional.of(dir.relativize(p).toString());
    return java.util.Optional.empty();
  }

  private static final String NS_PROBE = "__kmodlint_ns_probe";
  private static final String NS_IMPORT_PROBE = "__kmodlint_ns_import";
  private static final String NS_MARK = "__kmodlint_ns_mark_";

  /**
   * How the headers take a namespace, asked of their own preprocessor: a unit defines
   * {@code DEFAULT_SYMBOL_NAMESPACE} as a bare token before any header, exports a symbol and
   * imports a namespace given as a bare token. Where the export's assembler text (its string
   * literals, decoded and joined) holds the token quoted, the headers stringify it: a token is
   * the right form (6.1); where it holds it bare, the assembler gets a name where a string must
   * be, so the definition must be a string (6.12.117). Likewise the import: a string literal
   * holding the token (6.1, 6.12: {@code __stringify}) takes the token; the bare token left in the
   * initializer wants a string (6.13). {@code [default, import]}, each UNKNOWN when the
   * expansion shows neither.
   */
  private static NamespaceConventions.Form[] namespaceForms(Layout layout, SharedFiles files, CancellableLog log)
      throws Exception {
    String tuPath = layout.buildDir().resolve(SYNTHETIC).toString();
    ExtendedScannerInfo info = scannerInfo(layout);
    String source = "#define DEFAULT_SYMBOL_NAMESPACE " + NS_PROBE + "\n" + batchSource(layout, List.of())
        + "#include <linux/export.h>\n" + "int __kmodlint_ns_sym;\n" + NS_MARK + "export\n"
        + "EXPORT_SYMBOL(__kmodlint_ns_sym);\n" + NS_MARK + "import\n" + "MODULE_IMPORT_NS(" + NS_IMPORT_PROBE + ");\n"
        + NS_MARK + "end\n";
    CPreprocessor pp = new CPreprocessor(FileContent.create(tuPath, source.toCharArray()), info, ParserLanguage.C, log,
        GCCScannerExtensionConfiguration.getInstance(info), new HeaderContentProvider(files, true));
    pp.setComputeImageLocations(false);
    pp.setProcessInactiveCode(false);
    String section = "";
    StringBuilder assembler = new StringBuilder();
    NamespaceConventions.Form importForm = NamespaceConventions.Form.UNKNOWN;
    try {
      while (true) {
        IToken t = pp.nextToken();
        String image = t.getImage();
        if (t.getType() == IToken.tIDENTIFIER && image.startsWith(NS_MARK)) {
          section = image.substring(NS_MARK.length());
          continue;
        }
        if (section.equals("export") && t.getType() == IToken.tSTRING) {
          assembler.append(decodeStringLiteral(image));
        } else if (section.equals("import") && importForm == NamespaceConventions.Form.UNKNOWN) {
          if (t.getType() == IToken.tSTRING && image.contains(NS_IMPORT_PROBE)) importForm = NamespaceConventions.Form.TOKEN;
          else if (t.getType() == IToken.tIDENTIFIER && image.equals(NS_IMPORT_PROBE))
            importForm = NamespaceConventions.Form.STRING;
        }
      }
    } catch (EndOfFileException end) {
      // the unit is read
    }
    String asm = assembler.toString();
    NamespaceConventions.Form defaultForm = asm.contains("\"" + NS_PROBE + "\"") ? NamespaceConventions.Form.TOKEN
        : java.util.regex.Pattern.compile("(?<![\\w\"])" + NS_PROBE + "(?![\\w\"])").matcher(asm).find()
            ? NamespaceConventions.Form.STRING : NamespaceConventions.Form.UNKNOWN;
    return new NamespaceConventions.Form[] {defaultForm, importForm};
  }

  /**
   * The characters of C string literals as written, one or several side by side
   * ({@code "a\"b" "c"} is {@code a"bc}); what is outside the quotes is left out.
   */
  static String decodeStringLiteral(String text) {
    StringBuilder out = new StringBuilder();
    boolean in = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!in) {
        if (c == '"') in = true;
        continue;
      }
      if (c == '"') {
        in = false;
      } else if (c == '\\' && i + 1 < text.length()) {
        char n = text.charAt(++i);
        switch (n) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case '0' -> out.append('\0');
          default -> out.append(n);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** One batch's work, on a worker thread. */
  @FunctionalInterface
  private interface BatchWork<T> {
    T run(List<String> batch) throws Exception;
  }

  @FunctionalInterface
  private interface BatchProgress {
    void done(int done, int total, String label);
  }

  /** The cancellation handle of the batch the current worker thread parses. */
  private static final ThreadLocal<CancellableLog> LOG = new ThreadLocal<>();

  private static CancellableLog currentLog() {
    CancellableLog log = LOG.get();
    return log != null ? log : new CancellableLog();
  }

  /** A batch and where it is: not started, running since {@code started}, finished, or given up on. */
  private static final class Slot<T> {
    final List<String> headers;
    final String label;
    final CancellableLog log = new CancellableLog();
    long started;
    boolean finished;
    boolean givenUp;
    T result;
    Throwable failure;
    Thread thread;

    Slot(List<String> headers, String label) {
      this.headers = headers;
      this.label = label;
    }
  }

  /**
   * Parses {@code headers} in batches, up to {@link #workers} at a time, each on its own
   * thread with a deep stack (the AST walks recurse as deep as the parser did): each batch is
   * extracted into a part there, and merged here, in batch order, once complete, so a batch
   * given up on leaves nothing behind and the result does not depend on which finished first.
   * A batch that takes longer than the timeout is cancelled the way CDT cancels a parse.
   * Returns the batch count.
   */
  private <T> int runBatches(List<String> headers, int pass, BatchWork<T> work, Consumer<T> merge,
      List<String> problems, BatchProgress progress) {
    List<Slot<T>> slots = new ArrayList<>();
    int total = (headers.size() + batchSize - 1) / batchSize;
    for (int i = 0; i < headers.size(); i += batchSize) {
      List<String> batch = headers.subList(i, Math.min(headers.size(), i + batchSize));
      slots.add(new Slot<>(batch, "batch " + (slots.size() + 1) + "/" + total + " (" + batch.get(0) + " .. "
          + batch.get(batch.size() - 1) + ")"));
    }
    Object lock = new Object();
    int next = 0;
    int merged = 0;
    int done = 0;
    long timeout = batchTimeout.toNanos();
    while (merged < slots.size()) {
      List<Slot<T>> ready = new ArrayList<>();
      synchronized (lock) {
        int running = 0;
        for (Slot<T> s : slots) if (s.started != 0 && !s.finished && !s.givenUp) running++;
        while (running < workers && next < slots.size()) {
          Slot<T> s = slots.get(next++);
          String name = "kmodlint-header-indexer-" + pass + "-" + next;
          s.started = System.nanoTime();
          s.thread = new Thread(null, () -> {
            LOG.set(s.log);
            T r = null;
            Throwable t = null;
            try {
              r = work.run(s.headers);
            } catch (Throwable e) {
              t = e;
            }
            synchronized (lock) {
              s.result = r;
              s.failure = t;
              s.finished = true;
              lock.notifyAll();
            }
          }, name, 512L << 20); // the kernel's macro nesting is deep and CDT recurses on it
          s.thread.setDaemon(true);
          s.thread.start();
          running++;
        }
        long now = System.nanoTime();
        long wait = Long.MAX_VALUE;
        for (Slot<T> s : slots) {
          if (s.started == 0 || s.finished || s.givenUp) continue;
          long left = s.started + timeout - now;
          if (left <= 0) {
            s.givenUp = true;
            s.log.setCanceled(true);
            s.thread.interrupt();
          } else {
            wait = Math.min(wait, left);
          }
        }
        while (merged < slots.size() && (slots.get(merged).finished || slots.get(merged).givenUp))
          ready.add(slots.get(merged++));
        if (ready.isEmpty()) {
          try {
            long ms = Math.max(1, Math.min(wait / 1_000_000, 1000));
            lock.wait(ms);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (Slot<T> s : slots) {
              s.log.setCanceled(true);
              if (s.thread != null) s.thread.interrupt();
            }
            problems.add("interrupted");
            return slots.size();
          }
          continue;
        }
      }
      for (Slot<T> s : ready) {
        if (s.givenUp) {
          problems.add(s.label + ": gave up after " + batchTimeout.toSeconds() + "s");
        } else if (s.failure != null) {
          Throwable e = s.failure;
          problems.add(s.label + ": " + (e instanceof StackOverflowError ? "stack overflow" : e));
        } else {
          merge.accept(s.result);
        }
        s.result = null;
        progress.done(++done, slots.size(), s.label);
      }
    }
    return slots.size();
  }

  /** How many batches to parse at once: the cores, as far as the heap holds a batch's AST each. */
  static int defaultWorkers() {
    long perBatch = 700L << 20;
    int byMemory = (int) Math.max(1, Runtime.getRuntime().maxMemory() / perBatch);
    return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), byMemory));
  }

  /** The synthetic translation unit of a batch: kbuild's implicit headers first, then the batch. */
  private static String batchSource(Layout layout, List<String> batch) {
    StringBuilder src = new StringBuilder();
    for (String first : List.of("linux/compiler-version.h", "linux/kconfig.h", "linux/compiler_types.h",
        "linux/kernel.h", "linux/module.h")) {
      if (Files.isRegularFile(layout.sourceDir().resolve("include").resolve(first)))
        src.append("#include <").append(first).append(">\n");
    }
    for (String h : batch) src.append("#include <").append(h).append(">\n");
    return src.toString();
  }

  private static ExtendedScannerInfo scannerInfo(Layout layout) {
    String[] include = layout.includePath().stream().map(Path::toString).toArray(String[]::new);
    return new ExtendedScannerInfo(PREDEFINED, include, new String[0], null, new String[0]);
  }

  private IASTTranslationUnit parse(Layout layout, List<String> batch, SharedFiles files, CancellableLog log)
      throws Exception {
    String tuPath = layout.buildDir().resolve(SYNTHETIC).toString();
    int options = ILanguage.OPTION_NO_IMAGE_LOCATIONS;
    return GCCLanguage.getDefault().getASTTranslationUnit(
        FileContent.create(tuPath, batchSource(layout, batch).toCharArray()), scannerInfo(layout),
        new HeaderContentProvider(files, false), null, options, log);
  }

  /**
   * The include directives of a batch, from the preprocessor alone: which branch is taken
   * depends on macros only, never on what the parser makes of the tokens, so the parser's
   * work (most of a parse with bodies skipped) is not needed to know it.
   */
  private static IASTPreprocessorIncludeStatement[] preprocess(Layout layout, List<String> batch, SharedFiles files,
      CancellableLog log) throws Exception {
    String tuPath = layout.buildDir().resolve(SYNTHETIC).toString();
    ExtendedScannerInfo info = scannerInfo(layout);
    CPreprocessor pp = new CPreprocessor(FileContent.create(tuPath, batchSource(layout, batch).toCharArray()), info,
        ParserLanguage.C, log, GCCScannerExtensionConfiguration.getInstance(info), new HeaderContentProvider(files, true));
    pp.setComputeImageLocations(false);
    pp.setProcessInactiveCode(false);
    log.setCancelable(pp::cancel);
    IASTTranslationUnit tu = CNodeFactory.getDefault().newTranslationUnit(pp);
    try {
      while (true) pp.nextToken();
    } catch (EndOfFileException end) {
      // the whole batch is read
    } finally {
      log.setCancelable(null);
    }
    if (log.isCanceled()) throw new InterruptedException("cancelled");
    return tu.getIncludeDirectives();
  }

  /** The name of the file, in the build directory, whose content asks the preprocessor what each macro expands to. */
  private static final String PROBE = "__kmodlint_probe__.h";
  /** The identifier that starts each probe's line (two a macro, in the order of {@link Definitions#probed}). */
  private static final String PROBE_MARK = "__kmodlint_probe_";

  /**
   * The definitions of the kernel's macros, and which function-like ones define functions or
   * objects at file scope. One unit of every header (directives only: definitions are
   * directives) is preprocessed; at its end, a file made then, from the macros then defined,
   * invokes each function-like macro with placeholder arguments, and the preprocessor's own
   * expansion shows what it makes: {@code DEFINE_MUTEX(a)} a declaration
   * ({@code struct mutex a = ...}), {@code min(a, b)} an expression.
   */
  private static Definitions definitions(Layout layout, List<String> headers, SharedFiles files, CancellableLog log)
      throws Exception {
    String tuPath = layout.buildDir().resolve(SYNTHETIC).toString();
    ExtendedScannerInfo info = scannerInfo(layout);
    String probePath = layout.buildDir().resolve(PROBE).toString();
    ProbeContentProvider provider = new ProbeContentProvider(files, probePath);
    String source = batchSource(layout, headers) + "#include \"" + PROBE + "\"\n";
    CPreprocessor pp = new CPreprocessor(FileContent.create(tuPath, source.toCharArray()), info, ParserLanguage.C, log,
        GCCScannerExtensionConfiguration.getInstance(info), provider);
    provider.preprocessor = pp;
    pp.setComputeImageLocations(false);
    pp.setProcessInactiveCode(false);
    log.setCancelable(pp::cancel);
    Definitions d = new Definitions();
    Probe current = null;
    try {
      while (true) {
        IToken t = pp.nextToken();
        if (provider.probed == null) continue;
        if (t.getType() == IToken.tIDENTIFIER && startsWith(t.getCharImage(), PROBE_MARK)) {
          current = new Probe();
          d.probes.add(current);
          continue;
        }
        if (current != null) current.add(t);
      }
    } catch (EndOfFileException end) {
      // every probe is expanded
    } finally {
      log.setCancelable(null);
    }
    if (log.isCanceled()) throw new InterruptedException("cancelled");
    if (provider.probed == null) throw new IOException("the probe file was not read");
    d.probed = provider.probed;
    d.bindings = provider.bindings;
    return d;
  }

  private static boolean startsWith(char[] image, String prefix) {
    if (image.length < prefix.length()) return false;
    for (int i = 0; i < prefix.length(); i++) if (image[i] != prefix.charAt(i)) return false;
    return true;
  }

  /**
   * Serves the headers' directives and, for the probe file, one line per function-like
   * macro defined when the preprocessor gets there: a mark, then the macro invoked with
   * placeholder arguments ({@code __kmodlint_probe_7 DEFINE_MUTEX(__kmp0)}).
   */
  private static final class ProbeContentProvider extends HeaderContentProvider {
    final String probePath;
    CPreprocessor preprocessor;
    List<String> probed;
    Map<String, org.eclipse.cdt.core.dom.ast.IMacroBinding> bindings;

    ProbeContentProvider(SharedFiles files, String probePath) {
      super(files, true);
      this.probePath = probePath;
    }

    @Override
    public boolean getInclusionExists(String path) {
      return path.equals(probePath) || super.getInclusionExists(path);
    }

    @Override
    public InternalFileContent getContentForInclusion(String path, IMacroDictionary macros) {
      if (!path.equals(probePath)) return super.getContentForInclusion(path, macros);
      Map<String, org.eclipse.cdt.core.dom.ast.IMacroBinding> all = new java.util.TreeMap<>(preprocessor.getMacroDefinitions());
      StringBuilder sb = new StringBuilder();
      List<String> names = new ArrayList<>();
      for (Map.Entry<String, org.eclipse.cdt.core.dom.ast.IMacroBinding> e : all.entrySet()) {
        org.eclipse.cdt.core.dom.ast.IMacroBinding m = e.getValue();
        if (!m.isFunctionStyle() || m.isDynamic() || e.getKey().startsWith("__kmp") || !mayDeclare(m)) continue;
        char[][] params = m.getParameterList();
        boolean variadic = params.length > 0 && new String(params[params.length - 1]).endsWith("...");
        // twice: with names, and with a type (module_param(x, int, 0) pastes param_check_##type)
        for (String arg : List.of("__kmp", "int")) {
          sb.append(PROBE_MARK).append(names.size()).append(' ').append(e.getKey()).append('(');
          for (int i = 0; i < params.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(arg.equals("int") ? arg : arg + i);
          }
          // a variadic macro is given one more argument than its fixed ones
          if (variadic) sb.append(", ").append(arg.equals("int") ? arg : arg + "v");
          sb.append(")\n");
        }
        names.add(e.getKey());
      }
      sb.append(PROBE_MARK).append("end\n");
      probed = names;
      bindings = all;
      return new InternalFileContent(path, new CharArray(sb.toString().toCharArray()));
    }
  }

  /** Words that start statements and expressions, never declarations. */
  private static final Set<String> NOT_DECLARATION_START = Set.of("do", "if", "for", "while", "switch", "return",
      "sizeof", "_Generic", "asm", "__asm__", "__asm", "goto", "break", "continue", "else", "case", "default",
      "_Alignof", "__alignof__");

  /**
   * False when the expansion's first token says it is no declaration whatever its arguments:
   * a punctuator, a literal, a statement or expression keyword ({@code (}, {@code do},
   * {@code "..."}). Those macros need no probe ({@link Probe#declares} would say no).
   */
  private static boolean mayDeclare(org.eclipse.cdt.core.dom.ast.IMacroBinding m) {
    String e = new String(m.getExpansion()).stripLeading();
    if (e.isEmpty()) return false;
    char c = e.charAt(0);
    if (!Character.isLetter(c) && c != '_' && c != '$') return false;
    int end = 0;
    while (end < e.length() && (Character.isLetterOrDigit(e.charAt(end)) || e.charAt(end) == '_')) end++;
    return !NOT_DECLARATION_START.contains(e.substring(0, end));
  }

  /**
   * What one probe expanded to, as far as telling a declaration from the rest needs: its
   * tokens outside any parentheses, brackets or braces.
   */
  private static final class Probe {
    private static final Set<String> DECLARATION_START = Set.of("static", "extern", "typedef", "struct", "union",
        "enum", "const", "volatile", "void", "char", "short", "int", "long", "signed", "unsigned", "_Bool", "float",
        "double", "inline", "__inline", "__inline__", "register", "typeof", "__typeof__", "__typeof",
        "__attribute__", "__attribute", "_Static_assert", "_Noreturn", "_Alignas", "_Thread_local", "__thread",
        "__extension__", "__const", "__signed__", "_Complex", "__int128", "__auto_type");
    int depth;
    int seen;
    IToken first;
    IToken second;
    boolean identifier;
    boolean unbalanced;

    void add(IToken t) {
      int type = t.getType();
      if (type == IToken.tLPAREN || type == IToken.tLBRACKET || type == IToken.tLBRACE) {
        if (depth == 0) note(t);
        depth++;
        return;
      }
      if (type == IToken.tRPAREN || type == IToken.tRBRACKET || type == IToken.tRBRACE) {
        // a closer with nothing open: the expansion ends a construct begun elsewhere, declares nothing
        if (depth == 0) unbalanced = true;
        depth = Math.max(0, depth - 1);
        return;
      }
      if (depth == 0) note(t);
    }

    private void note(IToken t) {
      if (seen == 0) first = t;
      else if (seen == 1) second = t;
      seen++;
      if (t.getType() == IToken.tIDENTIFIER) identifier = true;
    }

    /**
     * A declaration: it starts with a storage class, a type or an attribute, or with two
     * identifiers ({@code spinlock_t lock = ...}), and names something outside any brackets.
     * Expressions and statements start otherwise ({@code (}, {@code do}, a call).
     */
    boolean declares() {
      if (first == null || !identifier || unbalanced) return false;
      if (DECLARATION_START.contains(new String(first.getCharImage()))) return true;
      return first.getType() == IToken.tIDENTIFIER && second != null && second.getType() == IToken.tIDENTIFIER;
    }
  }

  /** What the probes found, and the definitions of every macro at the end of the headers. */
  private static final class Definitions {
    final List<Probe> probes = new ArrayList<>();
    List<String> probed = List.of();
    Map<String, org.eclipse.cdt.core.dom.ast.IMacroBinding> bindings = Map.of();

    /** The function-like macros whose expansion declares something. */
    Set<String> definers() {
      Set<String> out = new java.util.TreeSet<>();
      for (int i = 0; i < probed.size() && 2 * i + 1 < probes.size(); i++)
        if (probes.get(2 * i).declares() || probes.get(2 * i + 1).declares()) out.add(probed.get(i));
      return out;
    }

    /**
     * The definitions of the macros that declare, and of the macros they use, transitively
     * ({@code refs}: the names each macro's expansion mentions), as one {@code #define} line each.
     */
    Map<String, String> closure(Map<String, Set<String>> refs) {
      Map<String, String> out = new HashMap<>();
      java.util.Deque<String> todo = new java.util.ArrayDeque<>(definers());
      while (!todo.isEmpty()) {
        String n = todo.pop();
        if (out.containsKey(n)) continue;
        org.eclipse.cdt.core.dom.ast.IMacroBinding m = bindings.get(n);
        if (m == null || m.isDynamic()) continue;
        out.put(n, define(n, m));
        for (String r : refs.getOrDefault(n, Set.of())) if (bindings.containsKey(r) && !out.containsKey(r)) todo.push(r);
      }
      return out;
    }

    /** {@code #define NAME(a, b) body} on one line, as the preprocessor has it (comments and splices gone). */
    static String define(String name, org.eclipse.cdt.core.dom.ast.IMacroBinding m) {
      StringBuilder sb = new StringBuilder("#define ").append(name);
      if (m.isFunctionStyle()) {
        sb.append('(');
        char[][] params = m.getParameterList();
        for (int i = 0; i < params.length; i++) {
          if (i > 0) sb.append(", ");
          sb.append(params[i]);
        }
        sb.append(')');
      }
      char[] expansion = m.getExpansion();
      if (expansion.length > 0) sb.append(' ').append(expansion);
      return sb.toString().replace('\n', ' ');
    }
  }

  /**
   * CDT's way to stop a parse: it hands its log service the parser and scanner to cancel
   * when the log service is also an {@link ICanceler}.
   */
  private static final class CancellableLog extends NullLogService implements ICanceler {
    private ICancelable cancelable;
    private boolean canceled;

    @Override
    public synchronized void setCancelable(ICancelable c) {
      cancelable = c;
      if (canceled && c != null) c.cancel();
    }

    @Override
    public synchronized void setCanceled(boolean value) {
      canceled = value;
      if (value && cancelable != null) cancelable.cancel();
    }

    @Override
    public synchronized boolean isCanceled() {
      return canceled;
    }
  }

  /**
   * Which headers kernel headers include, actively or only in branches this configuration
   * switches off. A header only ever included from a switched-off branch is itself off.
   */
  private static final class Inclusions {
    /** Stands for an includer without a name here: never off. */
    private static final String UNNAMED = "";
    final Path include;
    final IncludeNames names;
    final Set<String> active = new HashSet<>();
    final Set<String> inactive = new HashSet<>();
    /** Included header to the headers that include it actively. */
    final Map<String, Set<String>> includers = new HashMap<>();

    Inclusions(Layout layout, IncludeNames names) {
      this.include = layout.sourceDir().resolve("include");
      this.names = names;
    }

    void collect(IASTPreprocessorIncludeStatement[] includes) {
      for (IASTPreprocessorIncludeStatement inc : includes) {
        String from = inc.getContainingFilename();
        if (from.endsWith(SYNTHETIC)) continue;
        if (inc.isActive()) {
          if (!inc.isResolved()) continue;
          java.util.Optional<String> to = names.relative(Path.of(inc.getPath()));
          if (to.isEmpty()) continue;
          active.add(to.get());
          includers.computeIfAbsent(to.get(), k -> new HashSet<>()).add(names.relative(Path.of(from)).orElse(UNNAMED));
        } else {
          String name = inc.getName().toString();
          Path target = inc.isSystemInclude() ? include.resolve(name) : Path.of(from).resolveSibling(name);
          names.relative(target.normalize()).ifPresent(inactive::add);
        }
      }
    }

    void merge(Inclusions part) {
      active.addAll(part.active);
      inactive.addAll(part.inactive);
      part.includers.forEach((k, v) -> includers.computeIfAbsent(k, x -> new HashSet<>()).addAll(v));
    }

    /**
     * Of {@code candidates} that this reading (of headers nothing else includes) saw included,
     * those only what is off includes: the largest such set, where {@code off} and the set itself
     * are off, and what {@code reached} names (included by include/'s headers) is on. A header
     * no header includes stays on: modules include it.
     */
    Set<String> onlyIncludedByOff(Set<String> candidates, Set<String> reached, Set<String> off) {
      Set<String> out = new HashSet<>();
      for (String h : candidates)
        if (!reached.contains(h) && !off.contains(h) && (inactive.contains(h) || includers.containsKey(h))) out.add(h);
      for (boolean changed = true; changed; ) {
        changed = false;
        for (java.util.Iterator<String> it = out.iterator(); it.hasNext(); ) {
          String h = it.next();
          for (String from : includers.getOrDefault(h, Set.of())) {
            if (!from.equals(h) && !off.contains(from) && !out.contains(from)) {
              it.remove();
              changed = true;
              break;
            }
          }
        }
      }
      return out;
    }

    Set<String> switchedOff() {
      Set<String> off = new HashSet<>(inactive);
      off.removeAll(active);
      return off;
    }
  }

  /**
   * A header's name relative to {@code include/} from a path CDT reports, or, for the
   * architecture's headers, relative to {@code arch/x86/include} ({@code asm/amd_nb.h}, and
   * {@code uapi/asm/amd_hsmp.h} for the one that {@code asm/amd_hsmp.h} includes). CDT reports the
   * real path of a file it reads; where {@code include/linux} and the like are links into
   * another tree (Ubuntu's linux-headers-R-generic into linux-headers-R), the real path of each
   * header of the layout tells its name.
   */
  private static final class IncludeNames {
    final Path include;
    final List<String> headers;
    /** arch/x86/include of the build and the source tree, as given and as real paths. */
    final List<Path> arch = new ArrayList<>();
    private volatile Map<Path, String> byRealPath;

    IncludeNames(Layout layout) {
      this.include = layout.sourceDir().resolve("include");
      this.headers = layout.headers();
      for (Path root : List.of(layout.buildDir(), layout.sourceDir())) {
        Path d = root.resolve(ARCH_INCLUDE.get(0));
        if (!Files.isDirectory(d) || arch.contains(d)) continue;
        arch.add(d);
        try {
          Path real = d.toRealPath();
          if (!arch.contains(real)) arch.add(real);
        } catch (IOException e) {
          // gone since the layout was read
        }
      }
    }

    java.util.Optional<String> relative(Path p) {
      if (p.startsWith(include)) return java.util.Optional.of(include.relativize(p).toString());
      for (Path d : arch) if (p.startsWith(d)) return java.util.Optional.of(d.relativize(p).toString());
      return java.util.Optional.ofNullable(realPaths().get(p));
    }

    private Map<Path, String> realPaths() {
      Map<Path, String> m = byRealPath;
      if (m == null) {
        synchronized (this) {
          if (byRealPath == null) {
            Map<Path, String> built = new HashMap<>();
            for (String h : headers) {
              try {
                Path real = include.resolve(h).toRealPath();
                if (!real.startsWith(include)) built.putIfAbsent(real, h);
              } catch (IOException e) {
                // gone since the layout was read: not a header to name
              }
            }
            byRealPath = built;
          }
          m = byRealPath;
        }
      }
      return m;
    }
  }

  /**
   * The files batches read, shared by all of them: each header is read, decoded and looked
   * for once per run instead of once per batch; for the first pass, also cut down to its
   * preprocessor directives.
   */
  private static final class SharedFiles {
    private final ConcurrentHashMap<String, Boolean> exists = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, java.util.Optional<Content>> contents = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, java.util.Optional<Content>> directives = new ConcurrentHashMap<>();
    private final Lexer.LexerOptions lexOptions;

    record Content(String path, CharArray chars) {}

    SharedFiles(Layout layout) {
      IScannerExtensionConfiguration c = GCCScannerExtensionConfiguration.getInstance(scannerInfo(layout));
      Lexer.LexerOptions o = new Lexer.LexerOptions();
      o.fSupportDollarInIdentifiers = c.support$InIdentifiers();
      o.fSupportAtSignInIdentifiers = c.supportAtSignInIdentifiers();
      o.fSupportMinAndMax = c.supportMinAndMaxOperators();
      o.fSupportSlashPercentComments = c.supportSlashPercentComments();
      o.fSupportUTFLiterals = c.supportUTFLiterals();
      o.fSupportRawStringLiterals = c.supportRawStringLiterals();
      o.fSupportUserDefinedLiterals = c.supportUserDefinedLiterals();
      o.fSupportDigitSeparators = c.supportDigitSeparators();
      o.fCreateImageLocations = false;
      this.lexOptions = o;
    }

    boolean exists(String path) {
      return exists.computeIfAbsent(path, p -> {
        Path f = Path.of(p);
        return Files.isRegularFile(f) && Files.isReadable(f);
      });
    }

    java.util.Optional<Content> content(String path, boolean directivesOnly) {
      java.util.Optional<Content> full = contents.computeIfAbsent(path, SharedFiles::read);
      if (!directivesOnly || full.isEmpty()) return full;
      return directives.computeIfAbsent(path, p ->
          java.util.Optional.of(new Content(full.get().path(), new CharArray(directivesOnly(full.get().chars().getArray(), lexOptions)))));
    }

    /** As CDT reads an external file: its canonical path, UTF-8 without a byte-order mark. */
    private static java.util.Optional<Content> read(String path) {
      try {
        File file = new File(path);
        String canonical;
        try {
          canonical = file.getCanonicalPath();
        } catch (IOException e) {
          canonical = file.getAbsolutePath();
        }
        byte[] bytes = Files.readAllBytes(file.toPath());
        int skip = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
            ? 3 : 0;
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip));
        char[] a = new char[chars.remaining()];
        chars.get(a);
        return java.util.Optional.of(new Content(canonical, new CharArray(a)));
      } catch (IOException | RuntimeException e) {
        return java.util.Optional.empty();
      }
    }
  }

  /**
   * A file's preprocessor directives, each where CDT's lexer finds one (a {@code #} first on
   * its line, comments and line splices as the lexer sees them) and copied as written, with
   * one newline for each of the lines between. The preprocessor's branches and inclusions
   * depend on directives alone: ordinary text only ever expands macros, which changes no
   * macro's definition, so the first pass gets the same include directives from this for a
   * fraction of the work.
   */
  static String directivesOnly(String text) {
    Layout none = new Layout(Path.of("/"), Path.of("/"), List.of(), List.of());
    return new String(directivesOnly(text.toCharArray(), new SharedFiles(none).lexOptions));
  }

  static char[] directivesOnly(char[] text, Lexer.LexerOptions options) {
    StringBuilder out = new StringBuilder(text.length / 3);
    Lexer lexer = new Lexer(text, options, ILexerLog.NULL, null);
    try {
      Token t = lexer.nextToken();
      while (t.getType() != IToken.tEND_OF_INPUT) {
        if (t.getType() == Lexer.tNEWLINE) {
          out.append('\n');
          t = lexer.nextToken();
        } else if (t.getType() == IToken.tPOUND && lexer.currentTokenIsFirstOnLine()) {
          int start = t.getOffset();
          Token name = lexer.nextToken();
          if (name.getType() == IToken.tIDENTIFIER) {
            String directive = new String(name.getCharImage());
            if (directive.equals("include") || directive.equals("include_next") || directive.equals("import")) {
              // as CDT's preprocessor reads the header name: <a/b.h> is one token
              lexer.setInsideIncludeDirective(true);
              lexer.nextToken();
              lexer.setInsideIncludeDirective(false);
            }
          }
          if (lexer.currentToken().getType() != Lexer.tNEWLINE && lexer.currentToken().getType() != IToken.tEND_OF_INPUT)
            lexer.consumeLine(0);
          t = lexer.currentToken();
          int end = t.getType() == IToken.tEND_OF_INPUT ? text.length : t.getOffset();
          out.append(text, start, end - start);
        } else {
          t = lexer.nextToken();
        }
      }
    } catch (OffsetLimitReachedException e) {
      return text; // only in content-assist mode, never here: keep the whole file
    }
    char[] a = new char[out.length()];
    out.getChars(0, a.length, a, 0);
    return a;
  }

  /**
   * Serves any readable file: unlike a module's parse, here the kernel headers are the point.
   * One per translation unit (CDT keeps per-unit state in it), reading through the shared files.
   */
  private static class HeaderContentProvider extends InternalFileContentProvider {
    private final SharedFiles files;
    private final boolean directivesOnly;

    HeaderContentProvider(SharedFiles files, boolean directivesOnly) {
      this.files = files;
      this.directivesOnly = directivesOnly;
    }

    @Override
    public boolean getInclusionExists(String path) {
      return files.exists(path);
    }

    @Override
    public InternalFileContent getContentForInclusion(String path, IMacroDictionary macros) {
      if (!getInclusionExists(path)) return null;
      return files.content(path, directivesOnly).map(c -> new InternalFileContent(c.path(), c.chars())).orElse(null);
    }

    @Override
    public InternalFileContent getContentForInclusion(IIndexFileLocation ifl, String astPath) {
      return getContentForInclusion(astPath, null);
    }
  }

  /** What a {@code #define} says: its name, its arity when function-like, the names its expansion mentions. */
  private record MacroFacts(String name, Arity arity, Set<String> refs) {}

  /** One copy of each name over all batches and threads. */
  private static final class Interner {
    private final ConcurrentHashMap<String, String> names = new ConcurrentHashMap<>(1 << 18);
    /** What each {@code #define} says, by file and offset, worked out once however many batches read it. */
    final ConcurrentHashMap<String, Map<Integer, MacroFacts>> macros = new ConcurrentHashMap<>(1 << 13);

    String intern(String s) {
      String known = names.get(s); // a plain read: most names are known by the second batch
      if (known != null) return known;
      String old = names.putIfAbsent(s, s);
      return old != null ? old : s;
    }
  }

  /** Accumulates facts over batches; a name seen in several batches keeps every reference. */
  private static final class Collector {
    final Map<String, Set<String>> macros = new HashMap<>();
    final Set<String> functionMacros = new HashSet<>();
    final Map<String, Set<String>> functions = new HashMap<>();
    final Set<String> externFunctions = new HashSet<>();
    final Set<String> externVariables = new HashSet<>();
    final Map<String, Arity> functionArities = new HashMap<>();
    final Map<String, Arity> macroArities = new HashMap<>();
    /** Header file (as read) to the namespaces its own MODULE_IMPORT_NS(NS) imports. */
    final Map<String, Set<String>> headerImports = new HashMap<>();
    final Interner names;

    Collector(Interner names) {
      this.names = names;
    }

    void collect(IASTTranslationUnit tu) {
      for (IASTPreprocessorMacroDefinition m : tu.getMacroDefinitions()) macro(m);
      for (IASTDeclaration d : tu.getDeclarations()) {
        if (d instanceof IASTFunctionDefinition fd) function(fd);
        else if (d instanceof IASTSimpleDeclaration sd) {
          prototype(sd);
          headerImport(sd);
        }
      }
    }

    /**
     * {@code MODULE_IMPORT_NS(PWM)} at file scope of a header (6.12's {@code <linux/pwm.h>}): the
     * {@code .modinfo} string it expands to, {@code static const char __UNIQUE_ID_import_nsN[] =
     * "import_ns=" "PWM"}, in the header every module that includes it gets.
     */
    private void headerImport(IASTSimpleDeclaration sd) {
      if (sd.getDeclSpecifier().getStorageClass() != IASTDeclSpecifier.sc_static) return;
      for (IASTDeclarator d : sd.getDeclarators()) {
        String name = CSyntax.innermost(d).getName().toString();
        if (!name.contains("import_ns")
            || !(d.getInitializer() instanceof org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer eq)) continue;
        StringBuilder value = new StringBuilder();
        eq.getInitializerClause().accept(new ASTVisitor() {
          {
            shouldVisitExpressions = true;
          }

          @Override
          public int visit(IASTExpression e) {
            if (e instanceof IASTLiteralExpression l && l.getKind() == IASTLiteralExpression.lk_string_literal)
              value.append(decodeStringLiteral(String.valueOf(l.getValue())));
            return PROCESS_CONTINUE;
          }
        });
        String v = value.toString();
        org.eclipse.cdt.core.dom.ast.IASTFileLocation at = sd.getFileLocation();
        int tag = v.indexOf("import_ns=");
        if (at == null || at.getFileName().endsWith(SYNTHETIC) || tag < 0) continue;
        String ns = v.substring(tag + "import_ns=".length());
        if (ns.matches("[A-Za-z_][A-Za-z0-9_:.-]*"))
          headerImports.computeIfAbsent(at.getFileName(), k -> new HashSet<>()).add(ns);
      }
    }

    private void macro(IASTPreprocessorMacroDefinition m) {
      // a #define is the same text wherever its header is read: what it says is worked out once a run
      org.eclipse.cdt.core.dom.ast.IASTFileLocation at = m.getFileLocation();
      Map<Integer, MacroFacts> inFile = at == null ? null
          : names.macros.computeIfAbsent(at.getFileName(), k -> new ConcurrentHashMap<>());
      MacroFacts f = inFile == null ? null : inFile.get(at.getNodeOffset());
      if (f == null) {
        f = macroFacts(m);
        if (inFile != null) inFile.putIfAbsent(at.getNodeOffset(), f);
      }
      if (f.arity() != null) {
        functionMacros.add(f.name());
        macroArities.merge(f.name(), f.arity(), Arity::merge);
      }
      macros.computeIfAbsent(f.name(), k -> new HashSet<>()).addAll(f.refs());
    }

    private MacroFacts macroFacts(IASTPreprocessorMacroDefinition m) {
      String name = intern(m.getName().toString());
      Arity arity = null;
      if (m instanceof IASTPreprocessorFunctionStyleMacroDefinition fm) {
        IASTFunctionStyleMacroParameter[] ps = fm.getParameters();
        // (a, ...) and GNU's (a, rest...) take one argument or more
        boolean variadic = ps.length > 0 && ps[ps.length - 1].getParameter().endsWith("...");
        arity = new Arity(variadic ? ps.length - 1 : ps.length, variadic);
      }
      return new MacroFacts(name, arity, references(m, m.getExpansion()));
    }

    /** The names an expansion mentions: neither members ({@code x.name}, {@code p->name}) nor parameters. */
    private Set<String> references(IASTPreprocessorMacroDefinition m, String expansion) {
      Set<String> params = new HashSet<>();
      if (m instanceof IASTPreprocessorFunctionStyleMacroDefinition fm) {
        for (IASTFunctionStyleMacroParameter p : fm.getParameters()) params.add(p.getParameter());
        params.add("__VA_ARGS__");
      }
      Set<String> refs = new HashSet<>();
      Matcher w = WORD.matcher(expansion);
      while (w.find()) {
        String word = w.group(2);
        if (word == null || w.group(1) != null || params.contains(word)) continue;
        refs.add(intern(word));
      }
      return Set.copyOf(refs);
    }

    private void function(IASTFunctionDefinition fd) {
      String name = CSyntax.innermost(fd.getDeclarator()).getName().toString();
      if (name.isEmpty()) return;
      Set<String> locals = new HashSet<>();
      Set<String> used = new HashSet<>();
      fd.accept(new LiveCode(locals, used));
      used.removeAll(locals);
      Set<String> refs = functions.computeIfAbsent(intern(name), k -> new HashSet<>());
      for (String u : used) refs.add(intern(u));
      IASTFunctionDeclarator d = fd.getDeclarator();
      functionArities.merge(intern(name), d.getNestedDeclarator() == null ? arity(d) : Arity.UNKNOWN, Arity::merge);
    }

    /** The arguments a call of a function so declared takes: {@code (void)} none, {@code ()} unknown. */
    private static Arity arity(IASTFunctionDeclarator d) {
      if (!(d instanceof IASTStandardFunctionDeclarator sd)) return Arity.UNKNOWN; // K&R
      IASTParameterDeclaration[] ps = sd.getParameters();
      if (ps.length == 0) return sd.takesVarArgs() ? new Arity(0, true) : Arity.UNKNOWN;
      if (ps.length == 1 && !sd.takesVarArgs() && isVoid(ps[0])) return new Arity(0, false);
      return new Arity(ps.length, sd.takesVarArgs());
    }

    private static boolean isVoid(IASTParameterDeclaration p) {
      IASTDeclarator d = p.getDeclarator();
      return p.getDeclSpecifier() instanceof IASTSimpleDeclSpecifier s && s.getType() == IASTSimpleDeclSpecifier.t_void
          && (d == null || (d.getPointerOperators().length == 0 && d.getNestedDeclarator() == null
              && d.getName().toString().isEmpty() && !(d instanceof IASTArrayDeclarator)));
    }

    private void prototype(IASTSimpleDeclaration sd) {
      IASTDeclSpecifier spec = sd.getDeclSpecifier();
      int sc = spec.getStorageClass();
      if (sc == IASTDeclSpecifier.sc_typedef || sc == IASTDeclSpecifier.sc_static || spec.isInline()) return;
      for (IASTDeclarator d : sd.getDeclarators()) {
        String name = CSyntax.innermost(d).getName().toString();
        if (name.isEmpty()) continue;
        if (d instanceof IASTFunctionDeclarator fd && d.getNestedDeclarator() == null) {
          externFunctions.add(intern(name));
          functionArities.merge(intern(name), arity(fd), Arity::merge);
        } else if (sc == IASTDeclSpecifier.sc_extern) externVariables.add(intern(name));
      }
    }

    /** Adds a part's facts; names are the shared interner's already. */
    void merge(Collector part) {
      part.macros.forEach((k, v) -> {
        Set<String> refs = macros.putIfAbsent(k, v);
        if (refs != null) refs.addAll(v);
      });
      part.functions.forEach((k, v) -> {
        Set<String> refs = functions.putIfAbsent(k, v);
        if (refs != null) refs.addAll(v);
      });
      functionMacros.addAll(part.functionMacros);
      externFunctions.addAll(part.externFunctions);
      externVariables.addAll(part.externVariables);
      part.functionArities.forEach((k, v) -> functionArities.merge(k, v, Arity::merge));
      part.macroArities.forEach((k, v) -> macroArities.merge(k, v, Arity::merge));
      part.headerImports.forEach((k, v) -> headerImports.computeIfAbsent(k, x -> new HashSet<>()).addAll(v));
    }

    private String intern(String s) {
      return names.intern(s);
    }

    HeaderFacts facts(Set<String> definers, Map<String, String> definitions, NamespaceConventions namespaces,
        Set<String> headerNames) {
      Map<String, Set<String>> m = new LinkedHashMap<>();
      macros.forEach((k, v) -> m.put(k, Set.copyOf(v)));
      Map<String, Set<String>> f = new LinkedHashMap<>();
      functions.forEach((k, v) -> f.put(k, Set.copyOf(v)));
      return new HeaderFacts(m, functionMacros, f, externFunctions, externVariables, functionArities, macroArities,
          definers, definitions, namespaces, headerNames);
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
        return CSyntax.integer(new String(lit.getValue())).map(OptionalLong::of).orElse(OptionalLong.empty());
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
