package dev.kmodlint.sarif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An earlier kmodlint SARIF log that a run is compared with ({@code --baseline}). A result
 * is {@code unchanged} when the baseline has one with the same {@code kmodlint/v1}
 * fingerprint and message, {@code updated} when the fingerprint matches but the message
 * changed, or when the line was edited but the same rule still says the same thing in the
 * same file; otherwise {@code new}. Baseline results left unmatched are {@code absent}.
 */
public final class Baseline {
  /** SARIF's baselineState values. */
  public enum State { NEW, UNCHANGED, UPDATED, ABSENT }

  private record Entry(String ruleId, String uri, String fingerprint, String message, JsonNode raw) {}

  /** The state of every current result, and the baseline results no longer found. */
  public record Comparison(Map<Finding, State> states, List<JsonNode> absent) {
    public State stateOf(Finding f) {
      return states.getOrDefault(f, State.NEW);
    }
  }

  private final Path file;
  private final List<Entry> entries;

  private Baseline(Path file, List<Entry> entries) {
    this.file = file;
    this.entries = entries;
  }

  /** Reads a SARIF log; anything else is an {@link IOException} whose message is one clear line. */
  public static Baseline read(Path file) throws IOException {
    JsonNode log;
    try {
      log = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": not a SARIF file (not JSON: " + e.getOriginalMessage() + ")");
    }
    if (log == null || !log.path("runs").isArray()) throw new IOException(file + ": not a SARIF file (no runs)");
    List<Entry> entries = new ArrayList<>();
    for (JsonNode run : log.path("runs")) {
      for (JsonNode r : run.path("results")) {
        if ("absent".equals(r.path("baselineState").asText())) continue; // gone already then
        entries.add(new Entry(r.path("ruleId").asText(),
            r.path("locations").path(0).path("physicalLocation").path("artifactLocation").path("uri").asText(),
            r.path("partialFingerprints").path(Fingerprints.KMODLINT).asText(null),
            r.path("message").path("text").asText(), r));
      }
    }
    return new Baseline(file, entries);
  }

  public Path file() {
    return file;
  }

  /** Compares every finding of {@code result}, suppressed ones included, with this baseline. */
  public Comparison compare(AnalysisResult result, Path sourceRoot) {
    ArtifactUris uris = new ArtifactUris(sourceRoot);
    Map<Finding, Map<String, String>> prints = Fingerprints.of(SarifWriter.allFindings(result), uris);
    List<Entry> unmatched = new ArrayList<>(entries);
    Map<Finding, State> states = new LinkedHashMap<>();
    Map<Finding, String> messages = new HashMap<>();
    for (Map.Entry<Finding, Map<String, String>> e : prints.entrySet()) {
      Finding f = e.getKey();
      String message = SarifWriter.messageText(f);
      messages.put(f, message);
      Entry same = take(unmatched, b -> b.ruleId().equals(f.ruleId())
          && Objects.equals(b.fingerprint(), e.getValue().get(Fingerprints.KMODLINT)));
      if (same != null) states.put(f, same.message().equals(message) ? State.UNCHANGED : State.UPDATED);
    }
    // second pass, so that an exact match is never taken by a looser one
    for (Finding f : prints.keySet()) {
      if (states.containsKey(f)) continue;
      String uri = uris.locate(f.position().file()).getUri();
      Entry moved = take(unmatched, b -> b.ruleId().equals(f.ruleId()) && b.uri().equals(uri)
          && b.message().equals(messages.get(f)));
      states.put(f, moved != null ? State.UPDATED : State.NEW);
    }
    return new Comparison(states, unmatched.stream().map(Entry::raw).toList());
  }

  private static Entry take(List<Entry> entries, java.util.function.Predicate<Entry> match) {
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (match.test(e)) {
        it.remove();
        return e;
      }
    }
    return null;
  }
}
