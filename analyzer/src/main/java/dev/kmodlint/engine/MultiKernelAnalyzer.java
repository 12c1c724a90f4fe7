package dev.kmodlint.engine;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.cache.FactCache;
import dev.kmodlint.compose.BuildPlan;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.scan.SourceTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One analysis against several kernels ({@code --kernel 6.1,6.12}): a pass of {@link Analyzer}
 * per kernel, each with that kernel's database and preprocessor context (its version,
 * {@code .config} and header macros decide the conditional code of every C file, and each
 * file's facts are cached per context), every rule run per kernel, then the findings merged.
 * What no kernel changes is done once: the walk of the tree, the suppression comments, the
 * headers' facts, and the reading of the Makefiles for every kernel whose configuration
 * agrees with an earlier one's wherever they look ({@link BuildPlan#readsTheSameWay}).
 *
 * <p>Merged, a finding is one result however many kernels it holds on: findings of two passes
 * are the same when rule, level, place and message agree, the message taken without the
 * kernel's own name and release ("... exported by vmlinux of Debian linux-headers 6.1..."). A
 * finding of every kernel reads as a run against one kernel (the first where it holds) gives
 * it; one of some kernels says where ({@link Finding#kernels()}). With one kernel this is
 * {@link Analyzer}'s run exactly.
 */
public final class MultiKernelAnalyzer {
  private final RuleRegistry registry;
  private final Analyzer analyzer;

  public MultiKernelAnalyzer(RuleRegistry registry) {
    this(registry, Resident.NONE);
  }

  public MultiKernelAnalyzer(RuleRegistry registry, Resident resident) {
    this(new Analyzer(registry, resident), registry);
  }

  /** The passes of {@code analyzer}, whose rules are {@code registry}'s. */
  MultiKernelAnalyzer(Analyzer analyzer, RuleRegistry registry) {
    this.registry = registry;
    this.analyzer = analyzer;
  }

  /**
   * This analyzer, told which rules the configuration turns off for a file (see
   * {@link Analyzer#withRulesEnabled}).
   */
  public MultiKernelAnalyzer withRulesEnabled(java.util.function.BiPredicate<Path, String> enabledForFile) {
    return new MultiKernelAnalyzer(analyzer.withRulesEnabled(enabledForFile), registry);
  }

  /** One kernel's part of a run: its name in the report, its database, and its own result. */
  public record KernelPass(String name, KernelDatabase kernel, AnalysisResult result) {}

  /** A run: the merged result, and each kernel's, in the order the kernels were given. */
  public record Outcome(AnalysisResult merged, List<KernelPass> kernels) {
    public Outcome {
      kernels = List.copyOf(kernels);
    }
  }

  public AnalysisResult analyze(AnalysisOptions options) throws IOException {
    return analyze(options, AnalysisProgress.NONE);
  }

  /**
   * The merged result of {@link #analyzeEach}; the model of each kernel but the first is let go
   * once its rules have run (a whole tree's facts are gigabytes).
   */
  public AnalysisResult analyze(AnalysisOptions options, AnalysisProgress progress) throws IOException {
    return run(options, progress, false).merged();
  }

  /** Analyzes against every kernel of {@code options} (none: the default one). */
  public Outcome analyzeEach(AnalysisOptions options, AnalysisProgress progress) throws IOException {
    return run(options, progress, true);
  }

  /** {@code keepEach}: whether the outcome keeps each kernel's result (else only the merged one). */
  private Outcome run(AnalysisOptions options, AnalysisProgress progress, boolean keepEach) throws IOException {
    List<AnalysisOptions> each = new ArrayList<>();
    if (options.kernels().size() <= 1) each.add(options);
    else for (KernelTarget t : options.kernels()) each.add(options.withKernels(List.of(t)));

    Analyzer.Scan scan = Analyzer.scan(options);
    List<Analyzer.Opened> opened = new ArrayList<>();
    for (AnalysisOptions o : each) opened.add(analyzer.open(o, new ArrayList<>()));
    Analyzer.SourceTreeScan walked = Analyzer.walk(scan, options);
    Optional<FactCache> cache = analyzer.factCache(options, scan.root(), walked.notes());
    SourceTree tree = walked.tree();
    // files named one by one: each pass says how many it reads as it finds them (NamedFileScope)
    boolean named = !options.namedFiles().isEmpty();
    if (!named) progress.started(each.size() * tree.cFiles().size() + tree.headers().size());
    int[] earlierPasses = {0};
    int[] thisPass = {0};
    AnalysisProgress files = new AnalysisProgress() {
      @Override
      public void started(int n) {
        thisPass[0] = n;
        progress.started(earlierPasses[0] + n);
      }

      @Override
      public void fileDone() {
        progress.fileDone();
      }
    };
    CFrontEnd frontEnd = new CFrontEnd(SourceTree.repositoryOf(scan.root()));
    List<Analyzer.Pass> passes = new ArrayList<>();
    Optional<BuildPlan> plan = Optional.empty();
    Map<Path, FileFacts> headers = Map.of();
    for (int i = 0; i < each.size(); i++) {
      Analyzer.Pass p = analyzer.pass(walked, each.get(i), opened.get(i), cache, frontEnd, plan, headers, files);
      earlierPasses[0] += thisPass[0];
      thisPass[0] = 0;
      plan = Optional.of(p.plan());
      headers = p.headerFacts();
      // what the merge needs of a later kernel is its findings and notifications
      if (!keepEach && i > 0)
        p = new Analyzer.Pass(p.kernel(), null, p.findings(), p.suppressed(), p.notes(), p.complete(), null, Map.of());
      passes.add(p);
    }
    progress.finished();
    cache.ifPresent(c -> progress.cacheUsed(c.hits(), c.misses(), c.rejected()));

    Instant end = Instant.now();
    List<String> names = names(passes);
    List<KernelPass> kernels = new ArrayList<>();
    for (int i = 0; i < passes.size() && (keepEach || i == 0); i++) {
      Analyzer.Pass p = passes.get(i);
      List<Notification> notes = new ArrayList<>(walked.notes());
      notes.addAll(p.notes());
      notes.sort(null);
      kernels.add(new KernelPass(names.get(i), p.kernel(), new AnalysisResult(scan.root(), p.project(),
          registry.descriptors(), p.findings(), notes, scan.start(), end, p.complete(), p.project().files().size(),
          p.suppressed())));
    }
    if (passes.size() == 1) return new Outcome(kernels.get(0).result(), kernels);

    List<List<Finding>> findings = new ArrayList<>();
    List<List<Finding>> suppressed = new ArrayList<>();
    List<List<Notification>> notes = new ArrayList<>();
    for (Analyzer.Pass p : passes) {
      findings.add(p.findings());
      suppressed.add(p.suppressed());
      notes.add(p.notes());
    }
    List<KernelDatabase> databases = passes.stream().map(Analyzer.Pass::kernel).toList();
    List<Notification> mergedNotes = new ArrayList<>(walked.notes());
    mergedNotes.addAll(mergeNotifications(notes, databases, names));
    mergedNotes.sort(null);
    Analyzer.Pass first = passes.get(0);
    boolean complete = passes.stream().allMatch(Analyzer.Pass::complete);
    AnalysisResult merged = new AnalysisResult(scan.root(), first.project(), registry.descriptors(),
        mergeFindings(findings, databases, names), mergedNotes, scan.start(), end, complete,
        first.project().files().size(), mergeFindings(suppressed, databases, names), names);
    return new Outcome(merged, kernels);
  }

  /**
   * How the report names each kernel: an embedded kernel by its name ({@code 6.12}), a build
   * directory by its release; two of one name are told apart by their position in the list.
   */
  private static List<String> names(List<Analyzer.Pass> passes) {
    List<String> out = new ArrayList<>();
    for (Analyzer.Pass p : passes) {
      String name = p.kernel().name();
      if (name == null || name.isBlank()) name = "kernel";
      String unique = name;
      for (int n = 2; out.contains(unique); n++) unique = name + "#" + n;
      out.add(unique);
    }
    return out;
  }

  /** What a finding says, less what names the kernel it was found on (its description, then its release). */
  static String withoutKernel(String message, KernelDatabase kernel) {
    String out = message;
    if (kernel.description() != null && !kernel.description().isBlank())
      out = out.replace(kernel.description(), "\u0001kernel\u0001");
    if (kernel.release() != null && kernel.release().length() > 2 && !kernel.release().equals("unknown"))
      out = out.replace(kernel.release(), "\u0001release\u0001");
    return out;
  }

  /** Which finding of a pass is which: the n-th of equal ones in a pass is the n-th of the others. */
  private record FindingKey(String ruleId, Level level, SourcePosition position, String message, int occurrence) {}

  /**
   * One finding per group of equal findings of the passes ({@code byKernel}, in the order of
   * {@code names}): as found, when all passes have it; else said to hold on those that do.
   */
  static List<Finding> mergeFindings(List<List<Finding>> byKernel, List<KernelDatabase> kernels, List<String> names) {
    Map<FindingKey, Finding> first = new LinkedHashMap<>();
    Map<FindingKey, TreeSet<Integer>> where = new HashMap<>();
    for (int k = 0; k < byKernel.size(); k++) {
      Map<List<Object>, Integer> seen = new HashMap<>();
      for (Finding f : byKernel.get(k)) {
        String message = withoutKernel(f.message(), kernels.get(k));
        List<Object> base = List.of(f.ruleId(), f.level(), f.position(), message);
        int n = seen.merge(base, 1, Integer::sum);
        FindingKey key = new FindingKey(f.ruleId(), f.level(), f.position(), message, n);
        first.putIfAbsent(key, f);
        where.computeIfAbsent(key, x -> new TreeSet<>()).add(k);
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<FindingKey, Finding> e : first.entrySet()) {
      TreeSet<Integer> on = where.get(e.getKey());
      if (on.size() == byKernel.size()) out.add(e.getValue());
      else out.add(e.getValue().onKernels(on.stream().map(names::get).toList()));
    }
    out.sort(null);
    return out;
  }

  private record NoteKey(String id, Level level, Optional<SourcePosition> position, String message, int occurrence) {}

  /**
   * Each notification once: as told, when every pass told it; else with the kernels it was
   * told for in front ({@code [6.12] ...}).
   */
  static List<Notification> mergeNotifications(List<List<Notification>> byKernel, List<KernelDatabase> kernels,
      List<String> names) {
    Map<NoteKey, Notification> first = new LinkedHashMap<>();
    Map<NoteKey, TreeSet<Integer>> where = new HashMap<>();
    for (int k = 0; k < byKernel.size(); k++) {
      Map<List<Object>, Integer> seen = new HashMap<>();
      for (Notification n : byKernel.get(k)) {
        String message = withoutKernel(n.message(), kernels.get(k));
        List<Object> base = List.of(n.id(), n.level(), n.position(), message);
        int count = seen.merge(base, 1, Integer::sum);
        NoteKey key = new NoteKey(n.id(), n.level(), n.position(), message, count);
        first.putIfAbsent(key, n);
        where.computeIfAbsent(key, x -> new TreeSet<>()).add(k);
      }
    }
    List<Notification> out = new ArrayList<>();
    for (Map.Entry<NoteKey, Notification> e : first.entrySet()) {
      TreeSet<Integer> on = where.get(e.getKey());
      Notification n = e.getValue();
      if (on.size() == byKernel.size()) out.add(n);
      else out.add(new Notification(n.id(), n.level(), "[" + String.join(",", on.stream().map(names::get).toList())
          + "] " + n.message(), n.position()));
    }
    return out;
  }
}
