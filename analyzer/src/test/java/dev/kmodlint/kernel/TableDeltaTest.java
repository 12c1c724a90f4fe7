package dev.kmodlint.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableDeltaTest {
  private static final Function<String, String> KEY = l -> l.substring(0, l.indexOf('\t'));

  private static List<String> roundTrip(List<String> base, List<String> target) throws IOException {
    StringWriter w = new StringWriter();
    TableDelta.write("base", base, target, KEY, w);
    BufferedReader r = new BufferedReader(new StringReader(w.toString()));
    return TableDelta.apply(base, r.readLine(), r);
  }

  private static List<String> table(String head, TreeMap<String, String> rows) {
    List<String> out = new ArrayList<>(List.of(head));
    rows.forEach((k, v) -> out.add(k + "\t" + v));
    return out;
  }

  @Test
  void aDeltaGivesBackTheTargetExactly() throws IOException {
    Random rnd = new Random(42);
    for (int round = 0; round < 200; round++) {
      TreeMap<String, String> a = new TreeMap<>();
      for (int i = 0; i < rnd.nextInt(60); i++) a.put("s" + rnd.nextInt(100), "v" + rnd.nextInt(3));
      TreeMap<String, String> b = new TreeMap<>(a);
      for (int i = 0; i < rnd.nextInt(20); i++) {
        String k = "s" + rnd.nextInt(100);
        switch (rnd.nextInt(3)) {
          case 0 -> b.remove(k);
          case 1 -> b.put(k, "v" + rnd.nextInt(3));
          default -> b.put(k + "x", "new");
        }
      }
      List<String> base = table("# head a", a);
      List<String> target = table("# head b", b);
      assertEquals(target, roundTrip(base, target), "round " + round);
    }
  }

  @Test
  void anEqualTableCostsOneLine() throws IOException {
    TreeMap<String, String> a = new TreeMap<>();
    for (int i = 0; i < 1000; i++) a.put("sym" + i, "vmlinux");
    StringWriter w = new StringWriter();
    TableDelta.write("6.1", table("# h", a), table("# h2", a), KEY, w);
    assertEquals("# kmodlint delta\t6.1\t1001\t" + TableDelta.crc(table("# h", a)) + "\n# h2\n=1000\n", w.toString());
  }

  @Test
  void aDeltaOfAnotherBaseIsRefused() throws IOException {
    TreeMap<String, String> a = new TreeMap<>(java.util.Map.of("a", "1", "b", "2"));
    StringWriter w = new StringWriter();
    TableDelta.write("x", table("# h", a), table("# h", new TreeMap<>(java.util.Map.of("a", "1"))), KEY, w);
    BufferedReader r = new BufferedReader(new StringReader(w.toString()));
    String first = r.readLine();
    // the same number of lines, another content: refused by its CRC
    List<String> otherBase = List.of("# h", "a\t1", "b\t3");
    IOException e = assertThrows(IOException.class, () -> TableDelta.apply(otherBase, first, r));
    assertTrue(e.getMessage().contains("another version"), e.getMessage());
    assertThrows(IOException.class, () -> TableDelta.baseOf("# not a delta"));
  }

  /** The writer stores a table in full or as a delta and reads back what it was given either way. */
  @Test
  void theWriterReadsBackDeltasOfItsOwnTables(@TempDir Path root) throws IOException {
    EmbeddedKernelWriter w = new EmbeddedKernelWriter(root);
    List<String> base = List.of("# kmodlint kernel exports\tbase\t2", "a\tvmlinux\tG\t", "b\tvmlinux\t-\t");
    List<String> next = List.of("# kmodlint kernel exports\tnext\t2", "a\tvmlinux\t-\t", "c\tm/x\tG\tNS");
    assertTrue(w.writeTable("1.0", "exports", base, Optional.empty()).toString().endsWith("1.0/exports.txt.gz"));
    Path delta = w.writeTable("2.0", "exports", next, Optional.of("1.0"));
    assertTrue(delta.toString().endsWith("2.0/exports.delta.gz"));
    assertEquals(next, w.readTable("2.0", "exports").orElseThrow());
    // rewritten in full, the delta goes
    w.writeTable("2.0", "exports", next, Optional.empty());
    assertTrue(Files.exists(root.resolve("2.0/exports.txt.gz")) && !Files.exists(delta));
  }
}
