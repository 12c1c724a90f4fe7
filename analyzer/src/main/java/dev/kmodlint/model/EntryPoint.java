package dev.kmodlint.model;

/**
 * A {@code module_init(fn)} / {@code module_exit(fn)}, an initcall, or a
 * {@code module_*_driver(drv)} helper that supplies both. {@code helper} is the helper's
 * name ({@code module_platform_driver}) for {@link Kind#DRIVER_HELPER}, empty otherwise;
 * {@code function} is the function (or, for a helper, the driver) named.
 */
public record EntryPoint(Kind kind, String helper, String function, SourcePosition position, boolean active) {
  public enum Kind {
    /** {@code module_init(fn)} */
    INIT,
    /** {@code module_exit(fn)} */
    EXIT,
    /** any {@code *_initcall(fn)}, which is {@code module_init} only when built as a module */
    INITCALL,
    /** a {@code module_*_driver(drv)} helper, which defines both init and exit */
    DRIVER_HELPER
  }

  /** From the name the prelude gives the macro: {@code init}, {@code exit}, {@code initcall} or a helper's name. */
  public static EntryPoint ofMacro(String macro, String function, SourcePosition position, boolean active) {
    return switch (macro) {
      case "init" -> new EntryPoint(Kind.INIT, "", function, position, active);
      case "exit" -> new EntryPoint(Kind.EXIT, "", function, position, active);
      case "initcall" -> new EntryPoint(Kind.INITCALL, "", function, position, active);
      default -> new EntryPoint(Kind.DRIVER_HELPER, macro, function, position, active);
    };
  }

  /** {@code module_init} or a helper: what defines {@code init_module} in a module. */
  public boolean providesInit() {
    return kind == Kind.INIT || kind == Kind.DRIVER_HELPER;
  }

  /** {@code module_exit} or a helper: what defines {@code cleanup_module}, so that the module can be unloaded. */
  public boolean providesExit() {
    return kind == Kind.EXIT || kind == Kind.DRIVER_HELPER;
  }

  /** Names a function that runs at init: module_init's or an initcall's. */
  public boolean runsAtInit() {
    return kind == Kind.INIT || kind == Kind.INITCALL;
  }

  public boolean isHelper() {
    return kind == Kind.DRIVER_HELPER;
  }
}
