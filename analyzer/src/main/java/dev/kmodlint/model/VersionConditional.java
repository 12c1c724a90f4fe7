package dev.kmodlint.model;

import java.util.List;

/**
 * An {@code #if}/{@code #elif}/{@code #else}/{@code #endif} group whose conditions test
 * {@code LINUX_VERSION_CODE}, as the file was preprocessed for the target kernel: each branch
 * with its directive, its condition as written (empty for {@code #else}), whether the
 * preprocessor took it, and the calls of names the file does not declare within it (those in
 * nested branches not taken are inactive). {@code position} is the {@code #if}.
 */
public record VersionConditional(SourcePosition position, List<Branch> branches) {
  public VersionConditional {
    branches = List.copyOf(branches);
  }

  /** One branch; {@code calls} holds each name once, at its first call in the branch. */
  public record Branch(SourcePosition directive, String condition, boolean taken, List<Call> calls) {
    public Branch {
      calls = List.copyOf(calls);
    }
  }

  /** A call of {@code name} in a branch; {@code active} when the preprocessor kept it. */
  public record Call(String name, SourcePosition position, boolean active) {}
}
