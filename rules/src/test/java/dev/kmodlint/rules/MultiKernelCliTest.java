package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code --kernel} and repeated {@code --kdir} from the command line: check, info, and what refuses them. */
class MultiKernelCliTest {
  private static final String REMOVED = CliTest.corpus("kernels-removed-symbol");

  @Test
  void textSaysWhichKernelsAFindingHoldsOn() {
    CliTest.Run r = CliTest.run("check", "--no-cache", "--color", "never", "--kernel", "6.1,6.12", REMOVED);
    assertEquals(1, r.code(), r.out() + r.err());
    String line = r.out().lines().filter(l -> l.contains("[symbol/unresolved]")).findFirst().orElseThrow();
    assertTrue(line.contains("kml_strlcpy.c:11:2: error[6.12]: strlcpy() is declared nowhere"), line);
    assertFalse(line.contains("on 6.12 only"), "the text report says it once, in the level: " + line);
    // against 6.1 alone it builds: nothing, exit 0
    CliTest.Run old = CliTest.run("check", "--no-cache", "--kernel", "6.1", REMOVED);
    assertEquals(0, old.code(), old.out() + old.err());
    assertFalse(old.out().contains("[symbol/unresolved]"), old.out());
  }

  @Test
  void sarifHasTheKernelsOnTheResultAndTheRun() throws Exception {
    CliTest.Run r = CliTest.run("check", "--no-cache", "--format", "sarif", "--kernel", "all", REMOVED);
    JsonNode run = new ObjectMapper().readTree(r.out()).path("runs").get(0);
    assertEquals("[\"6.1\",\"6.12\"]", run.path("properties").path("kernels").toString());
    JsonNode result = run.path("results").get(0);
    assertEquals("symbol/unresolved", result.path("ruleId").asText());
    assertEquals("[\"6.12\"]", result.path("properties").path("kernels").toString());
    assertTrue(result.path("message").path("text").asText().startsWith("on 6.12 only: strlcpy() is declared nowhere"),
        result.toString());
  }

  @Test
  void aKernelOfNoKnownNameIsOneLineAndExitTwo() {
    CliTest.Run r = CliTest.run("check", "--kernel", "6.1,5.99", REMOVED);
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("--kernel 5.99: no kernel of that name is built into kmodlint (there are 6.1, 6.12"),
        r.err());
    CliTest.Run deps = CliTest.run("deps", "--kernel", "6.1,6.12", REMOVED);
    assertEquals(2, deps.code(), deps.out() + deps.err());
    assertTrue(deps.err().contains("deps takes one kernel, not 2"), deps.err());
  }

  @Test
  void infoShowsPerKernelWhatTheModuleNeedsAndWhatBreaks() throws Exception {
    CliTest.Run r = CliTest.run("info", "--kernel", "6.1,6.12", CliTest.corpus("kernels-namespace-moved"));
    assertEquals(0, r.code(), r.err());
    String text = r.out();
    int k61 = text.indexOf("kernel 6.1:\n");
    int k612 = text.indexOf("kernel 6.12:\n");
    assertTrue(k61 > 0 && k612 > k61, text);
    String on61 = text.substring(k61, k612);
    String on612 = text.substring(k612);
    assertTrue(on61.contains("breaks:         nothing kmodlint finds"), on61);
    assertFalse(on61.contains("namespaces:"), on61);
    assertTrue(on612.contains("namespaces:     BPF_INTERNAL (bpf_map_get), not imported"), on612);
    assertTrue(on612.contains("kml_bpf.c:10: module kml_bpf uses symbol bpf_map_get from namespace BPF_INTERNAL"),
        on612);
    assertTrue(on612.lines().anyMatch(l -> l.startsWith("  breaks:") && l.contains("kml_bpf.c:10:")), on612);
    JsonNode json = new ObjectMapper().readTree(CliTest.run("info", "--format", "json", "--kernel", "6.1,6.12",
        CliTest.corpus("kernels-gpl-only")).out());
    JsonNode kernels = json.get(0).path("kernels");
    assertEquals("[]", kernels.path("6.1").path("gpl-only").toString());
    assertEquals("[\"qmi_handle_release\"]", kernels.path("6.12").path("gpl-only").toString());
    assertTrue(kernels.path("6.12").path("breaks").get(0).asText().contains("[symbol/gpl-only]"), kernels.toString());
    assertEquals("qmi_helpers", kernels.path("6.1").path("kernel-depends").asText());
  }

  @Test
  void kdirRepeatedChecksEachBuildDirectoryNamedByItsRelease() {
    Optional<Path> v61 = MultiKernelOracleTest.headers("6.1");
    Optional<Path> v612 = MultiKernelOracleTest.headers("6.12");
    List<String> missing = new ArrayList<>();
    if (v61.isEmpty()) missing.add("6.1");
    if (v612.isEmpty()) missing.add("6.12");
    Assumptions.assumeTrue(missing.isEmpty(), "no installed Debian headers of " + missing);
    CliTest.Run r = CliTest.run("check", "--no-cache", "--color", "never", "--no-auto-index", "--kdir",
        v61.get().toString(), "--kdir", v612.get().toString(), REMOVED);
    String release = v612.get().getFileName().toString().substring("linux-headers-".length());
    assertTrue(r.out().contains("error[" + release + "]: strlcpy() is declared nowhere"), r.out() + r.err());
  }
}
