package dev.kmodlint.compose;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * Where the project stages (the Makefiles of a tree read for a kernel, its Kconfig files) are
 * kept between runs, as the facts of each file are. {@code load} gives a value kept under
 * {@code name} with this {@code key} only when every file it was made from has the content it
 * had, every path it looked up is what it was and every directory it listed holds the names it
 * held; the caller's key carries everything else the stage got.
 */
public interface StageStore {
  /** Keeps nothing. */
  StageStore NONE = new StageStore() {
    @Override
    public <T extends Record> Optional<T> load(Class<T> type, String name, String key) {
      return Optional.empty();
    }

    @Override
    public <T extends Record> void store(Class<T> type, String name, String key, T value, Collection<Path> files,
        Collection<Path> namesLookedUp, Collection<Path> directoriesListed) {}
  };

  <T extends Record> Optional<T> load(Class<T> type, String name, String key);

  /**
   * Keeps {@code value}, made from the contents of {@code files}, from what each path of
   * {@code namesLookedUp} is (a file, a directory, nothing) and from the names in
   * {@code directoriesListed}.
   */
  <T extends Record> void store(Class<T> type, String name, String key, T value, Collection<Path> files,
      Collection<Path> namesLookedUp, Collection<Path> directoriesListed);
}
