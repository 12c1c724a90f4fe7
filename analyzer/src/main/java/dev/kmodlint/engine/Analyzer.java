package dev.kmodlint.engine;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.c.PreprocessorContext;
import dev.kmodlint.cache.FactCache;
import dev.kmodlint.cache.StageCache;
import dev.kmodlint.compose.BuildPlan;
import dev.kmodlint.compose.ProjectComposer;
import dev.kmodlint.compose.StageStore;
import dev.kmodlint.kernel.KernelConfig;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.kernel.KernelExports;
import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Project;
import dev.kmodlint.model.SuppressionDirective;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.report.Tool;
import dev.kmodlint.rule.AfterSuppressions;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleDescriptor;
import dev.kmodlint.scan.FileAnalysis;
import dev.kmodlint.scan.ParallelParser;
import dev.kmodlint.scan.SourceTree;
import dev.kmodlint.symbols.SymbolResolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Runs one analysis: collects the tree, parses C files on all cores, composes modules the way
 * Kbuild does, runs every rule on the resulting model and sorts what they found.
 */
public final class Analyzer {
  private final RuleRegistry registry;
  private final Resident resident;
  private final BiPredicate<Path, String> enabled;

  public Analyzer(RuleRegistry registry) {
    this(registry, Resident.NONE);
  }

  /** An analyzer of a long-lived process, which keeps the kernel database and file facts in {@code resident}. */
  public Analyzer(RuleRegistry registry, Resident resident) {
    this(registry, resident, (file, ruleId) -> true);
  }

  private Analyzer(RuleRegistry registry, Resident resident, BiPredicate<Path, String> enabled) {
    this.registry = registry;
    this.resident = resident;
    this.enabled = enabled;
  }

  /**
   * This analyzer, told which rules the configuration turns off for a file: a suppression of
   * a rule that is off is not reported as unused (its findings are not known).
   */
  public Analyzer withRulesEnabled(BiPredicate<Path, String> enabledForFile) {
    return new Analyzer(registry, resident, enabledForFile);
  }

  public AnalysisResult analyze(AnalysisOptions options) throws IOException {
    return analyze(options, AnalysisProgress.NONE);
  }

  /**
   * Analyzes against the one kernel of {@code options} (none: the default one); a run against
   * several is {@link MultiKernelAnalyzer}'s.
   */
  public AnalysisResult analyze(AnalysisOptions options, AnalysisProgress progress) throws IOException {
    if (options.kernels().size() > 1)
      throw new IllegalArgumentException(options.kernels().size() + " kernels: a MultiKernelAnalyzer's run");
    return new MultiKernelAnalyzer(this, registry).analyzeEach(options, progress).merged();
  }

  /** What a run starts from: when, its inputs (absolute, each there) and their scan root. */
  record Scan(Instant start, List<Path> inputs, Path root) {}

  static Scan scan(AnalysisOptions options) throws IOException {
    Instant start = Instant.now();
    List<Path> inputs = new ArrayList<>();
    for (Path in : options.inputs()) {
      Path abs = in.toAbsolutePath().normalize();
      if (!Files.exists(abs)) throw new NoSuchFileException(in.toString(), null, "no such file or directory");
      inputs.add(abs);
    }
    return new Scan(start, inputs, scanRoot(inputs));
  }

  /** A kernel database opened for a pass, and what opening it told. */
  record Opened(KernelDatabase database, List<Notification> notes) {}

  /**
   * The kernel of a pass (of {@code options}, which names one kernel or none), its tables
   * read in the background while the tree is walked and files are parsed.
   */
  Opened open(AnalysisOptions options, List<Notification> notes) throws IOException {
    KernelDatabase opened = resident.kernelDatabase(options, notes);
    if (!registry.rules().isEmpty()) {
      // read while the tree is walked and files are parsed, on two threads (a small run waits
      // for them): the header index (its macro fingerprint is part of every C file's context),
      // and in turn the .config for the Makefiles and the exports for the symbol rules
      prefetch("kmodlint-kernel-headers", () -> opened.headers().macroFingerprint());
      prefetch("kmodlint-kernel-database", () -> {
        opened.config();
        opened.exports();
      });
    }
    return new Opened(opened, notes);
  }

  private static void prefetch(String name, Runnable read) {
    Thread t = new Thread(() -> {
      try {
        read.run();
      } catch (RuntimeException e) {
        // the rule that needs it reads it again and reports the failure
      }
    }, name);
    t.setDaemon(true);
    t.start();
  }

