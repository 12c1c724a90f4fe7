package dev.kmodlint.c;

import java.util.Optional;

/**
 * The macros of the target kernel's headers, which the C front-end does not read. With it,
 * {@code #ifdef timer_setup} is decided as the real build decides it, and the kernel macros
 * that define functions and objects at file scope ({@code DECLARE_EWMA}, {@code DEFINE_MUTEX},
 * {@code DEVICE_ATTR_RO}...) are expanded from their definitions. Answers must be those of the
 * headers a module of the target kernel and architecture sees with its configuration (not the
 * union of every architecture's and every {@code #ifdef} branch's: {@code __BIG_ENDIAN_BITFIELD}
 * on x86 is undefined), must not change while {@link #identity()} stays the same, and may be
 * asked from several threads at once. {@code CONFIG_} symbols, the version macros and
 * {@code <linux/kconfig.h>} come from the target kernel instead, never from here.
 */
public interface KernelHeaders {
  /**
   * True when some kernel header defines a macro {@code name}. The front-end cannot tell which
   * header a module reaches, so a macro of a leaf header (acpi/actypes.h's {@code TRUE}, uapi
   * comedi.h's {@code VERSION}) makes a module's own {@code #ifndef TRUE} fallback inactive:
   * an implementation may leave out names only such headers define.
   */
  boolean definesMacro(String name);

  /**
   * The definition as the header writes it, {@code #define NAME(params) body} (continuation
   * lines allowed), or empty when unknown (a name that {@link #definesMacro} may still know).
   */
  Optional<String> macroDefinition(String name);

  /**
   * Whether the kernel's include path has a header {@code name} ({@code linux/dma-buf.h}), as
   * {@code __has_include(<name>)} asks it; empty when unknown (an index that does not list the
   * headers).
   */
  default Optional<Boolean> hasHeader(String name) {
    return Optional.empty();
  }

  /**
   * True when the headers' function-like macro {@code name} expands to a declaration, whatever
   * its arguments: it defines functions or objects where it is called ({@code INTERVAL_TREE_DEFINE},
   * {@code __ETHTOOL_DECLARE_LINK_MODE_MASK}), as the header index found by expanding it. False
   * when unknown.
   */
  default boolean definesAtFileScope(String name) {
    return false;
  }

  /**
   * Stable text that changes whenever an answer may change (kernel release, index version and
   * content hash): part of the fingerprint of the facts computed with it.
   */
  String identity();
}
