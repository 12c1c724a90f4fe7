package dev.kmodlint.model;

/**
 * A name a C file uses but does not declare: a function, macro or object of the kernel's
 * headers (which kmodlint does not read), like {@code kzalloc} or {@code debugfs_create_dir}.
 * One per name and file, at its first use (an active one outside macro arguments preferred);
 * {@code call} when some use calls it. {@code argumentOf}: the undeclared name whose call's
 * arguments hold that use ({@code rcu_dereference_protected(p, lockdep_is_held(&l))}), empty
 * when none: a kernel macro may drop its arguments, so such a use may never reach the object.
 * {@code headerInline}: the static inline function of a header the use is in (empty when
 * none): the compiler emits such a function, and its references, only when the file uses it.
 * What it resolves to is the kernel header index's business.
 */
public record ExternalUse(String name, boolean call, SourcePosition position, boolean active, String argumentOf,
    String headerInline) {}