  /**
   * The files of a run, walked once whatever the kernels, the directives of those no pass reads
   * for facts (read once, when a pass first needs them), and what walking told.
   */
  record SourceTreeScan(Scan scan, SourceTree tree, Suppressions suppressions, List<Notification> notes) {}

  static SourceTreeScan walk(Scan scan, AnalysisOptions options) throws IOException {
    SourceTree tree = SourceTree.walk(scan.inputs());
    // what the walk tells is each pass's: of the tree its kernel's architecture builds
    return new SourceTreeScan(scan, tree, Suppressions.shared(), new ArrayList<>());
  }

  /**
   * What one kernel's pass gave: the project as that kernel's build sees it, the findings of
   * every rule (those in-source comments silence apart), its notifications, the Makefiles as
   * read for it, and the facts of the headers (which no kernel changes).
   */
  record Pass(KernelDatabase kernel, Project project, List<Finding> findings, List<Finding> suppressed,
      List<Notification> notes, boolean complete, BuildPlan plan, Map<Path, FileFacts> headerFacts) {}

  /**
   * One kernel's pass over a walked tree: the Makefiles (those of {@code earlier} when this
   * kernel's build reads them the same way), each C file parsed as the build preprocesses it
   * for this kernel (the facts of {@code headers} when given, else the headers' too), the
   * project composed, every rule run.
   */
  Pass pass(SourceTreeScan walked, AnalysisOptions options, Opened opened, Optional<FactCache> cache,
      CFrontEnd frontEnd, Optional<BuildPlan> earlier, Map<Path, FileFacts> headers, AnalysisProgress progress)
      throws IOException {
    Path root = walked.scan().root();
    List<Notification> notes = new ArrayList<>(opened.notes());
    KernelDatabase kernel = opened.database();
    // this kernel's architecture: a kernel tree's other arch/ directories are not built for it
    SourceTree tree = otherArchitecturesLeftOut(walked.tree(), walked.scan().inputs(), kernel, notes);
    notes.addAll(tree.notifications());
    // the Makefiles first: they say how the build preprocesses each C file
    StageStore stages = stageStore(options);
    Optional<KernelConfig> config = kernel.config();
    BuildPlan plan = BuildPlan.forKernel(tree, options.jobs(), root, config.map(KernelConfig::release),
        config.map(KernelConfig::values), earlier, stages);

    kernel = withExtraSymbols(kernel, plan, tree, notes);

    // each C file as the build preprocesses it: its flags, the target kernel's version,
    // configuration and header macros
    PreprocessorContext target = TargetContext.of(kernel);
    FileAnalysis analysis = new FileAnalysis(frontEnd, cache, file -> target.withFlags(plan.flagsOf(file)));
    ParallelParser parser = new ParallelParser(analysis, options.jobs(), options.fileTimeout(), progress::fileDone);
    // a header's facts depend on no kernel: those an earlier pass read serve this one
    Map<Path, FileFacts> headerFacts = new HashMap<>(headers);
    NamedFileScope.Parser read = (cFiles, hs) -> {
      List<Path> unread = hs.stream().filter(h -> !headers.containsKey(h)).toList();
      Map<Path, FileFacts> got = new HashMap<>(parser.analyze(cFiles, unread));
      for (Path h : unread) if (got.containsKey(h)) headerFacts.put(h, got.get(h));
      for (Path h : hs) if (headers.containsKey(h)) got.put(h, headers.get(h));
      return got;
    };
    Optional<Set<Path>> named = NamedFileScope.applicable(options.namedFiles(), tree, plan);
    Map<Path, FileFacts> facts;
    Optional<Set<Path>> scope = Optional.empty();
    if (named.isPresent()) {
      // files named one by one: their modules and what the cross-module rules relate to them
      int[] total = {0};
      NamedFileScope.Selection selected = NamedFileScope.select(named.get(), tree, plan,
          SourceTree.repositoryOf(root), kernel.headers(), CFrontEnd.preludeMacros(), (cFiles, hs) -> {
            total[0] += cFiles.size() + hs.size();
            progress.started(total[0]);
            return read.parse(cFiles, hs);
          });
      facts = selected.facts();
      scope = Optional.of(selected.cFiles());
    } else {
      // named files whose modules cannot be told apart from the rest: the whole tree is read
      if (!options.namedFiles().isEmpty()) progress.started(tree.cFiles().size() + tree.headers().size());
      facts = read.parse(List.copyOf(tree.cFiles()), List.copyOf(tree.headers()));
    }
    analysis.release();
    notes.addAll(contextNotifications(frontEnd, target, plan, tree));
    Project project = ProjectComposer.compose(root, tree, facts, plan, notes, scope, stages);
    // the directives of the files read (a C file's and a header's with its facts); those of any
    // other file a finding is in are read when it is met
    Suppressions suppressions = walked.suppressions().of(named.isPresent() ? new java.util.TreeSet<>(facts.keySet())
        : tree.textFiles(), facts);
    List<Finding> all = runRules(project, kernel, suppressions, notes);
    List<Finding> findings = new ArrayList<>();
    List<Finding> suppressed = new ArrayList<>();
    for (Finding f : all) (suppressions.suppressing(f).isPresent() ? suppressed : findings).add(f);
    notes.addAll(kernel.notifications());
    // a rule that failed reported nothing: the run did not do all it was asked to
    boolean complete = notes.stream().noneMatch(n -> n.id().equals("rule-failure"));
    return new Pass(kernel, project, findings, suppressed, notes, complete, plan, headerFacts);
  }

