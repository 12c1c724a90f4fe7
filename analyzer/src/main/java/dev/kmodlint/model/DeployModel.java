package dev.kmodlint.model;

import java.util.List;

/** The deployment files of the scan: DKMS packages and modprobe.d / modules-load.d configuration. */
public record DeployModel(List<DkmsConf> dkmsConfs, List<ModprobeFile> modprobeFiles) {
  public DeployModel {
    dkmsConfs = List.copyOf(dkmsConfs);
    modprobeFiles = List.copyOf(modprobeFiles);
  }

  public static DeployModel empty() {
    return new DeployModel(List.of(), List.of());
  }
}
