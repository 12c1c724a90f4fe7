package dev.kmodlint.engine;

import dev.kmodlint.c.KernelHeaders;
import dev.kmodlint.c.PreprocessorContext;
import dev.kmodlint.kernel.HeaderIndex;
import dev.kmodlint.kernel.KernelConfig;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.kernel.KernelVersion;
import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.model.TargetKernel;
import java.util.Optional;

/**
 * The target kernel as the C front-end's preprocessor sees it, taken from the kernel database
 * of the run: its version ({@code LINUX_VERSION_CODE}), its {@code .config} ({@code CONFIG_},
 * {@code IS_ENABLED()}), its architecture, and the macros its headers define (from the header
 * index). Each C file's context is this one with its own compile flags.
 */
final class TargetContext {
  private TargetContext() {}

  /**
   * The context every C file starts from. What it lacks (no version known: no target kernel;
   * no {@code .config}) the front-end says, once per run ({@code CFrontEnd.notifications}).
   */
  static PreprocessorContext of(KernelDatabase kernel) {
    Optional<KernelVersion> version = kernel.version();
    Optional<KernelConfig> config = kernel.config();
    Optional<TargetKernel> target = version.map(v -> new TargetKernel(kernel.release(), v.major(), v.patchlevel(),
        v.sublevel(), config.map(KernelConfig::values), kernel.architecture().orElse(defaultArchitecture(kernel))));
    HeaderIndex index = kernel.headers();
    Optional<KernelHeaders> headers = index.size() == 0 ? Optional.empty() : Optional.of(new IndexHeaders(index));
    return new PreprocessorContext(CompileFlags.NONE, target, headers);
  }

  /** Without a {@code .config} to say: the architecture of Debian's amd64 kernels, which the embedded ones are. */
  private static String defaultArchitecture(KernelDatabase kernel) {
    String r = kernel.release();
    if (r.contains("arm64") || r.contains("aarch64")) return "arm64";
    return "x86";
  }

  /** The header index as the preprocessor asks it. */
  private static final class IndexHeaders implements KernelHeaders {
    private final HeaderIndex index;
    private final String identity;

    IndexHeaders(HeaderIndex index) {
      this.index = index;
      this.identity = "header-index " + index.release() + " " + index.macroFingerprint();
    }

    @Override
    public boolean definesMacro(String name) {
      return index.definesMacro(name);
    }

    @Override
    public Optional<String> macroDefinition(String name) {
      return index.macroDefinition(name);
    }

    @Override
    public Optional<Boolean> hasHeader(String name) {
      return index.hasHeader(name);
    }

    @Override
    public boolean definesAtFileScope(String name) {
      return index.definesAtFileScope(name);
    }

    @Override
    public String identity() {
      return identity;
    }
  }
}
