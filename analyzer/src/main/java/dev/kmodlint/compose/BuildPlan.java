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

  private BuildPlan(List<KbuildDirectory> directories, Map<Path, CompileFlags> flags, KbuildEnvironment env,
      java.util.Set<String> outsideValuesRead, SourceTree tree) {
    this.tree = tree;
    this.directories = List.copyOf(directories);
    this.flags = Map.copyOf(flags);
    this.env = env;
    this.outsideValuesRead = java.util.Set.copyOf(outsideValuesRead);
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
    // a source built into several objects takes the flags of the first, in directory order: the
    // same file compiled twice with different flags is rare, and its facts are one set either way
    Map<Path, CompileFlags> flags = new HashMap<>();
    for (KbuildDirectory d : read)
      for (KbuildModule m : d.modules())
        for (KbuildObject o : m.objects())
          o.source().ifPresent(s -> flags.putIfAbsent(s.toAbsolutePath().normalize(), o.flags()));
    return new BuildPlan(read, flags, env, reader.outsideValuesRead(), tree);
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
    KbuildEnvironment env = ProjectComposer.kbuildEnvironment(root, release, config);
    return earlier.filter(p -> p.readsTheSameWay(tree, env)).orElseGet(() -> read(tree, jobs, env));
  }

  public List<KbuildDirectory> directories() {
    return directories;
  }

  /**
   * The sources of each module the Makefiles list (obj-m, obj-$(CONFIG_X), obj-y, lib-y alike),
   * in directory order: which files one module's facts are made of.
   */
  public List<List<Path>> moduleSources() {
    List<List<Path>> out = new ArrayList<>();
    for (KbuildDirectory d : directories)
      for (KbuildModule m : d.modules()) {
        List<Path> sources = new ArrayList<>();
        for (KbuildObject o : m.objects()) o.source().ifPresent(s -> sources.add(s.toAbsolutePath().normalize()));
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
