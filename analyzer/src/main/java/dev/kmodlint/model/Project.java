package dev.kmodlint.model;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the rules may read: the scanned modules, every C file seen, what the Kbuild files
 * say ({@code kbuild}), the Kconfig symbols ({@code kconfig}) and the deployment files
 * ({@code deploy}: dkms.conf, modprobe.d, modules-load.d).
 */
public record Project(Path root, List<Module> modules, List<SourceFile> files, KbuildModel kbuild,
    KconfigModel kconfig, DeployModel deploy) {
  public Project {
    modules = List.copyOf(modules);
    files = List.copyOf(files);
  }

  /** A project without deployment files. */
  public Project(Path root, List<Module> modules, List<SourceFile> files, KbuildModel kbuild, KconfigModel kconfig) {
    this(root, modules, files, kbuild, kconfig, DeployModel.empty());
  }

  /** A project without Kbuild or Kconfig facts. */
  public Project(Path root, List<Module> modules, List<SourceFile> files) {
    this(root, modules, files, KbuildModel.empty(), KconfigModel.empty());
  }
}
