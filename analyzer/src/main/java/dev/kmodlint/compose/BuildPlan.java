package dev.kmodlint.compose;

import dev.kmodlint.kbuild.KbuildDirectory;
import dev.kmodlint.kbuild.KbuildEnvironment;
import dev.kmodlint.kbuild.KbuildModule;
import dev.kmodlint.kbuild.KbuildObject;
import dev.kmodlint.kbuild.KbuildReader;
import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.scan.SourceTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * What the Makefiles of the tree say the build does, read before any C file is parsed: the
 * directories with their modules, and what the build passes to the preprocessor for each
 * source ({@code ccflags-y}, {@code CFLAGS_foo.o}...), which the C front-end needs to see the
 * file as the compiler does.
 */
public final class BuildPlan {
  private final List<KbuildDirectory> directories;
  private final Map<Path, CompileFlags> flags;
  private final KbuildEnvironment env;
  private final java.util.Set<String> outsideValuesRead;
  private final SourceTree tree;
  private final List<Path> filesRead;
  private final List<Path> namesLookedUp;
  private final List<Path> directoriesListed;

  private BuildPlan(List<KbuildDirectory> directories, KbuildEnvironment env, java.util.Set<String> outsideValuesRead,
      SourceTree tree, List<Path> filesRead, List<Path> namesLookedUp, List<Path> directoriesListed) {
    this.tree = tree;
    this.directories = List.copyOf(directories);
    this.flags = Map.copyOf(flagsOf(this.directories));
    this.env = env;
    this.outsideValuesRead = java.util.Set.copyOf(outsideValuesRead);
    this.filesRead = List.copyOf(filesRead);
    this.namesLookedUp = List.copyOf(namesLookedUp);
    this.directoriesListed = List.copyOf(directoriesListed);
  }

  /**
   * A plan as a {@link StageStore} keeps it between runs: the directories as read, the values from outside
   * the files their reading took (each with the value it had), and the files it read, the names
   * it looked up and the directories it listed ({@link dev.kmodlint.kbuild.MakefileInputs}).
   */
  public record Saved(List<KbuildDirectory> directories, List<OutsideValue> outsideValues, List<Path> files,
      List<Path> namesLookedUp, List<Path> directoriesListed) {}

  /** A value from outside the Makefiles ({@code CONFIG_X}, {@code KERNELRELEASE}...) and what it was; empty: not set. */
  public record OutsideValue(String name, java.util.Optional<String> value) {}


  /** What the Makefiles were read with from outside: the kernel's .config and release, the command line, the trees. */
  public KbuildEnvironment environment() {
    return env;
  }

  /** The Makefiles of the tree, read on all cores, in directory order. */
  public static BuildPlan read(SourceTree tree, int jobs, KbuildEnvironment env) {
    List<Path> dirs = List.copyOf(tree.kbuildDirs());
    KbuildReader reader = new KbuildReader(env);
    List<KbuildDirectory> read;
    if (jobs <= 1 || dirs.size() < 2) {
      read = KbuildReader.settle(dirs.stream().map(reader::read).toList());
    } else {
      ForkJoinPool pool = new ForkJoinPool(jobs);
      try {
        read = KbuildReader.settle(pool.submit(() -> dirs.parallelStream().map(reader::read).toList()).join());
      } finally {
        pool.shutdown();
      }
    }
    return new BuildPlan(read, env, reader.outsideValuesRead(), tree, reader.inputs().files(),
        reader.inputs().namesLookedUp(), reader.inputs().directoriesListed());
  }

  /**
   * A source built into several objects takes the flags of the first, in directory order: the
   * same file compiled twice with different flags is rare, and its facts are one set either way.
   */
  private static Map<Path, CompileFlags> flagsOf(List<KbuildDirectory> read) {
    Map<Path, CompileFlags> flags = new HashMap<>();
    for (KbuildDirectory d : read)
      for (KbuildModule m : d.modules())
        for (KbuildObject o : m.objects())
          o.source().ifPresent(s -> flags.putIfAbsent(s.toAbsolutePath().normalize(), o.flags()));
    return flags;
  }

