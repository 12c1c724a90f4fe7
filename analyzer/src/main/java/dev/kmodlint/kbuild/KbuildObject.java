package dev.kmodlint.kbuild;

import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.model.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One object of a module, e.g. {@code helper.o} or {@code sub/helper.o}, with the source it is
 * built from when one exists in the directory ({@code helper.c}, else {@code helper.S}).
 * {@code conditions}: why the Makefile builds it only in some configurations (empty: always,
 * as far as the Makefile tells), each a sentence such as "when ifeq ($(ARCH),arm64) at
 * Makefile:12 holds (it depends on ARCH, set by the kernel's build)". {@code flags}: what the
 * build passes to the preprocessor for it. An object whose name the Makefile computes from
 * something kmodlint does not know is listed by what is known of it ({@code <$(shell ...)>}),
 * with no source.
 */
public record KbuildObject(String name, SourcePosition listedAt, Optional<Path> source, List<String> conditions,
    CompileFlags flags) {

  public KbuildObject {
    conditions = List.copyOf(conditions);
  }

  public KbuildObject(String name, SourcePosition listedAt, Optional<Path> source) {
    this(name, listedAt, source, List.of(), CompileFlags.NONE);
  }

  public boolean conditional() {
    return !conditions.isEmpty();
  }
}
