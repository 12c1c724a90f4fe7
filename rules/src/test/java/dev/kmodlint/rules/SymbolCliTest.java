package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The symbol checks from the command line: --symvers, info and deps. */
class SymbolCliTest {
  private static final String CONSUMER = CliTest.corpus("symbols-unresolved");

  private static List<String> unresolved(CliTest.Run r) {
    return r.out().lines().filter(l -> l.contains("[symbol/unresolved]")).toList();
  }

  @Test
  void consumerAloneHasItsImportUnresolvedUntilSymversNamesTheExporter() {
    CliTest.Run alone = CliTest.run("check", CONSUMER);
    assertTrue(unresolved(alone).stream().anyMatch(l -> l.contains("\"mylib_add\" [consumer.ko] undefined!")), alone.out());
    CliTest.Run with = CliTest.run("check", "--symvers", CONSUMER + "/exporter.symvers", CONSUMER);
    assertFalse(unresolved(with).stream().anyMatch(l -> l.contains("mylib_add")), with.out());
    // what the symvers file does not provide stays unresolved
    assertTrue(unresolved(with).stream().anyMatch(l -> l.contains("kallsyms_lookup_name")), with.out());
  }

  @Test
  void exporterAndConsumerScannedTogetherLinkCleanly() {
    CliTest.Run r = CliTest.run("check", CliTest.corpus("tutorial-exports"));
    assertTrue(unresolved(r).isEmpty(), r.out());
    assertFalse(r.out().contains("[symbol/gpl-only]"), r.out());
  }

  @Test
  void infoPrintsModinfoFieldsAndDependsFromTheScan() throws Exception {
    CliTest.Run r = CliTest.run("info", CliTest.corpus("symbols-gpl"));
    assertEquals(0, r.code(), r.err());
    String propdrv = r.out().substring(r.out().indexOf("module:         propdrv"));
    assertTrue(propdrv.contains("license:        Proprietary"), propdrv);
    assertTrue(propdrv.contains("depends:        gplhelper"), propdrv);
    CliTest.Run json = CliTest.run("info", "--format", "json", CliTest.corpus("tutorial-params"));
    JsonNode modules = new ObjectMapper().readTree(json.out());
    JsonNode parm = modules.get(0).get("parm");
    assertEquals("irq_num", parm.get(0).get("name").asText());
    assertEquals("int", parm.get(0).get("type").asText());
    assertEquals("0644", parm.get(0).get("permission").asText());
  }

  @Test
  void depsPrintsTheGraphAndExitsOneOnACycle() {
    CliTest.Run r = CliTest.run("deps", CliTest.corpus("symbols-misc"));
    assertEquals(1, r.code(), r.out() + r.err());
    // misc also names cycb_fn, but only in symbol_get(): a run-time lookup is no dependency
    assertTrue(r.out().contains("misc:\n  -> cyca (cyca_fn)\ncycle:"), r.out());
    assertTrue(r.out().contains("cycle: cyca -> cycb -> cyca"), r.out());
    CliTest.Run dot = CliTest.run("deps", "--format", "dot", CliTest.corpus("symbols-gpl"));
    assertEquals(0, dot.code(), dot.err());
    assertTrue(dot.out().contains("\"propdrv\" -> \"gplhelper\" [label=\"helper_gpl_fn\\nhelper_fn\"];"), dot.out());
  }
}
