package dev.kmodlint.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.kconfig.ConfigReferenceScanner;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.text.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The cache format round-trips every fact the front-end produces, and refuses garbage. */
class RecordCodecTest {
  sealed interface Shape permits Circle, Pair {}

  record Circle(double radius) implements Shape {}

  record Pair(Shape left, Shape right) implements Shape {}

  enum Colour { RED, GREEN }

  record Everything(String text, String none, int i, long l, boolean b, Integer boxed, Path path, Colour colour,
      Optional<String> some, Optional<Long> empty, List<Path> paths, Set<String> tags, Map<String, Integer> counts,
      Shape shape) {}

  @Test
  void everySupportedKindOfValueRoundTrips() throws IOException {
    Everything e = new Everything("x", null, -3, 1L << 40, true, 7, Path.of("/a/b.c"), Colour.GREEN, Optional.of("y"),
        Optional.empty(), List.of(Path.of("/a"), Path.of("/a")), Set.of("t"), Map.of("k", 1),
        new Pair(new Circle(1.5), new Pair(new Circle(2), new Circle(3))));
    RecordCodec<Everything> codec = new RecordCodec<>(Everything.class);
    assertEquals(e, codec.decode(codec.encode(e)));
  }

  @Test
  void theFactsOfEveryCorpusFileRoundTrip() throws IOException {
    Path corpus = Path.of("..", "test-corpus").toAbsolutePath().normalize();
    RecordCodec<FileFacts> codec = new RecordCodec<>(FileFacts.class);
    List<Path> cFiles;
    try (Stream<Path> s = Files.walk(corpus)) {
      cFiles = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
    }
    assertEquals(true, cFiles.size() > 20, "corpus found at " + corpus);
    for (Path c : cFiles) {
      CFrontEnd.Parsed p = new CFrontEnd(c.getParent()).parse(c, SourceFile.Kind.C);
      FileFacts f = new FileFacts(p.file(), p.notifications(), p.unresolvedIncludes(),
          ConfigReferenceScanner.scan(c, SourceText.read(c).chars()));
      assertEquals(f, codec.decode(codec.encode(f)), c.toString());
    }
  }

  @Test
  void truncatedOrGarbledInputIsAnErrorNotAValue() throws IOException {
    RecordCodec<Everything> codec = new RecordCodec<>(Everything.class);
    byte[] good = codec.encode(new Everything("x", null, 1, 2, false, null, Path.of("/p"), Colour.RED,
        Optional.empty(), Optional.of(3L), List.of(), Set.of(), Map.of(), new Circle(1)));
    for (int n = 0; n < good.length; n++) {
      byte[] cut = Arrays.copyOf(good, n);
      assertThrows(IOException.class, () -> codec.decode(cut), "cut at " + n);
    }
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThrows(IOException.class, () -> codec.decode(longer));
  }

  @Test
  void anUnsupportedFieldIsRefusedWhenTheCodecIsMade() {
    record WithArray(int[] values) {}
    record WithObject(Object anything) {}
    assertThrows(IllegalArgumentException.class, () -> new RecordCodec<>(WithArray.class));
    assertThrows(IllegalArgumentException.class, () -> new RecordCodec<>(WithObject.class));
  }
}
