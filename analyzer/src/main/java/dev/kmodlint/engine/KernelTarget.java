package dev.kmodlint.engine;

import java.nio.file.Path;

/**
 * A kernel to analyze against: one built into kmodlint ({@code 6.1}, {@code 6.12}) or the
 * build directory of an installed one ({@code --kdir}).
 */
public sealed interface KernelTarget {
  /** An embedded kernel, by the name {@link dev.kmodlint.kernel.KernelDatabase#findEmbedded} knows. */
  record Embedded(String name) implements KernelTarget {}

  /** A kernel build directory ({@code /lib/modules/RELEASE/build}, {@code /usr/src/linux-headers-RELEASE}). */
  record BuildDirectory(Path dir) implements KernelTarget {}
}
