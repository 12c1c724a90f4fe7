package dev.kmodlint.sarif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import de.jcup.sarif_2_1_0.model.ArtifactChange;
import de.jcup.sarif_2_1_0.model.ArtifactContent;
import de.jcup.sarif_2_1_0.model.ArtifactLocation;
import de.jcup.sarif_2_1_0.model.CodeFlow;
import de.jcup.sarif_2_1_0.model.Fix;
import de.jcup.sarif_2_1_0.model.Invocation;
import de.jcup.sarif_2_1_0.model.Location;
import de.jcup.sarif_2_1_0.model.Message;
import de.jcup.sarif_2_1_0.model.MultiformatMessageString;
import de.jcup.sarif_2_1_0.model.Notification;
import de.jcup.sarif_2_1_0.model.OriginalUriBaseIds;
import de.jcup.sarif_2_1_0.model.PartialFingerprints;
import de.jcup.sarif_2_1_0.model.PhysicalLocation;
import de.jcup.sarif_2_1_0.model.PropertyBag;
import de.jcup.sarif_2_1_0.model.Region;
import de.jcup.sarif_2_1_0.model.Replacement;
import de.jcup.sarif_2_1_0.model.ReportingConfiguration;
import de.jcup.sarif_2_1_0.model.ReportingDescriptor;
import de.jcup.sarif_2_1_0.model.ReportingDescriptorReference;
import de.jcup.sarif_2_1_0.model.Result;
import de.jcup.sarif_2_1_0.model.Run;
import de.jcup.sarif_2_1_0.model.RunAutomationDetails;
import de.jcup.sarif_2_1_0.model.SarifSchema210;
import de.jcup.sarif_2_1_0.model.Suppression;
import de.jcup.sarif_2_1_0.model.ThreadFlow;
import de.jcup.sarif_2_1_0.model.ThreadFlowLocation;
import de.jcup.sarif_2_1_0.model.ToolComponent;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.report.Tool;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.RuleDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes an {@link AnalysisResult} as a SARIF 2.1.0 log with one run, in the shape GitHub code
 * scanning ingests: URIs relative to {@code %SRCROOT%}, explicit levels, rule help and
 * {@code primaryLocationLineHash} fingerprints. Output is deterministic for a given result
 * and file contents.
 */
public final class SarifWriter {
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String LINE_HASH = Fingerprints.LINE_HASH;
  /** GitHub code scanning takes at most this many results a run. */
  public static final int GITHUB_MAX_RESULTS = 25_000;

  /**
   * How to write: {@code category} makes {@code automationDetails.id} {@code kmodlint/<category>/}
   * (GitHub tells analyses of one commit apart by it); {@code sourceRoot} is {@code %SRCROOT%}
   * when not the scan root; {@code omitSuppressed} leaves suppressed results out (GitHub shows
   * them as open alerts otherwise); {@code baseline} sets each result's baselineState and adds
   * the absent ones; above {@code maxResults} results only the most severe are kept.
   */
  public record Options(Optional<String> category, Optional<Path> sourceRoot, boolean omitSuppressed,
      Optional<Baseline.Comparison> baseline, int maxResults) {
    public static Options defaults() {
      return new Options(Optional.empty(), Optional.empty(), false, Optional.empty(), GITHUB_MAX_RESULTS);
    }

    public String automationId() {
      return "kmodlint/" + category.map(c -> c + "/").orElse("");
    }
  }

  private static final ObjectWriter WRITER = createWriter();
  private static final ObjectMapper READER = JsonMapper.builder()
      .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private SarifWriter() {}

  /** Writes the log followed by a newline; {@code out} is flushed but left open. */
  public static void write(AnalysisResult result, OutputStream out) throws IOException {
    write(result, Options.defaults(), out);
  }

  public static void write(AnalysisResult result, Options options, OutputStream out) throws IOException {
    WRITER.writeValue(out, toLog(result, options));
    out.write('\n');
    out.flush();
  }

