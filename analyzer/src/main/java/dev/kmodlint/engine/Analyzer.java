package dev.kmodlint.engine;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.deploy.DeployReader;
import dev.kmodlint.kbuild.KbuildDirectory;
import dev.kmodlint.kbuild.KbuildModule;
import dev.kmodlint.kbuild.KbuildObject;
import dev.kmodlint.kbuild.KbuildReader;
import dev.kmodlint.kconfig.KconfigTypes;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.kernel.KernelExports;
import dev.kmodlint.model.DeployModel;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleObject;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Project;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs one analysis: collects the tree, parses C files on all cores, composes modules the way
 * Kbuild does, runs every rule on the resulting model and sorts what they found.
 */
public final class Analyzer {
  private final RuleRegistry registry;

  public Analyzer(RuleRegistry registry) {
    this.registry = registry;
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
    KernelDatabase kernel = kernelDatabase(options, notes);
    if (!registry.rules().isEmpty()) {
      // the symbol rules need the exports and the header index: read them while files are parsed
      Thread prefetch = new Thread(() -> {
        try {
          kernel.exports();
          kernel.headers();
          kernel.config();
        } catch (RuntimeException e) {
          // the rule that needs it reads it again and reports the failure
        }
      }, "kmodlint-kernel-database");
      prefetch.setDaemon(true);
      prefetch.start();
    }
    SourceTree tree = SourceTree.walk(inputs);
    notes.addAll(tree.notifications);

    Optional<FactCache> cache = factCache(options, root, notes);
    progress.started(tree.cFiles.size() + tree.headers.size());
    ParallelParser parser = new ParallelParser(new FileAnalysis(new CFrontEnd(root), cache), options.jobs(),
        options.fileTimeout(), progress::fileDone);
    Map<Path, FileFacts> facts = parser.analyze(List.copyOf(tree.cFiles), List.copyOf(tree.headers));
    progress.finished();
    cache.ifPresent(c -> progress.cacheUsed(c.hits.get(), c.misses.get(), c.rejected.get()));
    Map<Path, SourceFile> files = new TreeMap<>();
    List<KconfigModel.SourceReference> configRefs = new ArrayList<>();
    int unresolvedIncludes = 0;
    // C files, then headers, each sorted: the order the references were always scanned in
    for (Path p : tree.cFiles) unresolvedIncludes += take(facts.get(p), files, configRefs, notes);
    for (Path p : tree.headers) unresolvedIncludes += take(facts.get(p), files, configRefs, notes);
    if (unresolvedIncludes > 0) {
      notes.add(Notification.of("kernel-headers-not-read", Level.NOTE, unresolvedIncludes
          + " #include directives name headers outside the scanned tree (<linux/...> and the like);"
          + " kmodlint does not read kernel headers, so macros defined only there are not expanded"
          + " and checks that would need their values are skipped, not guessed"));
    }

    KconfigTypes embeddedKconfig = KconfigTypes.embedded(); // read once: it is 20,000 symbols
    KconfigModel kconfigModel = BuildConfiguration.kconfig(tree, embeddedKconfig, configRefs, notes);
    KconfigTypes kconfig = embeddedKconfig.overriddenBy(KconfigTypes.of(kconfigModel));
    List<KbuildDirectory> kbuildDirs = new ArrayList<>();
    List<Module> modules = new ArrayList<>();
    Set<Path> claimed = new HashSet<>();
    int unknownGates = 0;
    for (KbuildDirectory kd : readKbuild(tree, options.jobs(), kbuildEnvironment(kernel, root))) {
      Path dir = kd.directory();
      kbuildDirs.add(kd);
      notes.addAll(BuildConfiguration.remainingNotifications(kd));
      // a Makefile whose lists kmodlint cannot evaluate may build any C file beside it
      if (kd.opaque()) claimed.addAll(tree.cFilesByDir.getOrDefault(dir, List.of()));
      claimed.addAll(kd.sources());
      for (KbuildModule km : kd.modules()) {
        for (KbuildObject o : km.objects()) o.source().ifPresent(s -> claimed.add(s.toAbsolutePath().normalize()));
        if (km.linkage() == KbuildModule.Linkage.BUILTIN) continue;
        if (km.linkage() == KbuildModule.Linkage.CONFIGURABLE) {
          Optional<Boolean> canBeModule = canBeModule(km, kconfig);
          if (canBeModule.isEmpty()) unknownGates++;
          else if (!canBeModule.get()) continue;
        }
        modules.add(module(km, dir, files));
      }
    }
    if (unknownGates > 0) {
      notes.add(Notification.of("config-type-unknown", Level.NOTE, unknownGates
          + " obj-$(CONFIG_...) objects are gated by symbols defined neither in a scanned Kconfig nor in "
          + kconfig.release() + "; they are analyzed as loadable modules"));
    }
    modules.addAll(standaloneModules(tree, files, claimed, notes));
    modules.sort((a, b) -> a.anchor().compareTo(b.anchor()));

    DeployModel deploy = DeployReader.read(tree.dkmsConfs, tree.modprobeConfs, tree.modulesLoadConfs, notes::add);
    Project project = new Project(root, modules, List.copyOf(files.values()), BuildConfiguration.kbuild(kbuildDirs),
        kconfigModel, deploy);
    Suppressions suppressions = Suppressions.read(tree.textFiles());
    List<Finding> all = runRules(project, kernel, suppressions.directives(), notes);
    List<Finding> findings = new ArrayList<>();
    List<Finding> suppressed = new ArrayList<>();
    for (Finding f : all) (suppressions.suppressing(f).isPresent() ? suppressed : findings).add(f);
    notes.addAll(kernel.notifications());
    notes.sort(null);
    return new AnalysisResult(root, project, registry.descriptors(), findings, notes, start,
        Instant.now(), true, files.size(), suppressed);
  }

