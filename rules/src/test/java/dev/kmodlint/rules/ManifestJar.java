package dev.kmodlint.rules;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A {@code target/kmodlint.jar} that runs kmodlint from this test's class path: an empty jar
 * whose manifest names the classes. Put where the launcher looks for its jar, it spares the
 * tests the Maven build the launcher would otherwise make on first use.
 */
final class ManifestJar {
  private ManifestJar() {}

  static void write(Path jar) throws IOException {
    List<String> entries = new ArrayList<>();
    for (String p : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!p.isEmpty()) entries.add(Path.of(p).toAbsolutePath().toUri().toString());
    }
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.kmodlint.cli.Main");
    m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
      j.flush();
    }
  }
}
