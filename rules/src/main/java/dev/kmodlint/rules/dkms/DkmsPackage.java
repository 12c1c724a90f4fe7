package dev.kmodlint.rules.dkms;

import dev.kmodlint.model.DkmsConf;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.Project;
import java.util.List;

/** What a dkms.conf packages: the Kbuild modules under its directory. */
final class DkmsPackage {
  /** The fields that describe one built module; index i of any of them makes record i. */
  static final List<String> MODULE_FIELDS = List.of("BUILT_MODULE_NAME", "BUILT_MODULE_LOCATION", "DEST_MODULE_NAME",
      "DEST_MODULE_LOCATION");

  private DkmsPackage() {}

  static List<Module> modules(Project project, DkmsConf conf) {
    return project.modules().stream()
        .filter(m -> m.origin() == Module.Origin.KBUILD && m.directory().startsWith(conf.directory()))
        .toList();
  }

  /** True when a Makefile under the package lists objects kmodlint cannot evaluate. */
  static boolean opaqueKbuild(Project project, DkmsConf conf) {
    return project.kbuild().makefiles().stream()
        .anyMatch(mk -> mk.directory().startsWith(conf.directory()) && mk.opaque());
  }
}