  /**
   * The exports of the Module.symvers files that {@code KBUILD_EXTRA_SYMBOLS} names, as modpost
   * reads them for the modules of that Makefile, on top of the kernel's. A file that does not
   * exist yet (the other module is not built) is fine when its directory is scanned: that
   * module's exports are known from its sources; else it is said, since the real build would
   * stop there too.
   */
  private static KernelDatabase withExtraSymbols(KernelDatabase kernel, BuildPlan plan, SourceTree tree,
      List<Notification> notes) throws IOException {
    Set<Path> files = new java.util.TreeSet<>();
    for (var d : plan.directories()) files.addAll(d.extraSymbols());
    List<Path> readable = new ArrayList<>();
    for (Path f : files) {
      if (Files.isRegularFile(f)) readable.add(f);
      else if (!tree.kbuildDirs().contains(f.getParent()) && !tree.cFilesByDir().containsKey(f.getParent()))
        notes.add(Notification.of("extra-symbols-missing", Level.WARNING, "KBUILD_EXTRA_SYMBOLS names " + f
            + ", which does not exist and whose directory is not scanned: the symbols that module exports are"
            + " not known (build it first, or scan its directory too)"));
    }
    if (readable.isEmpty()) return kernel;
    KernelExports extra = KernelExports.fromSymvers("KBUILD_EXTRA_SYMBOLS " + String.join(", ",
        readable.stream().map(Path::toString).toList()), readable, notes::add);
    return kernel.withExtraExports(extra);
  }

  /**
   * A kernel tree scanned from above its {@code arch/} directory is built for one architecture,
   * the target kernel's: as kbuild, kmodlint leaves the other architectures' directories out
   * (their Makefiles need their own arch Makefile's variables, their code their own
   * configuration), and says so. A directory under {@code arch/} named as a PATH is analyzed.
   */
  private static SourceTree otherArchitecturesLeftOut(SourceTree tree, List<Path> inputs, KernelDatabase kernel,
      List<Notification> notes) {
    Optional<String> arch = kernel.architecture();
    if (arch.isEmpty()) return tree;
    List<Path> out = new ArrayList<>();
    Set<Path> tops = new java.util.TreeSet<>();
    for (Path in : inputs) {
      for (Path d = Files.isDirectory(in) ? in : in.getParent(); d != null; d = d.getParent()) {
        if (Files.isDirectory(d.resolve("arch")) && Files.isRegularFile(d.resolve("Kconfig"))
            && Files.isRegularFile(d.resolve("Kbuild"))) {
          tops.add(d);
          break;
        }
      }
    }
    for (Path top : tops) {
      Path archDir = top.resolve("arch");
      try (var dirs = Files.list(archDir)) {
        for (Path a : dirs.filter(Files::isDirectory).sorted().toList()) {
          if (a.getFileName().toString().equals(arch.get())) continue;
          // named, or inside what was named: analyzed as asked
          if (inputs.stream().anyMatch(in -> in.startsWith(a))) continue;
          out.add(a);
        }
      } catch (IOException e) {
        // unreadable arch/: the walk has said so
      }
      // arch/x86/um is User-Mode Linux's (arch/um/Makefile enters it): no x86 build reads it
      Path uml = archDir.resolve(arch.get()).resolve("um");
      if (!arch.get().equals("um") && Files.isDirectory(uml) && inputs.stream().noneMatch(in -> in.startsWith(uml))) {
        out.add(uml);
      }
    }
    if (out.isEmpty()) return tree;
    notes.add(Notification.of("other-architectures-skipped", Level.NOTE, out.size() + " architecture directories"
        + " of " + tops.iterator().next() + "/arch are not analyzed (" + String.join(" ", out.stream()
        .map(p -> archName(p)).toList()) + "): the target kernel is built for " + arch.get()
        + ", and kbuild reads no other architecture's directory; name one as a PATH to analyze it"));
    return tree.without(out);
  }

