package dev.kmodlint.model;

/**
 * How an object of a Kbuild list is built, by the list that names it: {@code obj-m} as a
 * loadable module ({@code MODULE}); {@code obj-$(CONFIG_X)} as the configuration says, built
 * in when X is y and a module when it is m ({@code CONFIGURABLE}); {@code obj-y}, and
 * {@code obj-$(subst m,y,$(CONFIG_X))}, into the kernel ({@code BUILTIN}); {@code lib-y},
 * {@code lib-m} and {@code lib-$(CONFIG_X)} into the directory's {@code lib.a}, which is linked
 * into the kernel ({@code LIBRARY}).
 */
public enum BuildMode {
  MODULE, CONFIGURABLE, BUILTIN, LIBRARY;

  /** True for {@code obj-m} and {@code obj-$(CONFIG_X)}: a loadable module in some configuration. */
  public boolean mayBeModule() {
    return this == MODULE || this == CONFIGURABLE;
  }

  /** How a module named in the list is built: a library's object is linked into the kernel. */
  public BuildMode ofModule() {
    return this == LIBRARY ? BUILTIN : this;
  }
}