  public static String toJson(AnalysisResult result) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      write(result, buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  static SarifSchema210 toLog(AnalysisResult result) {
    return toLog(result, Options.defaults());
  }

  static SarifSchema210 toLog(AnalysisResult result, Options options) {
    ArtifactUris uris = new ArtifactUris(options.sourceRoot().orElse(result.scanRoot()));
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (RuleDescriptor rule : result.rules()) ruleIndex.putIfAbsent(rule.id(), ruleIndex.size());

    OriginalUriBaseIds baseIds = new OriginalUriBaseIds();
    baseIds.setAdditionalProperty(ArtifactUris.SRCROOT, uriOnly(uris.rootUri()));

    // fingerprints over every result, so that they do not depend on what is left out
    Map<Finding, Map<String, String>> prints = Fingerprints.of(allFindings(result), uris);
    Set<Finding> suppressed = new HashSet<>(result.suppressed());
    List<Finding> reported = new ArrayList<>(options.omitSuppressed() ? result.findings() : allFindings(result));
    List<dev.kmodlint.model.Notification> notes = new ArrayList<>(result.notifications());
    List<Result> absentResults = options.baseline().map(b -> absentResults(b.absent(), ruleIndex, notes))
        .orElse(List.of());
    int total = reported.size() + absentResults.size();
    if (total > options.maxResults()) {
      // current results first, the most severe of them; what the baseline lost comes last
      reported = mostSevere(reported, suppressed, options.maxResults());
      absentResults = absentResults.subList(0, Math.min(absentResults.size(), options.maxResults() - reported.size()));
      notes.add(dev.kmodlint.model.Notification.of("results-truncated", Level.WARNING, total
          + " results are more than the " + options.maxResults() + " a run may hold; kept the "
          + options.maxResults() + " most severe (errors first, suppressed and absent ones last)"));
    }

    RunAutomationDetails automation = new RunAutomationDetails();
    automation.setId(options.automationId());

    Run run = new Run();
    run.setTool(tool(result.rules()));
    run.setAutomationDetails(automation);
    run.setInvocations(List.of(invocation(result, notes, uris)));
    run.setOriginalUriBaseIds(baseIds);
    List<Result> results = results(reported, suppressed, prints, options.baseline(), ruleIndex, uris);
    results.addAll(absentResults);
    run.setResults(results);
    run.setColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS);
    if (!result.kernels().isEmpty()) {
      // the kernels checked against; a result without properties.kernels holds on all of them
      PropertyBag properties = new PropertyBag();
      properties.setAdditionalProperty("kernels", result.kernels());
      run.setProperties(properties);
    }

    SarifSchema210 log = new SarifSchema210();
    log.set$schema(URI.create(SCHEMA_URI));
    log.setVersion(SarifSchema210.Version._2_1_0);
    log.setRuns(List.of(run));
    return log;
  }

  private static de.jcup.sarif_2_1_0.model.Tool tool(List<RuleDescriptor> rules) {
    ToolComponent driver = new ToolComponent();
    driver.setName(Tool.NAME);
    driver.setVersion(Tool.version());
    driver.setSemanticVersion(Tool.version());
    driver.setInformationUri(URI.create(Tool.INFORMATION_URI));
    Set<ReportingDescriptor> descriptors = new LinkedHashSet<>();
    for (RuleDescriptor rule : rules) descriptors.add(descriptor(rule));
    driver.setRules(descriptors);

    de.jcup.sarif_2_1_0.model.Tool tool = new de.jcup.sarif_2_1_0.model.Tool();
    tool.setDriver(driver);
    return tool;
  }

  private static ReportingDescriptor descriptor(RuleDescriptor rule) {
    ReportingDescriptor d = new ReportingDescriptor();
    d.setId(rule.id());
    d.setName(rule.pascalName());
    d.setShortDescription(multiformat(rule.summary(), null));
    d.setFullDescription(multiformat(rule.description(), null));
    String doc = Tool.ruleDoc(rule.id()).orElse(rule.description());
    d.setHelp(multiformat(doc, doc));
    d.setHelpUri(URI.create(Tool.helpUri(rule.id())));

    ReportingConfiguration configuration = new ReportingConfiguration();
    configuration.setLevel(ReportingConfiguration.Level.fromValue(rule.level().sarif()));
    d.setDefaultConfiguration(configuration);

    Set<String> tags = new LinkedHashSet<>(rule.tags());
    tags.add(rule.family());
    PropertyBag properties = new PropertyBag();
    properties.setTags(tags);
    properties.setAdditionalProperty("precision", rule.precision());
    properties.setAdditionalProperty("problem.severity", problemSeverity(rule.level()));
    // GitHub ranks security alerts by this score (a number written as a string), not by the level
    if (!rule.securitySeverity().isEmpty() && tags.contains("security"))
      properties.setAdditionalProperty("security-severity", rule.securitySeverity());
    d.setProperties(properties);
    return d;
  }

