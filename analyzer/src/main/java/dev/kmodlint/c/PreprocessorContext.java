package dev.kmodlint.c;

import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.model.TargetKernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the real build's preprocessor knows about one object file beyond its text: the
 * compiler flags of its Makefile, the target kernel (version and {@code .config}) and the
 * macros of that kernel's headers. Each part is optional; {@link #NONE} is the front-end's
 * behaviour without any (no flags, no version, no configuration, no header macros). The facts
 * of a file depend on its context: {@link #fingerprint()} belongs in every cache key. Immutable.
 */
public final class PreprocessorContext {
  /** No flags, no kernel, no headers: the file alone, with the prelude. */
  public static final PreprocessorContext NONE =
      new PreprocessorContext(CompileFlags.NONE, Optional.empty(), Optional.empty());

  /** Bumped when the way a context is applied changes, which changes the facts it gives. */
  private static final String FORMAT = "pp2";

  private final CompileFlags flags;
  private final Optional<TargetKernel> kernel;
  private final Optional<KernelHeaders> headers;
  private final String kernelPart;
  private final String fingerprint;

  public PreprocessorContext(CompileFlags flags, Optional<TargetKernel> kernel, Optional<KernelHeaders> headers) {
    this(flags, kernel, headers, kernelPart(kernel, headers));
  }

  private PreprocessorContext(CompileFlags flags, Optional<TargetKernel> kernel, Optional<KernelHeaders> headers,
      String kernelPart) {
    this.flags = flags;
    this.kernel = kernel;
    this.headers = headers;
    this.kernelPart = kernelPart;
    this.fingerprint = isEmpty(flags) && kernel.isEmpty() && headers.isEmpty()
        ? "none" : FORMAT + ":" + sha256(flagsPart(flags) + "\n" + kernelPart);
  }

  /** Only the build's flags, no kernel: what a Makefile alone tells. */
  public static PreprocessorContext of(CompileFlags flags) {
    return new PreprocessorContext(flags, Optional.empty(), Optional.empty());
  }

  /** The same kernel and headers with another object file's flags (cheap: the kernel part is kept). */
  public PreprocessorContext withFlags(CompileFlags other) {
    return new PreprocessorContext(other, kernel, headers, kernelPart);
  }

  public CompileFlags flags() {
    return flags;
  }

  public Optional<TargetKernel> kernel() {
    return kernel;
  }

  public Optional<KernelHeaders> headers() {
    return headers;
  }

  /**
   * Identifies everything in this context that the facts depend on: flags, kernel release and
   * version, a hash of its configuration, architecture, the headers' identity. {@code none} for
   * {@link #NONE}-equivalent contexts.
   */
  public String fingerprint() {
    return fingerprint;
  }

  /** True when this context adds nothing to the file: the front-end behaves as without one. */
  public boolean isNone() {
    return fingerprint.equals("none");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreprocessorContext c && c.fingerprint.equals(fingerprint);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  @Override
  public String toString() {
    return "PreprocessorContext[" + fingerprint + "]";
  }

  private static boolean isEmpty(CompileFlags f) {
    return f.defines().isEmpty() && f.undefines().isEmpty() && f.includeDirs().isEmpty()
        && f.forcedIncludes().isEmpty() && f.macroIncludes().isEmpty();
  }

  private static String flagsPart(CompileFlags f) {
    StringBuilder sb = new StringBuilder("flags");
    f.defines().forEach((k, v) -> sb.append("\n-D").append(k).append('=').append(v));
    for (String u : f.undefines()) sb.append("\n-U").append(u);
    for (Path p : f.includeDirs()) sb.append("\n-I").append(p);
    for (Path p : f.forcedIncludes()) sb.append("\n-include ").append(p);
    for (Path p : f.macroIncludes()) sb.append("\n-imacros ").append(p);
    return sb.append("\ncomplete=").append(f.complete()).toString();
  }

  private static String kernelPart(Optional<TargetKernel> kernel, Optional<KernelHeaders> headers) {
    StringBuilder sb = new StringBuilder("kernel");
    kernel.ifPresent(k -> {
      sb.append('\n').append(k.release()).append(' ').append(k.version()).append('.').append(k.patchLevel())
          .append('.').append(k.subLevel()).append(' ').append(k.arch());
      sb.append("\nconfig ").append(k.config().map(PreprocessorContext::configHash).orElse("unknown"));
    });
    headers.ifPresent(h -> sb.append("\nheaders ").append(h.identity()));
    return sb.toString();
  }

  private static String configHash(Map<String, String> config) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(config).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sha256(sb.toString());
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