  /** {@code mips}, or {@code x86/um} for User-Mode Linux's directory of an architecture. */
  private static String archName(Path dir) {
    String name = dir.getFileName().toString();
    return dir.getParent().getFileName().toString().equals("arch") ? name : dir.getParent().getFileName() + "/" + name;
  }

  /** What the front-end says about the contexts the C files were read in, each message once. */
  private static List<Notification> contextNotifications(CFrontEnd frontEnd, PreprocessorContext target,
      BuildPlan plan, SourceTree tree) {
    Set<Notification> out = new LinkedHashSet<>();
    if (tree.cFiles().isEmpty()) return List.of();
    out.addAll(frontEnd.notifications(target));
    Set<CompileFlags> seen = new HashSet<>();
    for (Path c : tree.cFiles()) {
      CompileFlags f = plan.flagsOf(c);
      if (seen.add(f)) out.addAll(frontEnd.notifications(target.withFlags(f)));
    }
    return List.copyOf(out);
  }

  /**
   * The fact cache of the run, keyed by this build of kmodlint and by the scan root (which
   * decides what an include resolves to). A cache that cannot be opened is a notification,
   * and the run goes on without it.
   */
  Optional<FactCache> factCache(AnalysisOptions options, Path root, List<Notification> notes) {
    if (options.cacheDir().isEmpty()) return Optional.empty();
    try {
      return Optional.of(resident.factCache(options.cacheDir().get(), Tool.build(), "root=" + root));
    } catch (IOException | RuntimeException e) {
      notes.add(Notification.of("cache-unavailable", Level.WARNING, "fact cache " + options.cacheDir().get()
          + " cannot be used (" + e.getMessage() + "); every file is parsed"));
      return Optional.empty();
    }
  }

