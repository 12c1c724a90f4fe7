package dev.kmodlint.kbuild;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reading of a tree's Makefiles looked at besides the environment: the files it read
 * (Makefiles, their includes, the user's and the architecture's Makefile) and the directories it
 * looked into (for a Makefile, a source, an include, a {@code $(wildcard)}). A reading is the
 * same again while all of these are: the contents of the files and the names in the directories.
 * Thread-safe: the directories of a tree are read on all cores.
 */
public final class MakefileInputs {
  /** Records nothing: for readings nobody keeps. */
  static final MakefileInputs NONE = new MakefileInputs(false);

  private final boolean recording;
  private final Set<Path> files = ConcurrentHashMap.newKeySet();
  private final Set<Path> directories = ConcurrentHashMap.newKeySet();

  private MakefileInputs(boolean recording) {
    this.recording = recording;
  }

  static MakefileInputs recording() {
    return new MakefileInputs(true);
  }

  void read(Path file) {
    if (recording) files.add(file.toAbsolutePath().normalize());
  }

  /** {@code dir} was looked into: for whether a name exists there, or for its names. */
  void looked(Path dir) {
    if (recording && dir != null) directories.add(dir.toAbsolutePath().normalize());
  }

  /** The files read, sorted. */
  public List<Path> files() {
    return List.copyOf(new TreeSet<>(files));
  }

  /** The directories looked into, sorted. */
  public List<Path> directories() {
    return List.copyOf(new TreeSet<>(directories));
  }
}
