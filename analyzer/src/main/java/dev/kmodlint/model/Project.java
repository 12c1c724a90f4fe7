package dev.kmodlint.model;

import java.nio.file.Path;
import java.util.List;

/** Everything the rules may read: the scanned modules and every C file seen. */
public record Project(Path root, List<Module> modules, List<SourceFile> files) {
  public Project {
    modules = List.copyOf(modules);
    files = List.copyOf(files);
  }
}
