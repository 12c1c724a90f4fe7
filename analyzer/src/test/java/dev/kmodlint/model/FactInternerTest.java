package dev.kmodlint.model;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Equal facts of many files are held once, and each stays equal to what it was. */
class FactInternerTest {
  private static final Path HEADER = Path.of("/m/common.h");

  /** A new string each time, as a parser makes one per occurrence. */
  private static String fresh(String s) {
    return new String(s.toCharArray());
  }

  private static CFunction prototype(String name) {
    return new CFunction(fresh(name), false, false, false, false, Section.INIT_TEXT,
        new SourcePosition(Path.of(HEADER.toString()), 4, 12, 4, 20), Optional.empty(), fresh("int"), List.of(fresh("void *")),
        true, false);
  }

  private static SourceFile file(String name, List<CFunction> functions, List<CReference> refs) {
    return new SourceFile(Path.of("/m/" + name), SourceFile.Kind.C, true, Optional.empty(), List.of(), List.of(),
        List.of(Path.of(HEADER.toString())),
        new Code(functions, List.of(), refs, List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
  }

  @Test
  void theFactsTwoFilesTakeFromOneHeaderAreOneObject() {
    FactInterner interner = new FactInterner();
    SourceFile a = file("a.c", List.of(prototype("common_init"), prototype("a_only")), List.of());
    SourceFile b = file("b.c", List.of(prototype("common_init")), List.of());
    SourceFile sa = interner.of(a);
    SourceFile sb = interner.of(b);
    assertEquals(a, sa);
    assertEquals(b, sb);
    assertSame(sa.code().functions().get(0), sb.code().functions().get(0));
    assertNotSame(a.code().functions().get(0), b.code().functions().get(0));
    assertSame(sa.localIncludes().get(0), sb.localIncludes().get(0));
    assertSame(sa.code().functions().get(0).position().file(), sa.code().functions().get(1).position().file());
    assertSame(sa.code().functions().get(0).returnType(), sa.code().functions().get(1).returnType());
  }

  @Test
  void theNamesOfOneFileAreSharedAndItsUniqueFactsKeptAsTheyAre() {
    FactInterner interner = new FactInterner();
    Path c = Path.of("/m/a.c");
    List<CReference> refs = new ArrayList<>();
    for (int line = 10; line < 13; line++)
      refs.add(new CReference(fresh("probe"), fresh("helper"), CReference.Kind.CALL, SourcePosition.line(c, line), true));
    SourceFile f = interner.of(file("a.c", List.of(), refs));
    List<CReference> out = f.code().references();
    assertEquals(refs, out);
    assertSame(out.get(0).to(), out.get(2).to());
    assertSame(out.get(0).from(), out.get(1).from());
    assertEquals(3, Set.copyOf(out).size());
  }

  @Test
  void collectionsKeepTheirOrderAndWhatTheyHold() {
    FactInterner interner = new FactInterner();
    Set<String> set = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(fresh("z"), fresh("a"), fresh("m"))));
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put(fresh("second"), List.of(fresh("x")));
    map.put(fresh("first"), List.of(fresh("x")));
    List<String> withNull = Collections.unmodifiableList(Arrays.asList(fresh("n"), null));
    assertEquals(List.of("z", "a", "m"), List.copyOf(interner.of(set)));
    Map<String, List<String>> m = interner.of(map);
    assertEquals(List.of("second", "first"), List.copyOf(m.keySet()));
    assertSame(m.get("second").get(0), m.get("first").get(0));
    assertEquals(withNull, interner.of(withNull));
    assertEquals(Optional.of("o"), interner.of(Optional.of(fresh("o"))));
    assertEquals(Level.WARNING, interner.of(Level.WARNING));
  }

  @Test
  void clearedItSharesNothingWithWhatCameBefore() {
    FactInterner interner = new FactInterner();
    CFunction first = interner.of(List.of(prototype("f"))).get(0);
    interner.clear();
    CFunction second = interner.of(List.of(prototype("f"))).get(0);
    assertEquals(first, second);
    assertNotSame(first, second);
  }
}
