package dev.kmodlint.model;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the rules may read: the scanned modules, every C file seen, what the Kbuild files
 * say ({@code kbuild}) and the Kconfig symbols ({@code kconfig}).
 */
public record Project(Path root, List<Module> modules, List<SourceFile> files, KbuildModel kbuild,
    KconfigModel kconfig) {
  public Project {
    modules = List.copyOf(modules);
    files = List.copyOf(files);
  }

  /** A project without Kbuild or Kconfig facts. */
  public Project(Path root, List<Module> modules, List<SourceFile> files) {
    this(root, modules, files, KbuildModel.empty(), KconfigModel.empty());
  }
}