  /** What the Makefiles get from outside: the assumed kernel's release and .config, the tree. */
  private static dev.kmodlint.kbuild.KbuildEnvironment kbuildEnvironment(KernelDatabase kernel, Path root) {
    dev.kmodlint.kbuild.KbuildEnvironment env = dev.kmodlint.kbuild.KbuildEnvironment.unknown()
        .withSourceTree(dev.kmodlint.kbuild.KbuildEnvironment.kernelSourceTree(root));
    env = env.withTree(Optional.of(env.sourceTree().orElse(root)));
    Optional<dev.kmodlint.kernel.KernelConfig> config = kernel.config();
    if (config.isPresent()) env = env.withKernelConfig(config.get().values()).withKernel(config.get().release());
    return env;
  }

  /** The Makefiles of the tree, read on all cores, in directory order. */
  private static List<KbuildDirectory> readKbuild(SourceTree tree, int jobs,
      dev.kmodlint.kbuild.KbuildEnvironment env) {
    List<Path> dirs = List.copyOf(tree.kbuildDirs);
    KbuildReader reader = new KbuildReader(env);
    if (jobs <= 1 || dirs.size() < 2) return KbuildReader.settle(dirs.stream().map(reader::read).toList());
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(jobs);
    try {
      return KbuildReader.settle(pool.submit(() -> dirs.parallelStream().map(reader::read).toList()).join());
    } finally {
      pool.shutdown();
    }
  }

  /** True for tristate, false for bool only, empty when no scanned Kconfig tells. */
  private static Optional<Boolean> canBeModule(KbuildModule km, KconfigTypes kconfig) {
    boolean unknown = false;
    for (String sym : km.gatingConfigs()) {
      Optional<KconfigTypes.Type> t = kconfig.typeOf(sym);
      if (t.isEmpty()) unknown = true;
      else if (t.get() == KconfigTypes.Type.TRISTATE) return Optional.of(true);
    }
    if (km.gatingConfigs().isEmpty()) return Optional.of(true);
    return unknown ? Optional.empty() : Optional.of(false);
  }

  private static Module module(KbuildModule km, Path dir, Map<Path, SourceFile> files) {
    List<ModuleObject> objects = new ArrayList<>();
    for (KbuildObject o : km.objects()) {
      Optional<SourceFile> src = o.source().map(s -> s.toAbsolutePath().normalize()).map(s -> {
        SourceFile f = files.get(s);
        return f != null ? f : SourceFile.unparsed(s, s.toString().endsWith(".S")
            ? SourceFile.Kind.ASSEMBLY : SourceFile.Kind.C, Optional.empty());
      });
      objects.add(new ModuleObject(o.name(), src, Optional.of(o.listedAt())));
    }
    return new Module(km.name(), dir, Module.Origin.KBUILD, objects, Optional.of(km.declaredAt()),
        km.gatingConfigs());
  }

