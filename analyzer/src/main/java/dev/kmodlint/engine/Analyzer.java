package dev.kmodlint.engine;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.c.PreprocessorContext;
import dev.kmodlint.cache.FactCache;
import dev.kmodlint.compose.BuildPlan;
import dev.kmodlint.compose.ProjectComposer;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one analysis: collects the tree, parses C files on all cores, composes modules the way
 * Kbuild does, runs every rule on the resulting model and sorts what they found.
 */
public final class Analyzer {
  private final RuleRegistry registry;
  private final Resident resident;

  public Analyzer(RuleRegistry registry) {
    this(registry, Resident.NONE);
  }

  /** An analyzer of a long-lived process, which keeps the kernel database and file facts in {@code resident}. */
  public Analyzer(RuleRegistry registry, Resident resident) {
    this.registry = registry;
    this.resident = resident;
  }

  public AnalysisResult analyze(AnalysisOptions options) throws IOException {
    return analyze(options, AnalysisProgress.NONE);
  }

  public AnalysisResult analyze(AnalysisOptions options, AnalysisProgress progress) throws IOException {
    Instant start = Instant.now();
    List<Path> inputs = new ArrayList<>();
    for (Path in : options.inputs()) {
      Path abs = in.toAbsolutePath().normalize();
      if (!Files.exists(abs)) throw new NoSuchFileException(in.toString(), null, "no such file or directory");
      inputs.add(abs);
    }
    Path root = scanRoot(inputs);
    List<Notification> notes = new ArrayList<>();
    KernelDatabase opened = resident.kernelDatabase(options, notes);
    KernelDatabase kernel = opened;
    if (!registry.rules().isEmpty()) {
      // read in the order the run needs them, while the tree is walked and files are parsed: the
      // .config for the Makefiles, the header index (its macro fingerprint is part of every C
      // file's context), the exports for the symbol rules
      Thread prefetch = new Thread(() -> {
        try {
          opened.config();
          opened.headers().macroFingerprint();
          opened.exports();
        } catch (RuntimeException e) {
          // the rule that needs it reads it again and reports the failure
        }
      }, "kmodlint-kernel-database");
      prefetch.setDaemon(true);
      prefetch.start();
    }
    SourceTree tree = SourceTree.walk(inputs);
    notes.addAll(tree.notifications());

    // the Makefiles first: they say how the build preprocesses each C file
    Optional<KernelConfig> config = opened.config();
    BuildPlan plan = BuildPlan.read(tree, options.jobs(), ProjectComposer.kbuildEnvironment(
        root, config.map(KernelConfig::release), config.map(KernelConfig::values)));

    kernel = withExtraSymbols(kernel, plan, tree, notes);

    Optional<FactCache> cache = factCache(options, root, notes);
    // headers are read within the repository: a module may include "../include/x.h"
    Path repository = SourceTree.repositoryOf(root);
    CFrontEnd frontEnd = new CFrontEnd(repository);
    // each C file as the build preprocesses it: its flags, the target kernel's version,
    // configuration and header macros
    PreprocessorContext target = TargetContext.of(kernel);
    FileAnalysis analysis = new FileAnalysis(frontEnd, cache, file -> target.withFlags(plan.flagsOf(file)));
    ParallelParser parser = new ParallelParser(analysis, options.jobs(), options.fileTimeout(), progress::fileDone);
    Optional<Set<Path>> named = NamedFileScope.applicable(options.namedFiles(), tree, plan);
    Map<Path, FileFacts> facts;
    Optional<Set<Path>> scope = Optional.empty();
    if (named.isPresent()) {
      // files named one by one: their modules and what the cross-module rules relate to them
      int[] total = {0};
      NamedFileScope.Selection selected = NamedFileScope.select(named.get(), tree, plan, repository,
          kernel.headers(), CFrontEnd.preludeMacros(), (cFiles, headers) -> {
            total[0] += cFiles.size() + headers.size();
            progress.started(total[0]);
            return parser.analyze(cFiles, headers);
          });
      facts = selected.facts();
      scope = Optional.of(selected.cFiles());
    } else {
      progress.started(tree.cFiles().size() + tree.headers().size());
      facts = parser.analyze(List.copyOf(tree.cFiles()), List.copyOf(tree.headers()));
    }
    progress.finished();
    notes.addAll(contextNotifications(frontEnd, target, plan, tree));
    cache.ifPresent(c -> progress.cacheUsed(c.hits(), c.misses(), c.rejected()));
    Project project = ProjectComposer.compose(root, tree, facts, plan, notes, scope);
    // the directives of the files read; those of any other file a finding is in are read when it is met
    Suppressions suppressions = Suppressions.read(named.isPresent() ? new java.util.TreeSet<>(facts.keySet())
        : tree.textFiles(), facts);
    List<Finding> all = runRules(project, kernel, suppressions.directives(), notes);
    List<Finding> findings = new ArrayList<>();
    List<Finding> suppressed = new ArrayList<>();
    for (Finding f : all) (suppressions.suppressing(f).isPresent() ? suppressed : findings).add(f);
    notes.addAll(kernel.notifications());
    notes.sort(null);
    // a rule that failed reported nothing: the run did not do all it was asked to
    boolean complete = notes.stream().noneMatch(n -> n.id().equals("rule-failure"));
    return new AnalysisResult(root, project, registry.descriptors(), findings, notes, start,
        Instant.now(), complete, project.files().size(), suppressed);
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
  private Optional<FactCache> factCache(AnalysisOptions options, Path root, List<Notification> notes) {
    if (options.cacheDir().isEmpty()) return Optional.empty();
    try {
      return Optional.of(resident.factCache(options.cacheDir().get(), Tool.build(), "root=" + root));
    } catch (IOException | RuntimeException e) {
      notes.add(Notification.of("cache-unavailable", Level.WARNING, "fact cache " + options.cacheDir().get()
          + " cannot be used (" + e.getMessage() + "); every file is parsed"));
      return Optional.empty();
    }
  }

  /** The kernel of {@code --kdir}, else the embedded one; {@code --symvers} exports on top. */
  public static KernelDatabase kernelDatabase(AnalysisOptions options, List<Notification> notes) throws IOException {
    KernelExports extra = KernelExports.fromSymvers(
        String.join(", ", options.symvers().stream().map(Path::toString).toList()), options.symvers(), notes::add);
    return options.kdir().isPresent()
        ? KernelDatabase.buildDirectory(options.kdir().get(), KernelDatabase.defaultIndexCache(), extra)
        : KernelDatabase.embedded(extra);
  }

  private List<Finding> runRules(Project project, KernelDatabase kernel, List<SuppressionDirective> directives,
      List<Notification> notes) {
    Set<String> ruleIds = new HashSet<>(registry.descriptors().stream().map(RuleDescriptor::id).toList());
    Supplier<SymbolResolution> symbols = memoized(() -> SymbolResolution.of(project, kernel));
    List<Finding> findings = new ArrayList<>();
    for (Rule rule : registry.rules()) {
      RuleDescriptor d = RuleDescriptor.of(rule);
      RunContext ctx = new RunContext(d, project, kernel, symbols, directives, ruleIds);
      try {
        rule.check(ctx);
        findings.addAll(ctx.findings());
        notes.addAll(ctx.skipped());
      } catch (RuntimeException | StackOverflowError e) {
        notes.add(Notification.of("rule-failure", Level.ERROR,
            "rule " + d.id() + " failed and reported nothing: " + e));
      }
    }
    return findings.stream().distinct().sorted().toList();
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
