package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.rule.RuleDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub ranks code-scanning alerts of security rules by {@code properties.security-severity},
 * a number written as a string: every rule tagged {@code security} carries one, no other does.
 */
class SecuritySeverityTest {
  @TempDir Path tmp;

  @Test
  void everySecurityRuleHasASecuritySeverityInItsSarifDescriptorAndNoOtherRuleHas() throws Exception {
    Path out = tmp.resolve("r.sarif");
    CliTest.run("check", "--format", "sarif", "--fail-on", "none", "--output", out.toString(),
        CliTest.corpus("params-acceptance"));
    List<String> security = new ArrayList<>();
    for (JsonNode rule : new ObjectMapper().readTree(out.toFile()).at("/runs/0/tool/driver/rules")) {
      boolean tagged = false;
      for (JsonNode t : rule.at("/properties/tags")) tagged |= t.asText().equals("security");
      JsonNode severity = rule.at("/properties/security-severity");
      String id = rule.get("id").asText();
      if (!tagged) {
        assertTrue(severity.isMissingNode(), id + " is not a security rule");
        continue;
      }
      security.add(id);
      assertTrue(severity.isTextual(), id + ": a string, as GitHub wants it: " + severity);
      double score = Double.parseDouble(severity.asText());
      assertTrue(score > 0 && score <= 10, id + ": " + score);
      assertTrue(severity.asText().matches("\\d+\\.\\d"), id + ": one decimal, as GitHub writes them");
    }
    assertTrue(security.contains("param/world-writable"), security.toString());
    assertEquals(RuleRegistry.discover().descriptors().stream().filter(r -> r.tags().contains("security")).count(),
        security.size());
  }

  @Test
  void onlySecurityRulesSetOne() {
    for (RuleDescriptor r : RuleRegistry.discover().descriptors()) {
      assertEquals(r.tags().contains("security"), !r.securitySeverity().isEmpty(), r.id());
      assertFalse(r.securitySeverity().isBlank() && !r.securitySeverity().isEmpty(), r.id());
    }
  }
}
