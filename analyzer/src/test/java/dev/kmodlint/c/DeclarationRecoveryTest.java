package dev.kmodlint.c;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclarationRecoveryTest {
  private static final String TEXT = String.join("\n",
      "static int probe_one(void); /* probe_one in a comment */",
      "#define CALL(x) probe_one(x) + probe_two",
      "s.probe_one = 1; p->probe_one = 2; p -> probe_two = 3; q. probe_one;",
      "const char *m = \"probe_one\"; char c = 'p'; // probe_two",
      "x = 0x1probe_one + probe_onex + xprobe_one + probe_on + _probe_one + probe_one1;",
      "int é_probe = probe_two(&probe_one, (probe_one));",
      "asm(\"call probe_one\" :: \"i\"(probe_two));");

  /** The offsets {@code mentionsOf} gives are those of {@code mentions} whose name is asked for, in order. */
  @Test
  void mentionsOfGivesWhatMentionsGivesForTheNamesAsked() {
    char[] t = TEXT.toCharArray();
    for (Set<String> names : List.of(Set.of("probe_one"), Set.of("probe_two", "probe_one", "é_probe"), Set.of("x", "q"),
        Set.<String>of(), Set.of("probe_on", "_probe_one", "probe_one1"))) {
      List<String> expected = new ArrayList<>();
      for (DeclarationRecovery.Mention m : DeclarationRecovery.mentions(t, 0, t.length))
        if (names.contains(m.name())) expected.add(m.name() + "@" + m.offset());
      List<String> got = new ArrayList<>();
      DeclarationRecovery.mentionsOf(t, 0, t.length, names, (n, at) -> got.add(n + "@" + at));
      assertEquals(expected, got, names.toString());
    }
    List<String> one = new ArrayList<>();
    DeclarationRecovery.mentionsOf(t, 0, t.length, Set.of("probe_one"), (n, at) -> one.add(n));
    // the prototype, the macro body, `&probe_one`, `(probe_one)`: not the comment, strings, members, longer names
    assertEquals(4, one.size(), one.toString());
  }
}
