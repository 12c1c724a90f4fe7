package dev.kmodlint.compose;

import dev.kmodlint.deploy.DeployReader;
import dev.kmodlint.kbuild.KbuildDirectory;
import dev.kmodlint.kbuild.KbuildEnvironment;
import dev.kmodlint.kconfig.KconfigReader;
import dev.kmodlint.kconfig.KconfigTypes;
import dev.kmodlint.model.DeployModel;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Project;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.scan.SourceTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The project model from what the front-ends read: the facts of every C file and header,
 * the Kconfig symbols, the Makefiles of every directory (read here, on all cores), the
 * modules they compose, and the deployment files.
 */
public final class ProjectComposer {
  private ProjectComposer() {}

  public static Project compose(Path root, SourceTree tree, Map<Path, FileFacts> facts, BuildPlan plan,
      List<Notification> notes) {
    return compose(root, tree, facts, plan, notes, Optional.empty());
  }

  /**
   * The same, with only the modules that build a C file of {@code scope} when it is given (a
   * report on files named one by one needs no more: see the engine's named-file scope); the
   * files are those {@code facts} has. The Makefiles and Kconfig files are read whole either way.
   */
  public static Project compose(Path root, SourceTree tree, Map<Path, FileFacts> facts, BuildPlan plan,
      List<Notification> notes, Optional<Set<Path>> scope) {
    return compose(root, tree, facts, plan, notes, scope, StageStore.NONE);
  }

  /** The same, the Kconfig files' reading kept in {@code stages} between runs. */
  public static Project compose(Path root, SourceTree tree, Map<Path, FileFacts> facts, BuildPlan plan,
      List<Notification> notes, Optional<Set<Path>> scope, StageStore stages) {
    Map<Path, SourceFile> files = new TreeMap<>();
    List<KconfigModel.SourceReference> configRefs = new ArrayList<>();
    int unresolvedIncludes = 0;
    // C files, then headers, each sorted: the order the references were always scanned in
    for (Path p : tree.cFiles()) if (facts.containsKey(p)) unresolvedIncludes += take(facts.get(p), files, configRefs, notes);
    for (Path p : tree.headers()) if (facts.containsKey(p)) unresolvedIncludes += take(facts.get(p), files, configRefs, notes);
    if (unresolvedIncludes > 0) {
      notes.add(Notification.of("kernel-headers-not-read", Level.NOTE, unresolvedIncludes
          + " #include directives name headers outside the scanned tree (<linux/...> and the like);"
          + " kmodlint does not read kernel headers: of their macros it knows those of the target kernel's"
          + " header index (for #ifdef tests and the DEFINE_/DECLARE_ families that define at file scope),"
          + " others are not expanded and checks that would need their values are skipped, not guessed"));
    }

    KconfigTypes embeddedKconfig = KconfigTypes.embedded(); // read once: it is 20,000 symbols
    KconfigRead kconfigRead = outsideTheKernelsConfiguration(kconfig(root, tree, stages), plan.environment(), notes);
    for (KconfigRead.Unreadable u : kconfigRead.unreadable()) notes.add(Notification.at("read-failure", Level.WARNING,
        "cannot read " + u.file() + ": " + u.why(), SourcePosition.startOf(u.file())));
    KconfigModel kconfigModel = new KconfigModel(kconfigRead.definitions(), kconfigRead.choices(),
        kconfigRead.references(), kconfigRead.syntaxProblems(), embeddedKconfig.modelTypes(), embeddedKconfig.release(),
        configRefs);
    KconfigTypes kconfig = embeddedKconfig.overriddenBy(KconfigTypes.of(kconfigModel));
    List<KbuildDirectory> kbuildDirs = plan.directories();
    for (KbuildDirectory kd : kbuildDirs) notes.addAll(KbuildModelBuilder.remainingNotifications(kd));
    KbuildEnvironment env = plan.environment();
    Optional<OwnKconfigGates> ownGates = env.sourceTree().isEmpty() && env.kernelConfig().isPresent()
        ? Optional.of(new OwnKconfigGates(kconfigModel, env.kernelConfig().get())) : Optional.empty();
    List<Module> modules = new ModuleComposer(tree, files, kconfig, notes, scope, ownGates).modules(kbuildDirs);

    DeployModel deploy = DeployReader.read(tree.dkmsConfs(), tree.modprobeConfs(), tree.modulesLoadConfs(), notes::add);
    return new Project(root, modules, List.copyOf(files.values()), KbuildModelBuilder.kbuild(kbuildDirs),
        kconfigModel, deploy);
  }

  /**
   * What the Kconfig files of a tree say on their own (no kernel symbols, no C references: the
   * model adds those), and the files that could not be read, as a {@link StageStore} keeps it.
   */
  public record KconfigRead(List<KconfigModel.Definition> definitions, List<KconfigModel.Choice> choices,
      List<KconfigModel.Reference> references, List<dev.kmodlint.model.SyntaxProblem> syntaxProblems,
      List<Unreadable> unreadable) {
    /** A Kconfig file that could not be read, and why. */
    public record Unreadable(Path file, String why) {}
  }

