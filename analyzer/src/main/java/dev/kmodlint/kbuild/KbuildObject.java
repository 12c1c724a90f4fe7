package dev.kmodlint.kbuild;

import dev.kmodlint.model.SourcePosition;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One object of a module, e.g. {@code helper.o} or {@code sub/helper.o}, with the source it is
 * built from when one exists in the directory ({@code helper.c}, else {@code helper.S}).
 */
public record KbuildObject(String name, SourcePosition listedAt, Optional<Path> source) {}
