package dev.kmodlint.sarif;

import dev.kmodlint.rule.Finding;
import dev.kmodlint.text.SourceText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code partialFingerprints} of a run's results. Two of them:
 * <ul>
 *   <li>{@code primaryLocationLineHash}: GitHub's own ({@link LineHashes}), so that code
 *       scanning matches alerts across commits exactly as codeql-action would;</li>
 *   <li>{@code kmodlint/v1}: what {@code --baseline} matches on: the rule, the file (relative to
 *       {@code %SRCROOT%}), the text of the finding's line without blanks, and which of the
 *       equal ones it is. Line numbers are left out, so inserting lines above a finding keeps
 *       it; editing its line does not.</li>
 * </ul>
 * Computed once for all results of a run in their order, because the ordinals depend on it.
 */
final class Fingerprints {
  static final String LINE_HASH = "primaryLocationLineHash";
  static final String KMODLINT = "kmodlint/v1";

  private Fingerprints() {}

  static Map<Finding, Map<String, String>> of(List<Finding> findings, ArtifactUris uris) {
    Map<Path, Optional<SourceText>> texts = new HashMap<>();
    Map<Path, List<String>> lineHashes = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    Map<Finding, Map<String, String>> out = new LinkedHashMap<>();
    for (Finding f : findings) {
      Path file = f.position().file();
      int line = f.position().line();
      Optional<SourceText> text = texts.computeIfAbsent(file, Fingerprints::read);
      Map<String, String> prints = new LinkedHashMap<>();
      List<String> hashes = lineHashes.computeIfAbsent(file,
          p -> text.map(t -> LineHashes.of(new String(t.chars()))).orElse(List.of()));
      if (line <= hashes.size()) prints.put(LINE_HASH, hashes.get(line - 1));
      String lineText = text.map(t -> t.line(line).replaceAll("\\s+", "")).orElse("");
      String identity = f.ruleId() + "\n" + uris.locate(file).getUri() + "\n" + lineText;
      int ordinal = seen.merge(identity, 1, Integer::sum);
      prints.put(KMODLINT, sha256(identity + "\n" + ordinal));
      out.put(f, prints);
    }
    return out;
  }

  /** An unreadable file yields no line hash: the result is still worth reporting without one. */
  private static Optional<SourceText> read(Path file) {
    try {
      return Optional.of(SourceText.read(file));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 16; i++) hex.append(String.format("%02x", d[i] & 0xff));
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
