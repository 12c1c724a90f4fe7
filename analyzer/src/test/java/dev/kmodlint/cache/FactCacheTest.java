package dev.kmodlint.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.c.CFrontEnd;
import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.scan.FileAnalysis;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fact cache reuses what is unchanged and nothing else; it never trusts a bad entry. */
class FactCacheTest {
  @TempDir Path tmp;
  Path src;
  Path cacheDir;
  Path main;
  Path header;

  @BeforeEach
  void module() throws IOException {
    src = Files.createDirectories(tmp.resolve("mod"));
    cacheDir = tmp.resolve("cache");
    header = Files.writeString(src.resolve("hello.h"), "#define HELLO_LICENSE \"GPL\"\n");
    main = Files.writeString(src.resolve("hello.c"), """
        #include <linux/module.h>
        #include "hello.h"
        static int __init hello_init(void) { return 0; }
        module_init(hello_init);
        MODULE_LICENSE(HELLO_LICENSE);
        """);
  }

  /** One pass of the file analysis over the C file with a fresh cache object, as a new run would. */
  private record Run(FileFacts facts, FactCache cache) {}

  private Run run(String build) throws IOException {
    FactCache cache = new FactCache(cacheDir, build, "root=" + src);
    FileAnalysis a = new FileAnalysis(new CFrontEnd(src), Optional.of(cache));
    return new Run(a.analyze(main, SourceFile.Kind.C), cache);
  }

  private Run run() throws IOException {
    return run("build-1");
  }

  private static String license(FileFacts f) {
    return f.file().modInfo("license").get(0).value();
  }

  @Test
  void anUnchangedFileIsTakenFromTheCacheWithEqualFacts() throws IOException {
    Run cold = run();
    assertEquals(0, cold.cache().hits());
    assertEquals(1, cold.cache().misses());
    Run warm = run();
    assertEquals(1, warm.cache().hits());
    assertEquals(cold.facts(), warm.facts());
    assertEquals("GPL", license(warm.facts()));
  }

  @Test
  void aChangedFileIsParsedAgain() throws IOException {
    run();
    Files.writeString(main, Files.readString(main).replace("MODULE_LICENSE(HELLO_LICENSE)", "MODULE_LICENSE(\"MIT\")"));
    Run changed = run();
    assertEquals(0, changed.cache().hits());
    assertEquals("MIT", license(changed.facts()));
    assertEquals(1, run().cache().hits(), "the new entry replaces the old one");
  }

  @Test
  void aChangedLocalHeaderInvalidatesTheFilesThatIncludeIt() throws IOException {
    run();
    Files.writeString(header, "#define HELLO_LICENSE \"Dual BSD/GPL\"\n");
    Run changed = run();
    assertEquals(0, changed.cache().hits());
    assertEquals("Dual BSD/GPL", license(changed.facts()));
  }

  @Test
  void aMissingIncludeThatAppearsInvalidatesTheEntry() throws IOException {
    Files.writeString(main, Files.readString(main).replace("#include \"hello.h\"", "#include \"later.h\"\n#include \"hello.h\""));
    run();
    assertEquals(1, run().cache().hits());
    Files.writeString(src.resolve("later.h"), "#define HELLO_EXTRA 1\n");
    assertEquals(0, run().cache().hits());
  }

  @Test
  void aCorruptEntryIsRefusedAndRewritten() throws IOException {
    Run cold = run();
    Path entry = cold.cache().entryFile(main);
    byte[] bytes = Files.readAllBytes(entry);
    bytes[bytes.length / 2] ^= 0x55; // one flipped byte: the checksum no longer matches
    Files.write(entry, bytes);
    Run afterCorruption = run();
    assertEquals(0, afterCorruption.cache().hits());
    assertEquals(1, afterCorruption.cache().rejected());
    assertEquals(cold.facts(), afterCorruption.facts());
    assertEquals(1, run().cache().hits(), "rewritten");

    Files.write(entry, java.util.Arrays.copyOf(Files.readAllBytes(entry), 40)); // truncated
    assertEquals(1, run().cache().rejected());
    Files.writeString(entry, "not a cache entry at all");
    assertEquals(1, run().cache().rejected());
    assertEquals(1, run().cache().hits());
  }

  @Test
  void anEntryOfAnotherBuildIsRefusedAndRewritten() throws IOException {
    run("build-1");
    Run other = run("build-2");
    assertEquals(0, other.cache().hits());
    assertEquals(1, other.cache().rejected());
    assertEquals(1, run("build-2").cache().hits());
    assertEquals(1, run("build-1").cache().rejected(), "entries are overwritten, not kept beside each other");
  }

