package dev.kmodlint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A module's facts are those of its objects, each once, in object order. */
class ModuleCodeTest {
  private static final Path DIR = Path.of("/m");
  private static final Path HEADER = DIR.resolve("common.h");

  private static CFunction fn(String name, Path file, int line, boolean active) {
    return new CFunction(name, false, false, false, false, Section.TEXT, SourcePosition.line(file, line), Optional.empty(), "int",
        List.of(), active, false);
  }

  private static SourceFile source(String name, List<CFunction> functions) {
    Path p = DIR.resolve(name);
    return new SourceFile(p, SourceFile.Kind.C, true, Optional.empty(), List.of(), List.of(), List.of(),
        new Code(functions, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
  }

  private static Module module(SourceFile... sources) {
    List<ModuleObject> objects = new ArrayList<>();
    for (SourceFile s : sources) objects.add(new ModuleObject(s.path().getFileName() + ".o", Optional.of(s), Optional.empty()));
    return Module.of("m", DIR, Module.Origin.KBUILD, objects, Optional.empty(), Set.of());
  }

  @Test
  void headerFactsRepeatedByObjectsAreMergedToOneAndOrderIsKept() {
    Path a = DIR.resolve("a.c");
    Path b = DIR.resolve("b.c");
    Path c = DIR.resolve("c.c");
    CFunction h1 = fn("h1", HEADER, 1, true);
    CFunction h2 = fn("h2", HEADER, 2, true);
    CFunction h2Inactive = fn("h2", HEADER, 2, false); // the header read under other macros
    SourceFile sa = source("a.c", List.of(h1, fn("a", a, 5, true), h2));
    SourceFile sb = source("b.c", List.of(fn("b", b, 3, true), h1, h2));
    SourceFile sc = source("c.c", List.of(h1, h2Inactive, fn("c", c, 9, true), fn("a", a, 5, true)));
    List<CFunction> naive = new ArrayList<>(new LinkedHashSet<>(concat(sa, sb, sc)));
    assertEquals(naive, module(sa, sb, sc).code().functions());
    assertEquals(List.of("h1", "a", "h2", "b", "h2", "c"),
        module(sa, sb, sc).code().functions().stream().map(CFunction::name).toList());
    assertEquals(sa.code(), module(sa).code());
  }

  private static List<CFunction> concat(SourceFile... sources) {
    List<CFunction> all = new ArrayList<>();
    for (SourceFile s : sources) all.addAll(s.code().functions());
    return all;
  }
}