  /** What a {@link StageStore} keeps of this plan. */
  Saved saved() {
    List<OutsideValue> values = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(outsideValuesRead)) values.add(new OutsideValue(name, valueOf(name, env)));
    return new Saved(directories, values, filesRead, namesLookedUp, directoriesListed);
  }

  /** A value from outside as the Makefiles see it in {@code env} (as {@link #readsTheSameWay} compares them). */
  private static java.util.Optional<String> valueOf(String name, KbuildEnvironment env) {
    if (name.startsWith("CONFIG_")) return env.kernelConfig().map(c -> c.get(name));
    if (name.equals("KERNELRELEASE")) return env.kernelRelease();
    return env.kernelVersion(); // VERSION, PATCHLEVEL, SUBLEVEL
  }

  /**
   * What names a kept plan of {@code tree} read in {@code env}: the scan root and kernel (the
   * file it is kept in), and everything besides the files that its reading gets (the command
   * line, the trees, whether there is a .config, the directories to read).
   */
  private static String[] storeKey(SourceTree tree, Path root, KbuildEnvironment env) {
    String name = "kbuild\n" + root + "\n" + env.kernelRelease().orElse("-");
    StringBuilder key = new StringBuilder(name).append('\n').append(new java.util.TreeMap<>(env.commandLine()))
        .append('\n').append(env.sourceTree()).append('\n').append(env.tree()).append('\n')
        .append(env.kernelConfig().isPresent()).append('\n');
    for (Path d : tree.kbuildDirs()) key.append(d).append('\n');
    return new String[] {name, key.toString()};
  }

  /**
   * True when the Makefiles of {@code files} (the tree this plan was read from), read in
   * {@code other}, would give this plan again: every value
   * from outside the files their reading depended on ({@link KbuildReader#outsideValuesRead})
   * is the same there, and so is everything else the reading gets (the command line, the
   * trees). A run against several kernels reads the Makefiles once for all the kernels whose
   * configurations agree where the Makefiles look.
   */
  public boolean readsTheSameWay(SourceTree files, KbuildEnvironment other) {
    if (files != tree) return false; // another kernel's architecture leaves other directories out
    if (!other.commandLine().equals(env.commandLine()) || !other.sourceTree().equals(env.sourceTree())
        || !other.tree().equals(env.tree()) || other.kernelConfig().isPresent() != env.kernelConfig().isPresent())
      return false;
    for (String name : outsideValuesRead) {
      if (name.startsWith("CONFIG_")) {
        if (env.kernelConfig().isEmpty()) continue; // unknown in both: both branches either way
        if (!java.util.Objects.equals(env.kernelConfig().get().get(name), other.kernelConfig().get().get(name)))
          return false;
      } else if (name.equals("KERNELRELEASE")) {
        if (!other.kernelRelease().equals(env.kernelRelease())) return false;
      } else if (!other.kernelVersion().equals(env.kernelVersion())) {
        return false; // VERSION, PATCHLEVEL, SUBLEVEL
      }
    }
    return true;
  }

  /**
   * The plan of the Makefiles of {@code tree} for a kernel of {@code release} and {@code config}
   * (either unknown), scanned from {@code root}: {@code earlier} (another kernel's) when the
   * Makefiles read the same way for this one ({@link #readsTheSameWay}), else read now.
   */
  public static BuildPlan forKernel(SourceTree tree, int jobs, Path root, java.util.Optional<String> release,
      java.util.Optional<Map<String, String>> config, java.util.Optional<BuildPlan> earlier) {
    return forKernel(tree, jobs, root, release, config, earlier, StageStore.NONE);
  }

  /**
   * The same, a plan kept in {@code store} by an earlier run taken when nothing it was read from
   * changed (its files, what the names it looked up are, the names in the directories it listed,
   * the values from outside it took); a plan read now is kept there.
   */
  public static BuildPlan forKernel(SourceTree tree, int jobs, Path root, java.util.Optional<String> release,
      java.util.Optional<Map<String, String>> config, java.util.Optional<BuildPlan> earlier, StageStore store) {
    KbuildEnvironment env = ProjectComposer.kbuildEnvironment(root, release, config);
    java.util.Optional<BuildPlan> same = earlier.filter(p -> p.readsTheSameWay(tree, env));
    if (same.isPresent()) return same.get();
    String[] key = storeKey(tree, root, env);
    java.util.Optional<Saved> kept = store.load(Saved.class, key[0], key[1]);
    if (kept.isPresent() && kept.get().outsideValues().stream().allMatch(v -> v.value().equals(valueOf(v.name(), env)))) {
      Saved s = kept.get();
      Set<String> names = new HashSet<>();
      for (OutsideValue v : s.outsideValues()) names.add(v.name());
      return new BuildPlan(s.directories(), env, names, tree, s.files(), s.namesLookedUp(), s.directoriesListed());
    }
    BuildPlan read = read(tree, jobs, env);
    Saved saved = read.saved();
    store.store(Saved.class, key[0], key[1], saved, saved.files(), saved.namesLookedUp(), saved.directoriesListed());
    return read;
  }

  public List<KbuildDirectory> directories() {
    return directories;
  }

  /**
   * The sources of each module the Makefiles list (obj-m, obj-$(CONFIG_X), obj-y, lib-y alike),
   * in directory order: which files one module's facts are made of, the parts the configuration
   * leaves out included (what only they define is reported otherwise: model.Module#leftOut).
   */
  public List<List<Path>> moduleSources() {
    List<List<Path>> out = new ArrayList<>();
    for (KbuildDirectory d : directories)
      for (KbuildModule m : d.modules()) {
        List<Path> sources = new ArrayList<>();
        for (KbuildObject o : m.objects()) o.source().ifPresent(s -> sources.add(s.toAbsolutePath().normalize()));
        for (KbuildObject o : m.unbuiltObjects()) o.source().ifPresent(s -> sources.add(s.toAbsolutePath().normalize()));
        out.add(List.copyOf(sources));
      }
    return out;
  }

  /** The directories whose Makefile builds modules: a C file there that no list names is no module of its own. */
  public Set<Path> moduleBuildingDirectories() {
    Set<Path> out = new HashSet<>();
    for (KbuildDirectory d : directories) if (d.buildsModules()) out.add(d.directory());
    return out;
  }

  /** What the build passes to the preprocessor for {@code source}; none for a file no Makefile builds. */
  public CompileFlags flagsOf(Path source) {
    return flags.getOrDefault(source.toAbsolutePath().normalize(), CompileFlags.NONE);
  }
}