  @Test
  void theAnalyzerWritesNoCacheWithoutACacheDirectory() throws IOException {
    AnalysisOptions none = AnalysisOptions.of(List.of(src));
    new Analyzer(RuleRegistry.of(List.of())).analyze(none);
    assertFalse(Files.exists(cacheDir));
    AnalysisResult cold = new Analyzer(RuleRegistry.of(List.of())).analyze(none.withCacheDir(Optional.of(cacheDir)));
    try (Stream<Path> s = Files.walk(cacheDir.resolve("facts"))) {
      assertEquals(2, s.filter(p -> p.toString().endsWith(".bin")).count(), "the C file and the header");
    }
    AnalysisResult warm = new Analyzer(RuleRegistry.of(List.of())).analyze(none.withCacheDir(Optional.of(cacheDir)));
    assertEquals(cold.project().files(), warm.project().files());
  }

  @Test
  void theSchemaFollowsTheRecords() throws Exception {
    record A(String name, int line) {}
    record B(String name, int line, boolean active) {}
    record C(String name, long line) {}
    assertEquals(new RecordCodec<>(A.class).schema(), new RecordCodec<>(A.class).schema());
    assertNotEquals(schemaWithoutNames(A.class), schemaWithoutNames(B.class));
    assertNotEquals(new RecordCodec<>(A.class).schema(), new RecordCodec<>(C.class).schema());
    assertTrue(new RecordCodec<>(FactCache.Entry.class).schema().matches("[0-9a-f]{64}"));

    // The records above differ in their names too, which the schema includes: that alone would
    // tell them apart. A model record that changes on another branch keeps its name, so the same
    // class, dev.kmodlint.model.Shape, is compiled here in each shape and loaded on its own.
    String base = schemaOf("public record Shape(String name, int line) {}");
    assertEquals(base, schemaOf("public record Shape(String name, int line) {}"), "the same shape, another class loader");
    assertEquals(base, schemaOf("public record Shape(String name, int line) {\n"
        + "  public Shape { if (line < 0) throw new IllegalArgumentException(); }\n"
        + "  public String where() { return name + \":\" + line; }\n}"), "methods are no part of the shape");
    Map<String, String> changed = new LinkedHashMap<>();
    changed.put("a component added", "public record Shape(String name, int line, boolean active) {}");
    changed.put("a component removed", "public record Shape(String name) {}");
    changed.put("a component renamed", "public record Shape(String title, int line) {}");
    changed.put("a component retyped", "public record Shape(String name, long line) {}");
    changed.put("components reordered", "public record Shape(int line, String name) {}");
    changed.put("a type argument changed", "public record Shape(String name, int line, java.util.List<String> tags) {}");
    for (Map.Entry<String, String> e : changed.entrySet())
      assertNotEquals(base, schemaOf(e.getValue()), e.getKey());
    assertNotEquals(schemaOf("public record Shape(String name, int line, java.util.List<String> tags) {}"),
        schemaOf("public record Shape(String name, int line, java.util.List<Integer> tags) {}"), "List<String> -> List<Integer>");

    // what a component's own type holds is part of the schema: a nested record, an enum's constants
    String nested = schemaOf("public record Shape(String name, Part part) {\n"
        + "  public record Part(int offset) {}\n}");
    assertEquals(nested, schemaOf("public record Shape(String name, Part part) {\n  public record Part(int offset) {}\n}"));
    assertNotEquals(nested, schemaOf("public record Shape(String name, Part part) {\n"
        + "  public record Part(long offset) {}\n}"), "a nested record's component retyped");
    assertNotEquals(nested, schemaOf("public record Shape(String name, Part part) {\n"
        + "  public record Part(int offset, int length) {}\n}"), "a nested record's component added");
    String kinds = schemaOf("public record Shape(Kind kind) {\n  public enum Kind { C, HEADER }\n}");
    assertNotEquals(kinds, schemaOf("public record Shape(Kind kind) {\n  public enum Kind { C, HEADER, ASSEMBLY }\n}"),
        "an enum constant added");
    assertNotEquals(kinds, schemaOf("public record Shape(Kind kind) {\n  public enum Kind { C, HEADERS }\n}"),
        "an enum constant renamed");
  }

  private static String schemaWithoutNames(Class<? extends Record> c) {
    return new RecordCodec<>(c).schema();
  }

  /** The schema of record {@code dev.kmodlint.model.Shape} as {@code source} declares it, compiled and loaded apart. */
  private String schemaOf(String source) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertTrue(javac != null, "no Java compiler in this JDK: the schema cannot be tested on changed records");
    Path dir = Files.createTempDirectory(tmp, "shape");
    Path file = Files.createDirectories(dir.resolve("dev/kmodlint/model")).resolve("Shape.java");
    Files.writeString(file, "package dev.kmodlint.model;\n" + source + "\n");
    java.io.StringWriter errors = new java.io.StringWriter();
    boolean ok = javac.getTask(errors, null, null, List.of("-d", dir.toString(), "--release", "17"), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
    assertTrue(ok, errors.toString());
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> shape = loader.loadClass("dev.kmodlint.model.Shape");
      assertEquals("dev.kmodlint.model.Shape", shape.getName());
      return new RecordCodec<>(shape.asSubclass(Record.class)).schema();
    }
  }
}
