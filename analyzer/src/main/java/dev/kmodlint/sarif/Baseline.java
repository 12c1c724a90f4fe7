package dev.kmodlint.sarif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.text.BoundedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /**
   * The largest log read: 25,000 results (what GitHub takes) of a few kilobytes each, and room
   * for the absent ones; a larger file is not a kmodlint baseline.
   */
  static final long MAX_BYTES = 256L << 20;

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
      log = new ObjectMapper().readTree(BoundedReader.read(file, MAX_BYTES));
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
    // the baseline's results by what each pass matches on, in file order: the first that matches is taken
    Map<List<String>, Deque<Entry>> byFingerprint = new HashMap<>();
    Map<List<String>, Deque<Entry>> byPlace = new HashMap<>();
    for (Entry b : entries) {
      byFingerprint.computeIfAbsent(Arrays.asList(b.ruleId(), b.fingerprint()), k -> new ArrayDeque<>()).add(b);
      byPlace.computeIfAbsent(Arrays.asList(b.ruleId(), b.uri(), b.message()), k -> new ArrayDeque<>()).add(b);
    }
    Set<Entry> taken = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<Finding, State> states = new LinkedHashMap<>();
    Map<Finding, String> messages = new HashMap<>();
    for (Map.Entry<Finding, Map<String, String>> e : prints.entrySet()) {
      Finding f = e.getKey();
      String message = SarifWriter.messageText(f);
      messages.put(f, message);
      Entry same = take(byFingerprint.get(Arrays.asList(f.ruleId(), e.getValue().get(Fingerprints.KMODLINT))), taken);
      if (same != null) states.put(f, same.message().equals(message) ? State.UNCHANGED : State.UPDATED);
    }
    // second pass, so that an exact match is never taken by a looser one
    for (Finding f : prints.keySet()) {
      if (states.containsKey(f)) continue;
      String uri = uris.locate(f.position().file()).getUri();
      Entry moved = take(byPlace.get(Arrays.asList(f.ruleId(), uri, messages.get(f))), taken);
      states.put(f, moved != null ? State.UPDATED : State.NEW);
    }
    return new Comparison(states, entries.stream().filter(b -> !taken.contains(b)).map(Entry::raw).toList());
  }

  /** The first of {@code candidates} no earlier match took, now taken; null when none is left. */
  private static Entry take(Deque<Entry> candidates, Set<Entry> taken) {
    if (candidates == null) return null;
    for (Entry e = candidates.poll(); e != null; e = candidates.poll()) {
      if (taken.add(e)) return e;
    }
    return null;
  }
}
