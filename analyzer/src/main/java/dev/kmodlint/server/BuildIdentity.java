package dev.kmodlint.server;

import dev.kmodlint.report.Tool;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kmodlint build a process runs, as it is on disk now: {@link Tool#build()} (the jar's
 * size and time) and, when kmodlint runs from class directories, the build id stamped in
 * their properties file read again (a rebuild changes it without touching the directory).
 * A server stops when this changes under it.
 */
public final class BuildIdentity {
  private BuildIdentity() {}

  public static String current() {
    String build = Tool.build();
    URL props = Tool.class.getResource("/dev/kmodlint/kmodlint.properties");
    if (props != null && "file".equals(props.getProtocol())) {
      try {
        build += "\n" + Files.readString(Path.of(props.toURI()));
      } catch (IOException | URISyntaxException | RuntimeException e) {
        build += "\nproperties unreadable";
      }
    }
    return build;
  }
}