  /**
   * In a kernel tree scanned from its top, kconfig reads the top {@code Kconfig} and what it
   * sources, the architecture's {@code arch/$(SRCARCH)/Kconfig} included; a Kconfig file that
   * none of them reaches (kconfig's own test inputs under scripts/kconfig/tests, the examples of
   * Documentation/kbuild, files only other architectures source) is no part of the kernel's
   * configuration and, as the other architectures' directories, is left out, with a note.
   */
  private static KconfigRead outsideTheKernelsConfiguration(KconfigRead read, KbuildEnvironment env,
      List<Notification> notes) {
    if (env.sourceTree().isEmpty()) return read;
    Path top = env.sourceTree().get();
    Path topKconfig = top.resolve("Kconfig");
    Set<Path> roots = new java.util.TreeSet<>();
    for (KconfigModel.Definition d : read.definitions()) roots.add(d.root());
    if (!roots.contains(topKconfig)) return read; // the top Kconfig was not scanned: what was named is analyzed
    Set<Path> outside = new java.util.TreeSet<>();
    for (KconfigModel.Definition d : read.definitions()) {
      Path r = d.root();
      // what arch/ has left (the target architecture's) is sourced through $(SRCARCH), which the
      // reader does not expand: each of its files read on its own is the kernel's
      boolean kernels = r.equals(topKconfig) || r.startsWith(top.resolve("arch"));
      if (!kernels) {
        outside.add(r);
        outside.add(d.position().file());
      }
    }
    if (outside.isEmpty()) return read;
    java.util.function.Predicate<SourcePosition> in = at -> !outside.contains(at.file());
    notes.add(Notification.of("kconfig-not-sourced", Level.NOTE, outside.size() + " Kconfig files of " + top
        + " are reached neither from its Kconfig nor from the architecture's (" + String.join(" ", outside.stream()
        .limit(6).map(f -> top.relativize(f).toString()).toList()) + (outside.size() > 6 ? " ..." : "")
        + "): kconfig never reads them for this kernel (its own test inputs, documentation examples, files only"
        + " other architectures source), and they are not analyzed; name one as a PATH to analyze it"));
    return new KconfigRead(read.definitions().stream().filter(d -> in.test(d.position())).toList(),
        read.choices().stream().filter(c -> in.test(c.position())).toList(),
        read.references().stream().filter(r -> in.test(r.position())).toList(),
        read.syntaxProblems().stream().filter(p -> in.test(p.position())).toList(), read.unreadable());
  }

  /** The Kconfig files of {@code tree} read, or as {@code stages} kept them when none of them changed. */
  private static KconfigRead kconfig(Path root, SourceTree tree, StageStore stages) {
    List<Path> files = List.copyOf(tree.kconfigs());
    if (files.isEmpty()) return new KconfigRead(List.of(), List.of(), List.of(), List.of(), List.of());
    StringBuilder key = new StringBuilder();
    for (Path f : files) key.append(f).append('\n');
    String name = "kconfig\n" + root;
    Optional<KconfigRead> kept = stages.load(KconfigRead.class, name, key.toString());
    if (kept.isPresent()) return kept.get();
    List<KconfigRead.Unreadable> unreadable = new ArrayList<>();
    Set<Path> namesLookedUp = new java.util.TreeSet<>();
    KconfigModel m = KconfigReader.read(files, Map.of(), "none", List.of(),
        (p, why) -> unreadable.add(new KconfigRead.Unreadable(p, why)), namesLookedUp);
    KconfigRead read = new KconfigRead(m.definitions(), m.choices(), m.references(), m.syntaxProblems(), unreadable);
    stages.store(KconfigRead.class, name, key.toString(), read, files, namesLookedUp, List.of());
    return read;
  }

  /**
   * What the Makefiles get from outside: the assumed kernel's release and .config (empty when
   * unknown), and the tree (a kernel source tree when the scan is inside one, for
   * {@code $(srctree)}).
   */
  public static KbuildEnvironment kbuildEnvironment(Path root, Optional<String> release,
      Optional<Map<String, String>> config) {
    KbuildEnvironment env = KbuildEnvironment.unknown().withSourceTree(KbuildEnvironment.kernelSourceTree(root));
    env = env.withTree(Optional.of(env.sourceTree().orElse(root)));
    if (config.isPresent()) env = env.withKernelConfig(config.get());
    if (release.isPresent()) env = env.withKernel(release.get());
    return env;
  }

  private static int take(FileFacts f, Map<Path, SourceFile> files, List<KconfigModel.SourceReference> configRefs,
      List<Notification> notes) {
    files.put(f.file().path(), f.file());
    configRefs.addAll(f.configReferences());
    notes.addAll(f.notifications());
    return f.unresolvedIncludes();
  }
}
