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
    // a line is read, stripped and hashed once however many results are on it: a 250,000-word
    // obj-m line carries thousands of them
    Map<Line, String> strippedLines = new HashMap<>();
    Map<Identity, MessageDigest> identities = new HashMap<>();
    Map<Identity, Integer> seen = new HashMap<>();
    Map<Finding, Map<String, String>> out = new LinkedHashMap<>();
    for (Finding f : findings) {
      Path file = f.position().file();
      int line = f.position().line();
      Optional<SourceText> text = texts.computeIfAbsent(file, Fingerprints::read);
      Map<String, String> prints = new LinkedHashMap<>();
      List<String> hashes = lineHashes.computeIfAbsent(file,
          p -> text.map(t -> LineHashes.of(java.nio.CharBuffer.wrap(t.chars()))).orElse(List.of()));
      if (line >= 1 && line <= hashes.size()) prints.put(LINE_HASH, hashes.get(line - 1));
      String lineText = strippedLines.computeIfAbsent(new Line(file, line),
          l -> text.map(t -> BLANKS.matcher(t.line(line)).replaceAll("")).orElse(""));
      Identity identity = new Identity(f.ruleId(), uris.locate(file).getUri(), lineText);
      int ordinal = seen.merge(identity, 1, Integer::sum);
      MessageDigest prefix = identities.computeIfAbsent(identity, Fingerprints::digestOf);
      prints.put(KMODLINT, finish(prefix, "\n" + ordinal));
      out.put(f, prints);
    }
    return out;
  }

  private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");

  private record Line(Path file, int line) {}

  /** What makes two results the same one for {@code --baseline}; equal ones are told apart by their ordinal. */
  private record Identity(String ruleId, String uri, String lineText) {}

  /** SHA-256 fed with the identity, {@code rule\nuri\nline}, ready to take an ordinal. */
  private static MessageDigest digestOf(Identity id) {
    MessageDigest d = sha256();
    d.update((id.ruleId() + "\n" + id.uri() + "\n").getBytes(StandardCharsets.UTF_8));
    d.update(id.lineText().getBytes(StandardCharsets.UTF_8));
    return d;
  }

  /** The first 16 bytes, in hex, of the digest of what {@code prefix} holds followed by {@code suffix}. */
  private static String finish(MessageDigest prefix, String suffix) {
    MessageDigest d;
    try {
      d = (MessageDigest) prefix.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests can be cloned", e);
    }
    return hex(d.digest(suffix.getBytes(StandardCharsets.UTF_8)));
  }

  /** An unreadable file yields no line hash: the result is still worth reporting without one. */
  private static Optional<SourceText> read(Path file) {
    try {
      return Optional.of(SourceText.read(file));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String hex(byte[] d) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 16; i++) hex.append(String.format("%02x", d[i] & 0xff));
    return hex.toString();
  }
}
