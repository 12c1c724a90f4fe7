package dev.kmodlint.model;

/**
 * {@code #define DEFAULT_SYMBOL_NAMESPACE value} before the file's first {@code #include}
 * (where {@code <linux/export.h>} still sees it), with {@code value} as written ({@code USB_STORAGE},
 * or the string {@code "USB_STORAGE"}) at {@code valueAt}; {@code usedByExport}: an active export
 * of the file takes it ({@code EXPORT_SYMBOL}, {@code EXPORT_SYMBOL_GPL}). Which form is right
 * depends on the kernel.
 */
public record NamespaceDefinition(String value, SourcePosition valueAt, boolean active, boolean usedByExport) {}
