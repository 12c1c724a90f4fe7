package dev.kmodlint.model;

/**
 * A {@code module_init(fn)} / {@code module_exit(fn)} or a {@code module_*_driver(drv)} helper
 * that supplies both. {@code kind} is {@code init}, {@code exit}, {@code initcall} (any
 * {@code *_initcall}, which is module_init only when built as a module) or the helper's name.
 */
public record EntryPoint(String kind, String function, SourcePosition position, boolean active) {}
