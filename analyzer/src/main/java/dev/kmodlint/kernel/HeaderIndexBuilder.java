package dev.kmodlint.kernel;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Makes the header index of a kernel build directory. The kernel database asks for one the
 * first time a check needs the headers of a {@code --kdir} it has no index for; reading C is
 * not this package's business, so the implementation ({@code dev.kmodlint.index.KernelIndexer},
 * which parses the headers with the C front-end) is found with {@link ServiceLoader}.
 */
public interface HeaderIndexBuilder {
  /**
   * The index of the headers of {@code kdir}, resolved against its {@code Module.symvers};
   * {@code progress}, when present, is a terminal to show a progress line on. An
   * {@link IOException} says in one line why there is none (not a kernel tree, nothing parsed).
   */
  HeaderIndex build(Path kdir, Optional<PrintWriter> progress) throws IOException;

  /** The builder on the class path, if any. */
  static Optional<HeaderIndexBuilder> installed() {
    Iterator<HeaderIndexBuilder> it = ServiceLoader.load(HeaderIndexBuilder.class, HeaderIndexBuilder.class.getClassLoader())
        .iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }
}