  /**
   * C files that no Makefile builds and no other C file includes, but that carry
   * {@code module_init} or {@code MODULE_LICENSE}: each is taken as a module of its own,
   * which is how a bare directory of sources is usually meant.
   */
  private static List<Module> standaloneModules(SourceTree tree, Map<Path, SourceFile> files,
      Set<Path> claimed, List<Notification> notes) {
    Set<Path> included = new HashSet<>();
    for (SourceFile f : files.values()) included.addAll(f.localIncludes());
    Map<Path, List<Module>> byDir = new LinkedHashMap<>();
    for (Path c : tree.cFiles) {
      SourceFile f = files.get(c);
      if (f == null || claimed.contains(c) || included.contains(c) || !f.declaresModule()) continue;
      String name = c.getFileName().toString().replaceFirst("\\.c$", "");
      Module m = new Module(name, c.getParent(), Module.Origin.STANDALONE,
          List.of(new ModuleObject(name + ".o", Optional.of(f), Optional.empty())),
          Optional.empty(), Set.of());
      byDir.computeIfAbsent(c.getParent(), d -> new ArrayList<>()).add(m);
    }
    List<Module> out = new ArrayList<>();
    for (Map.Entry<Path, List<Module>> e : byDir.entrySet()) {
      out.addAll(e.getValue());
      boolean hasMakefile = tree.kbuildDirs.contains(e.getKey());
      notes.add(Notification.at("module-without-kbuild", Level.NOTE,
          (hasMakefile ? "the Kbuild/Makefile of " + e.getKey() + " builds no object from "
              : "no Kbuild or Makefile in " + e.getKey() + " builds ")
              + e.getValue().size() + " C file(s) with module_init or MODULE_LICENSE;"
              + " each is analyzed as a module of its own: "
              + String.join(", ", e.getValue().stream().map(Module::name).toList()),
          e.getValue().get(0).anchor()));
    }
    return out;
  }

  private static int take(FileFacts f, Map<Path, SourceFile> files, List<KconfigModel.SourceReference> configRefs,
      List<Notification> notes) {
    files.put(f.file().path(), f.file());
    configRefs.addAll(f.configReferences());
    notes.addAll(f.notifications());
    return f.unresolvedIncludes();
  }

  /**
   * The fact cache of the run, keyed by this build of kmodlint and by the scan root (which
   * decides what an include resolves to). A cache that cannot be opened is a notification,
   * and the run goes on without it.
   */
  private static Optional<FactCache> factCache(AnalysisOptions options, Path root, List<Notification> notes) {
    if (options.cacheDir().isEmpty()) return Optional.empty();
    try {
      return Optional.of(new FactCache(options.cacheDir().get(), Tool.build(), "root=" + root));
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

  private List<Finding> runRules(Project project, KernelDatabase kernel, List<Suppressions.Directive> directives,
      List<Notification> notes) {
    Set<String> ruleIds = new HashSet<>(registry.descriptors().stream().map(RuleDescriptor::id).toList());
    List<Finding> findings = new ArrayList<>();
    Linkage[] linkage = {null};
    for (Rule rule : registry.rules()) {
      RuleDescriptor d = RuleDescriptor.of(rule);
      List<Finding> out = new ArrayList<>();
      List<Notification> skipped = new ArrayList<>();
      RuleContext ctx = new RuleContext() {
        @Override
        public Project project() {
          return project;
        }

        @Override
        public KernelDatabase kernel() {
          return kernel;
        }

        @Override
        public Linkage linkage() {
          if (linkage[0] == null) linkage[0] = Linkage.of(project, kernel);
          return linkage[0];
        }

        @Override
        public List<Suppressions.Directive> suppressionDirectives() {
          return directives;
        }

        @Override
        public Set<String> ruleIds() {
          return ruleIds;
        }

        @Override
        public void report(SourcePosition at, String message, List<Finding.Related> related,
            List<Finding.Fix> fixes, List<Finding.Related> flow) {
          out.add(new Finding(d.id(), d.level(), message, at, related, fixes, flow));
        }

        @Override
        public void skip(SourcePosition at, String why) {
          skipped.add(Notification.at("rule-skipped", Level.NOTE, d.id() + " not checked: " + why, at));
        }
      };
      try {
        rule.check(ctx);
        findings.addAll(out);
        skipped.stream().distinct().forEach(notes::add);
      } catch (RuntimeException | StackOverflowError e) {
        notes.add(Notification.of("rule-failure", Level.ERROR,
            "rule " + d.id() + " failed and reported nothing: " + e));
      }
    }
    return findings.stream().distinct().sorted().toList();
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
