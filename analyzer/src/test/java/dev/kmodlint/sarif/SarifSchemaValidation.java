package dev.kmodlint.sarif;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Validates SARIF text against the official SARIF 2.1.0 schema (draft-04, rtm.5) kept in test
 * resources, so that no test needs the network. Format keywords (uri, date-time) are
 * asserted, as draft-04 prescribes.
 */
public final class SarifSchemaValidation {
  private static final String SCHEMA_RESOURCE = "/sarif-schema-2.1.0.json";
  private static final JsonSchema SCHEMA = load();

  private SarifSchemaValidation() {}

  /** The schema violations of {@code json}, one message each; empty when it is valid. */
  public static List<String> validate(String json) {
    return SCHEMA.validate(json, InputFormat.JSON).stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .toList();
  }

  private static JsonSchema load() {
    try (InputStream in = SarifSchemaValidation.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from test resources");
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