  /**
   * Where the project stages are kept between runs: beside the file facts, each trusted while
   * what it read, looked up and listed is unchanged; none without a cache
   * directory (one that cannot be used: the fact cache says why).
   */
  static StageStore stageStore(AnalysisOptions options) {
    if (options.cacheDir().isEmpty()) return StageStore.NONE;
    Path dir = options.cacheDir().get();
    Map<Class<?>, StageCache<?>> caches = new java.util.concurrent.ConcurrentHashMap<>();
    return new StageStore() {
      @SuppressWarnings("unchecked")
      private <T extends Record> Optional<StageCache<T>> of(Class<T> type) {
        try {
          return Optional.of((StageCache<T>) caches.computeIfAbsent(type, t -> {
            try {
              return new StageCache<>(dir, Tool.build(), type);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }));
        } catch (java.io.UncheckedIOException e) {
          return Optional.empty();
        }
      }

      @Override
      public <T extends Record> Optional<T> load(Class<T> type, String name, String key) {
        return of(type).flatMap(c -> c.load(name, key));
      }

      @Override
      public <T extends Record> void store(Class<T> type, String name, String key, T value,
          java.util.Collection<Path> files, java.util.Collection<Path> namesLookedUp,
          java.util.Collection<Path> directoriesListed) {
        of(type).ifPresent(c -> c.store(name, key, value, files, namesLookedUp, directoriesListed));
      }
    };
  }

  /**
   * The one kernel of {@code options}: its {@code --kdir}, else the embedded kernel it names,
   * else the default embedded one; {@code --symvers} exports on top.
   */
  public static KernelDatabase kernelDatabase(AnalysisOptions options, List<Notification> notes) throws IOException {
    if (options.kernels().size() > 1)
      throw new IllegalArgumentException(options.kernels().size() + " kernels: one database for each");
    KernelExports extra = KernelExports.fromSymvers(
        String.join(", ", options.symvers().stream().map(Path::toString).toList()), options.symvers(), notes::add);
    if (options.kdir().isPresent())
      return KernelDatabase.buildDirectory(options.kdir().get(), KernelDatabase.defaultIndexCache(), extra);
    if (options.embeddedKernel().isPresent()) return KernelDatabase.embedded(options.embeddedKernel().get(), extra);
    return KernelDatabase.embedded(extra);
  }

  /**
   * Every rule on the project; the {@link AfterSuppressions} rules last, once the findings of
   * the others have been matched with the suppressions.
   */
  private List<Finding> runRules(Project project, KernelDatabase kernel, Suppressions suppressions,
      List<Notification> notes) {
    List<SuppressionDirective> directives = suppressions.directives();
    Set<String> ruleIds = new HashSet<>(registry.descriptors().stream().map(RuleDescriptor::id).toList());
    Supplier<SymbolResolution> symbols = memoized(() -> SymbolResolution.of(project, kernel));
    List<Finding> findings = new ArrayList<>();
    Set<String> unsure = new HashSet<>(); // rules that skipped something or failed: their findings are not known
    List<Rule> late = new ArrayList<>();
    for (Rule rule : registry.rules()) {
      if (rule instanceof AfterSuppressions) late.add(rule);
      else run(rule, new RunContext(RuleDescriptor.of(rule), project, kernel, symbols, directives, ruleIds), findings,
          notes, unsure);
    }
    if (!late.isEmpty()) {
      List<SuppressionDirective> unused = unused(directives, findings, ruleIds, unsure);
      for (Rule rule : late) {
        run(rule, new RunContext(RuleDescriptor.of(rule), project, kernel, symbols, directives, ruleIds, unused),
            findings, notes, unsure);
      }
    }
    return findings.stream().distinct().sorted().toList();
  }

  private static void run(Rule rule, RunContext ctx, List<Finding> findings, List<Notification> notes,
      Set<String> unsure) {
    String id = ctx.ruleId();
    try {
      rule.check(ctx);
      findings.addAll(ctx.findings());
      List<Notification> skipped = ctx.skipped();
      notes.addAll(skipped);
      if (!skipped.isEmpty()) unsure.add(id);
    } catch (RuntimeException | StackOverflowError e) {
      unsure.add(id);
      notes.add(Notification.of("rule-failure", Level.ERROR, "rule " + id + " failed and reported nothing: " + e));
    }
  }

  /**
   * The directives that would have silenced none of {@code findings}: IDs of a rule (or a
   * family of rules) of this run, each of which ran to the end without a skip and is enabled
   * for the directive's file. Misspelt and unknown IDs are meta/unknown-suppression's; an ID
   * of the meta family is never unused, nor is any ID of a comment that names
   * meta/unused-suppression too.
   */
  private List<SuppressionDirective> unused(List<SuppressionDirective> directives, List<Finding> findings,
      Set<String> ruleIds, Set<String> unsure) {
    Map<Path, List<Finding>> byFile = new java.util.HashMap<>();
    for (Finding f : findings) byFile.computeIfAbsent(f.position().file(), k -> new ArrayList<>()).add(f);
    // a comment that also names meta/unused-suppression keeps its other IDs on purpose
    Set<String> kept = new HashSet<>();
    for (SuppressionDirective d : directives) {
      if (d.scope() != SuppressionDirective.Scope.MISSPELT && d.covers("meta/unused-suppression"))
        kept.add(d.position().file() + ":" + d.position().line());
    }
    List<SuppressionDirective> out = new ArrayList<>();
    for (SuppressionDirective d : directives) {
      if (d.scope() == SuppressionDirective.Scope.MISSPELT || d.id().isEmpty()) continue;
      if (kept.contains(d.position().file() + ":" + d.position().line())) continue;
      List<String> covered = ruleIds.stream().filter(d::covers).sorted().toList();
      if (covered.isEmpty() || covered.stream().anyMatch(id -> id.startsWith("meta/"))) continue;
      Path file = d.position().file();
      if (covered.stream().anyMatch(id -> unsure.contains(id) || !enabled.test(file, id))) continue;
      boolean used = byFile.getOrDefault(file, List.of()).stream()
          .anyMatch(f -> d.covers(f.ruleId()) && d.appliesTo(f.position().line()));
      if (!used) out.add(d);
    }
    return out;
  }

  /** Computed on the first call, then the same value. */
  private static <T> Supplier<T> memoized(Supplier<T> compute) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) value = compute.get();
        return value;
      }
    };
  }

  /** The one directory all inputs are under: SARIF's %SRCROOT%. */
  static Path scanRoot(List<Path> inputs) {
    Path root = null;
    for (Path p : inputs) {
      Path dir = Files.isDirectory(p) ? p : p.getParent();
      if (root == null) root = dir;
      else while (!dir.startsWith(root)) root = root.getParent();
    }
    return root;
  }
}
