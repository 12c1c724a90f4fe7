package dev.kmodlint.sarif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import de.jcup.sarif_2_1_0.model.ArtifactChange;
import de.jcup.sarif_2_1_0.model.ArtifactContent;
import de.jcup.sarif_2_1_0.model.CodeFlow;
import de.jcup.sarif_2_1_0.model.Fix;
import de.jcup.sarif_2_1_0.model.Replacement;
import de.jcup.sarif_2_1_0.model.ThreadFlow;
import de.jcup.sarif_2_1_0.model.ThreadFlowLocation;
import de.jcup.sarif_2_1_0.model.ArtifactLocation;
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
import de.jcup.sarif_2_1_0.model.ReportingConfiguration;
import de.jcup.sarif_2_1_0.model.ReportingDescriptor;
import de.jcup.sarif_2_1_0.model.ReportingDescriptorReference;
import de.jcup.sarif_2_1_0.model.Result;
import de.jcup.sarif_2_1_0.model.Run;
import de.jcup.sarif_2_1_0.model.SarifSchema210;
import de.jcup.sarif_2_1_0.model.ToolComponent;
import dev.kmodlint.engine.AnalysisResult;
import dev.kmodlint.engine.Finding;
import dev.kmodlint.engine.RuleDescriptor;
import dev.kmodlint.engine.Tool;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourcePosition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an {@link AnalysisResult} as a SARIF 2.1.0 log with one run, in the shape GitHub code
 * scanning ingests: URIs relative to {@code %SRCROOT%}, explicit levels, rule help and
 * {@code primaryLocationLineHash} fingerprints. Output is deterministic for a given result
 * and file contents.
 */
public final class SarifWriter {
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String LINE_HASH = "primaryLocationLineHash";

  private static final ObjectWriter WRITER = createWriter();

  private SarifWriter() {}

  /** Writes the log followed by a newline; {@code out} is flushed but left open. */
  public static void write(AnalysisResult result, OutputStream out) throws IOException {
    WRITER.writeValue(out, toLog(result));
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
    ArtifactUris uris = new ArtifactUris(result.scanRoot());
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (RuleDescriptor rule : result.rules()) ruleIndex.putIfAbsent(rule.id(), ruleIndex.size());

    OriginalUriBaseIds baseIds = new OriginalUriBaseIds();
    baseIds.setAdditionalProperty(ArtifactUris.SRCROOT, uriOnly(uris.rootUri()));

    Run run = new Run();
    run.setTool(tool(result.rules()));
    run.setInvocations(List.of(invocation(result, uris)));
    run.setOriginalUriBaseIds(baseIds);
    run.setResults(results(result.findings(), ruleIndex, uris));
    run.setColumnKind(Run.ColumnKind.UTF_16_CODE_UNITS);

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

  private static Invocation invocation(AnalysisResult result, ArtifactUris uris) {
    Invocation invocation = new Invocation();
    invocation.setExecutionSuccessful(result.executionSuccessful());
    invocation.setStartTimeUtc(date(result.startTime()));
    invocation.setEndTimeUtc(date(result.endTime()));
    List<Notification> notifications = new ArrayList<>();
    for (dev.kmodlint.model.Notification n : result.notifications()) {
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

  private static List<Result> results(
      List<Finding> findings, Map<String, Integer> ruleIndex, ArtifactUris uris) {
    Map<Path, List<String>> lineHashes = new HashMap<>();
    List<Result> results = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      Result r = new Result();
      r.setRuleId(f.ruleId());
      Integer index = ruleIndex.get(f.ruleId());
      if (index != null) r.setRuleIndex(index);
      r.setLevel(Result.Level.fromValue(f.level().sarif()));
      r.setMessage(message(f.message()));
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

      List<String> hashes = lineHashes.computeIfAbsent(f.position().file(), SarifWriter::hashLines);
      int line = f.position().line();
      if (line <= hashes.size()) {
        PartialFingerprints fingerprints = new PartialFingerprints();
        fingerprints.setAdditionalProperty(LINE_HASH, hashes.get(line - 1));
        r.setPartialFingerprints(fingerprints);
      }
      results.add(r);
    }
    return results;
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

  private static Fix fix(Finding.Fix fx, ArtifactUris uris) {
    SourcePosition p = fx.region();
    Region region = new Region();
    region.setStartLine(p.line());
    region.setStartColumn(p.column());
    region.setEndLine(p.endLine());
    region.setEndColumn(p.endColumn());
    ArtifactContent content = new ArtifactContent();
    content.setText(fx.text());
    Replacement replacement = new Replacement();
    replacement.setDeletedRegion(region);
    replacement.setInsertedContent(content);
    ArtifactChange change = new ArtifactChange();
    change.setArtifactLocation(uris.locate(p.file()));
    change.setReplacements(List.of(replacement));
    Fix fix = new Fix();
    fix.setDescription(message(fx.description()));
    fix.setArtifactChanges(new LinkedHashSet<>(List.of(change)));
    return fix;
  }

  /** An unreadable file yields no hashes: the result is still worth reporting without one. */
  private static List<String> hashLines(Path file) {
    try {
      return LineHashes.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    } catch (IOException | SecurityException e) {
      return List.of();
    }
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
