package dev.kmodlint.model;

import java.util.Map;
import java.util.Optional;

/**
 * The kernel a module is checked against, as its preprocessor sees it: {@code release} is the
 * {@code uname -r} string ({@code 6.1.0-57-amd64}); {@code version}, {@code patchLevel} and
 * {@code subLevel} are the Makefile's VERSION/PATCHLEVEL/SUBLEVEL as
 * {@code include/generated/uapi/linux/version.h} gives them (a distribution's release name may
 * say 6.1.0 where the sublevel is 192); {@code config} is its {@code .config}, {@code CONFIG_FOO}
 * to {@code y}, {@code m}, {@code n} or the value as written ({@code "str"}, {@code 64},
 * {@code 0x10}), empty when unknown; {@code arch} the kernel's SRCARCH ({@code x86}).
 */
public record TargetKernel(
    String release,
    int version,
    int patchLevel,
    int subLevel,
    Optional<Map<String, String>> config,
    String arch) {

  public TargetKernel {
    config = config.map(Map::copyOf);
  }

  /** {@code LINUX_VERSION_CODE}: {@code KERNEL_VERSION(version, patchLevel, subLevel)}. */
  public int versionCode() {
    return (version << 16) + (patchLevel << 8) + Math.min(subLevel, 255);
  }
}
