package dev.kmodlint.model;

/**
 * The {@code SPDX-License-Identifier} tag of a file. {@code expression} is the license
 * expression (ids, WITH, AND, OR, parentheses) without the comment syntax around it;
 * {@code commentStyle} is how the tag is written: {@code //}, {@code /*} or {@code #}.
 * {@code line} is where it stands (the kernel wants line 1, line 2 after a {@code #!}).
 */
public record SpdxTag(String expression, String commentStyle, SourcePosition position) {}
