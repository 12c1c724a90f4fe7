package dev.kmodlint.sarif;

import de.jcup.sarif_2_1_0.model.ArtifactLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Turns file paths into SARIF artifact locations. Files under the scan root get a URI
 * relative to {@code %SRCROOT%}, because that is what lets GitHub map a result onto the
 * repository whatever directory the scan ran in; any other file keeps an absolute
 * {@code file:} URI.
 */
final class ArtifactUris {
  static final String SRCROOT = "%SRCROOT%";

  /** RFC 3986 pchar minus ':', which would read as a scheme in a relative reference. */
  private static final String KEPT = "-._~!$&'()*+,;=@";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final Path root;

  ArtifactUris(Path scanRoot) {
    this.root = scanRoot.toAbsolutePath().normalize();
  }

  /** The {@code %SRCROOT%} URI; SARIF requires a base URI to end with a slash. */
  String rootUri() {
    String uri = fileUri(root);
    return uri.endsWith("/") ? uri : uri + "/";
  }

  ArtifactLocation locate(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    ArtifactLocation location = new ArtifactLocation();
    if (abs.startsWith(root) && !abs.equals(root)) {
      location.setUri(join(root.relativize(abs)));
      location.setUriBaseId(SRCROOT);
    } else {
      location.setUri(fileUri(abs));
    }
    return location;
  }

  private static String fileUri(Path abs) {
    Path rootComponent = abs.getRoot();
    String prefix = rootComponent == null ? "/" : rootComponent.toString().replace('\\', '/');
    // a drive letter ("C:/") keeps its colon and gains the slash that makes "file:///C:/"
    String start = prefix.startsWith("/") ? prefix : "/" + prefix;
    String rest = abs.getNameCount() == 0 ? "" : join(abs.subpath(0, abs.getNameCount()));
    return "file://" + start + rest;
  }

  private static String join(Path relative) {
    StringBuilder sb = new StringBuilder();
    for (Path name : relative) {
      if (sb.length() > 0) sb.append('/');
      sb.append(encode(name.toString()));
    }
    return sb.toString();
  }

  static String encode(String segment) {
    StringBuilder sb = new StringBuilder(segment.length());
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (isAsciiAlnum(c) || KEPT.indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  private static boolean isAsciiAlnum(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
