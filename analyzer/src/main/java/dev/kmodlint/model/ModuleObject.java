package dev.kmodlint.model;

import java.util.List;
import java.util.Optional;

/**
 * One object of a module ({@code main.o} of {@code foo-y := main.o helper.o}) with the file
 * it is built from, when one exists, and where the Makefile lists it. {@code conditions}: why
 * the Makefile lists it only in some builds, on a value only the build knows ({@code ifeq
 * ($(ARCH),arm64)}, a variable from the make command line), each a sentence; empty when every
 * build of the module has it. Rules that need certainty about the objects built together skip
 * a conditional one (and say so).
 */
public record ModuleObject(String name, Optional<SourceFile> source, Optional<SourcePosition> listedAt,
    List<String> conditions) {

  public ModuleObject {
    conditions = List.copyOf(conditions);
  }

  public ModuleObject(String name, Optional<SourceFile> source, Optional<SourcePosition> listedAt) {
    this(name, source, listedAt, List.of());
  }

  public boolean conditional() {
    return !conditions.isEmpty();
  }
}