  /** GitHub's vocabulary for a rule's severity; it has no "note". */
  private static String problemSeverity(Level level) {
    return switch (level) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "recommendation";
    };
  }

  /** Findings and suppressed findings together, in report order. */
  static List<Finding> allFindings(AnalysisResult result) {
    if (result.suppressed().isEmpty()) return result.findings();
    List<Finding> all = new ArrayList<>(result.findings());
    all.addAll(result.suppressed());
    all.sort(null);
    return all;
  }

  /** At most {@code max} of {@code findings}: active before suppressed, errors before warnings before notes. */
  private static List<Finding> mostSevere(List<Finding> findings, Set<Finding> suppressed, int max) {
    List<Finding> bySeverity = new ArrayList<>(findings);
    bySeverity.sort(Comparator.comparing((Finding f) -> suppressed.contains(f))
        .thenComparing(f -> f.level().ordinal()));
    Set<Finding> kept = new HashSet<>(bySeverity.subList(0, Math.min(max, bySeverity.size())));
    return findings.stream().filter(kept::contains).toList();
  }

  /**
   * The message with its related locations linked the way SARIF viewers and GitHub show them:
   * {@code ... (see [the first declaration of x](1))}. Brackets of the text itself are
   * escaped so that they do not read as links.
   */
  static String messageText(Finding f) {
    if (f.related().isEmpty()) return f.qualifiedMessage();
    StringBuilder sb = new StringBuilder(escapeBrackets(f.qualifiedMessage())).append(" (see ");
    for (int i = 0; i < f.related().size(); i++) {
      String text = f.related().get(i).message();
      if (i > 0) sb.append(", ");
      sb.append('[').append(escapeBrackets(text == null || text.isBlank() ? "here" : text)).append("](")
          .append(i + 1).append(')');
    }
    return sb.append(')').toString();
  }

  private static String escapeBrackets(String s) {
    return s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
  }

  private static Invocation invocation(AnalysisResult result, List<dev.kmodlint.model.Notification> notes,
      ArtifactUris uris) {
    Invocation invocation = new Invocation();
    invocation.setExecutionSuccessful(result.executionSuccessful());
    invocation.setStartTimeUtc(date(result.startTime()));
    invocation.setEndTimeUtc(date(result.endTime()));
    List<Notification> notifications = new ArrayList<>();
    for (dev.kmodlint.model.Notification n : notes) {
      notifications.add(notification(n, uris));
    }
    invocation.setToolExecutionNotifications(notifications);
    return invocation;
  }

  private static Notification notification(dev.kmodlint.model.Notification n, ArtifactUris uris) {
    ReportingDescriptorReference descriptor = new ReportingDescriptorReference();
    descriptor.setId(n.id());
    Notification notification = new Notification();
    notification.setDescriptor(descriptor);
    notification.setLevel(Notification.Level.fromValue(n.level().sarif()));
    notification.setMessage(message(n.message()));
    n.position().ifPresent(
        p -> notification.setLocations(new LinkedHashSet<>(List.of(location(p, uris)))));
    return notification;
  }

  private static List<Result> results(List<Finding> findings, Set<Finding> suppressed,
      Map<Finding, Map<String, String>> prints, Optional<Baseline.Comparison> baseline,
      Map<String, Integer> ruleIndex, ArtifactUris uris) {
    List<Result> results = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Result r = new Result();
      r.setRuleId(f.ruleId());
      Integer index = ruleIndex.get(f.ruleId());
      if (index != null) r.setRuleIndex(index);
      r.setLevel(Result.Level.fromValue(f.level().sarif()));
      r.setMessage(message(messageText(f)));
      if (suppressed.contains(f)) {
        Suppression s = new Suppression();
        s.setKind(Suppression.Kind.IN_SOURCE);
        r.setSuppressions(new LinkedHashSet<>(List.of(s)));
      }
      baseline.ifPresent(b -> r.setBaselineState(Result.BaselineState.fromValue(
          b.stateOf(f).name().toLowerCase(java.util.Locale.ROOT))));
      r.setLocations(List.of(location(f.position(), uris)));

      Set<Location> related = new LinkedHashSet<>();
      for (Finding.Related rel : f.related()) {
        Location location = location(rel.position(), uris);
        location.setId(related.size() + 1);
        if (rel.message() != null && !rel.message().isBlank()) {
          location.setMessage(message(rel.message()));
        }
        related.add(location);
      }
      r.setRelatedLocations(related);
      if (!f.flow().isEmpty()) r.setCodeFlows(List.of(codeFlow(f.flow(), uris)));
      if (!f.fixes().isEmpty()) {
        Set<Fix> fixes = new LinkedHashSet<>();
        for (Finding.Fix fx : f.fixes()) fixes.add(fix(fx, uris));
        r.setFixes(fixes);
      }

      PartialFingerprints fingerprints = new PartialFingerprints();
      prints.getOrDefault(f, Map.of()).forEach(fingerprints::setAdditionalProperty);
      r.setPartialFingerprints(fingerprints);
      if (!f.kernels().isEmpty()) {
        // where it holds, in a run against several kernels; a result of all of them has none
        PropertyBag properties = new PropertyBag();
        properties.setAdditionalProperty("kernels", f.kernels());
        r.setProperties(properties);
      }
      results.add(r);
    }
    return results;
  }

  /** Baseline results no longer found, as the baseline had them, marked absent. */
  private static List<Result> absentResults(List<JsonNode> absent, Map<String, Integer> ruleIndex,
      List<dev.kmodlint.model.Notification> notes) {
    List<Result> out = new ArrayList<>();
    int unreadable = 0;
    for (JsonNode node : absent) {
      Result r;
      try {
        r = READER.convertValue(node, Result.class);
      } catch (IllegalArgumentException e) {
        unreadable++;
        continue;
      }
      Integer index = ruleIndex.get(r.getRuleId());
      r.setRuleIndex(index != null ? index : -1);
      r.setBaselineState(Result.BaselineState.ABSENT);
      out.add(r);
    }
    if (unreadable > 0) {
      notes.add(dev.kmodlint.model.Notification.of("baseline-result-unreadable", Level.WARNING, unreadable
          + " results of the baseline that are no longer found are not valid SARIF; they are left out as absent"));
    }
    return out;
  }

  /** One thread flow, one location per step of the finding's path. */
  private static CodeFlow codeFlow(List<Finding.Related> steps, ArtifactUris uris) {
    List<ThreadFlowLocation> locations = new ArrayList<>();
    for (Finding.Related step : steps) {
      Location l = location(step.position(), uris);
      l.setMessage(message(step.message()));
      ThreadFlowLocation tfl = new ThreadFlowLocation();
      tfl.setLocation(l);
      tfl.setNestingLevel(0);
      locations.add(tfl);
    }
    ThreadFlow tf = new ThreadFlow();
    tf.setLocations(locations);
    CodeFlow flow = new CodeFlow();
    flow.setThreadFlows(List.of(tf));
    return flow;
  }

  /** One SARIF fix: one artifactChange per file, its replacements in the order of the file. */
  private static Fix fix(Finding.Fix fx, ArtifactUris uris) {
    Map<Path, List<Finding.Fix.Edit>> byFile = new java.util.TreeMap<>();
    for (Finding.Fix.Edit e : fx.edits()) byFile.computeIfAbsent(e.region().file(), k -> new ArrayList<>()).add(e);
    Set<ArtifactChange> changes = new LinkedHashSet<>();
    for (Map.Entry<Path, List<Finding.Fix.Edit>> file : byFile.entrySet()) {
      List<Replacement> replacements = new ArrayList<>();
      for (Finding.Fix.Edit e : file.getValue().stream().sorted(Comparator.comparing(Finding.Fix.Edit::region)).toList()) {
        SourcePosition p = e.region();
        Region region = new Region();
        region.setStartLine(p.line());
        region.setStartColumn(p.column());
        region.setEndLine(p.endLine());
        region.setEndColumn(p.endColumn());
        ArtifactContent content = new ArtifactContent();
        content.setText(e.text());
        Replacement replacement = new Replacement();
        replacement.setDeletedRegion(region);
        replacement.setInsertedContent(content);
        replacements.add(replacement);
      }
      ArtifactChange change = new ArtifactChange();
      change.setArtifactLocation(uris.locate(file.getKey()));
      change.setReplacements(replacements);
      changes.add(change);
    }
    Fix fix = new Fix();
    fix.setDescription(message(fx.description()));
    fix.setArtifactChanges(changes);
    return fix;
  }

  private static Location location(SourcePosition pos, ArtifactUris uris) {
    Region region = new Region();
    region.setStartLine(pos.line());
    region.setEndLine(pos.endLine());
    // An empty region is how the model says "the whole line"; SARIF says that by leaving
    // the columns out, while 1..1 would be an insertion point before the first character.
    boolean empty = pos.endLine() == pos.line() && pos.endColumn() == pos.column();
    if (!empty) {
      region.setStartColumn(pos.column());
      region.setEndColumn(pos.endColumn());
    }
    PhysicalLocation physical = new PhysicalLocation();
    physical.setArtifactLocation(uris.locate(pos.file()));
    physical.setRegion(region);
    Location location = new Location();
    location.setPhysicalLocation(physical);
    return location;
  }

  private static ArtifactLocation uriOnly(String uri) {
    ArtifactLocation location = new ArtifactLocation();
    location.setUri(uri);
    return location;
  }

  private static Message message(String text) {
    Message m = new Message();
    m.setText(text);
    return m;
  }

  private static MultiformatMessageString multiformat(String text, String markdown) {
    MultiformatMessageString m = new MultiformatMessageString();
    m.setText(text);
    m.setMarkdown(markdown);
    return m;
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static ObjectWriter createWriter() {
    // The model's classes carry @JsonInclude(NON_DEFAULT), which drops values equal to the
    // schema defaults (kind "fail", index -1, language "en-US", empty arrays, ...): wanted.
    // But it would also drop level "warning", which readers should not have to infer.
    JsonInclude.Value whenSet = JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, null);
    JsonMapper mapper = JsonMapper.builder()
        .defaultPropertyInclusion(JsonInclude.Value.construct(
            JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY))
        .withConfigOverride(Result.Level.class, o -> o.setIncludeAsProperty(whenSet))
        .withConfigOverride(Notification.Level.class, o -> o.setIncludeAsProperty(whenSet))
        .withConfigOverride(ReportingConfiguration.Level.class, o -> o.setIncludeAsProperty(whenSet))
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .addMixIn(Run.class, RunResultsAlways.class)
        .addModule(new SimpleModule("sarif-dates")
            .addSerializer(Date.class, new UtcDateSerializer()))
        .build();

    DefaultIndenter lf = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentArraysWith(lf);
    printer.indentObjectsWith(lf);
    return mapper.writer(printer);
  }

  /**
   * An empty {@code results} array says "ran and found nothing"; without it GitHub's upload
   * rejects the run ("Missing 'results' array in run").
   */
  private abstract static class RunResultsAlways {
    @JsonInclude(JsonInclude.Include.ALWAYS)
    abstract List<Result> getResults();
  }

  /** SARIF wants UTC with a 'Z'; Jackson's default writes "+00:00" or epoch millis. */
  private static final class UtcDateSerializer extends StdSerializer<Date> {
    private static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    UtcDateSerializer() {
      super(Date.class);
    }

    @Override
    public void serialize(Date value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(FORMAT.format(value.toInstant()));
    }
  }
}
