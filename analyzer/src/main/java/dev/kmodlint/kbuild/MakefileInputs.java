package dev.kmodlint.kbuild;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reading of a tree's Makefiles looked at besides the environment: the files it read
 * (Makefiles, their includes, the user's and the architecture's Makefile), the names it looked
 * up (is there a {@code Kbuild} here, a {@code foo.c} for {@code foo.o}, an include of this
 * name) and the directories whose names it listed ({@code $(wildcard)}, the sources of a
 * directory). A reading is the same again while all of these are: the contents of the files,
 * what each name is (a file, a directory, nothing), the names in the directories. Thread-safe:
 * the directories of a tree are read on all cores.
 */
public final class MakefileInputs {
  /** Records nothing: for readings nobody keeps. */
  static final MakefileInputs NONE = new MakefileInputs(false);

  private final boolean recording;
  private final Set<Path> files = ConcurrentHashMap.newKeySet();
  private final Set<Path> names = ConcurrentHashMap.newKeySet();
  private final Set<Path> listed = ConcurrentHashMap.newKeySet();

  private MakefileInputs(boolean recording) {
    this.recording = recording;
  }

  static MakefileInputs recording() {
    return new MakefileInputs(true);
  }

  void read(Path file) {
    if (recording) files.add(file.toAbsolutePath().normalize());
  }

  /** Whether {@code path} exists, and as what, was asked. */
  void lookedUp(Path path) {
    if (recording && path != null) names.add(path.toAbsolutePath().normalize());
  }

  /** The names in {@code dir} were listed. */
  void listed(Path dir) {
    if (recording && dir != null) listed.add(dir.toAbsolutePath().normalize());
  }

  /** The files read, sorted. */
  public List<Path> files() {
    return List.copyOf(new TreeSet<>(files));
  }

  /** The names looked up, sorted. */
  public List<Path> namesLookedUp() {
    return List.copyOf(new TreeSet<>(names));
  }

  /** The directories listed, sorted. */
  public List<Path> directoriesListed() {
    return List.copyOf(new TreeSet<>(listed));
  }
}
