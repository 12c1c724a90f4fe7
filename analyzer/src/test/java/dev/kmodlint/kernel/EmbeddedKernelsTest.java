package dev.kmodlint.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.HeaderFacts.Arity;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernels built into kmodlint: Debian's 6.1 (the default) and 6.12, each a whole kernel
 * (exports, header index, configuration, module list, version, architecture), and what
 * changed between them, as modules that build on one and break on the other see it.
 */
class EmbeddedKernelsTest {
  private static KernelDatabase k61;
  private static KernelDatabase k612;

  @BeforeAll
  static void open() {
    k61 = KernelDatabase.embedded("6.1");
    k612 = KernelDatabase.embedded("6.12");
  }

  @Test
  void theEmbeddedKernelsAreDebian61ThenDebian612() {
    List<KernelDatabase.EmbeddedKernel> all = KernelDatabase.embeddedKernels();
    assertEquals(List.of("6.1", "6.12"), all.stream().map(KernelDatabase.EmbeddedKernel::name).toList());
    KernelDatabase.EmbeddedKernel a = all.get(0);
    KernelDatabase.EmbeddedKernel b = all.get(1);
    assertTrue(a.release().matches("6\\.1\\.0-\\d+-amd64"), a.release());
    assertTrue(b.release().matches("6\\.12\\.\\d+\\+deb12-amd64"), b.release());
    assertEquals(6, a.version().major());
    assertEquals(1, a.version().patchlevel());
    assertEquals(12, b.version().patchlevel());
    assertEquals(KernelVersion.code(6, 1, a.version().sublevel()), a.version().code());
    assertEquals(KernelVersion.code(6, 12, b.version().sublevel()), b.version().code());
    assertEquals("x86", a.architecture());
    assertEquals("x86", b.architecture());
    assertTrue(a.description().startsWith("Debian linux-headers " + a.release() + " (6.1."), a.description());
    // the default kernel is the first
    assertEquals(a.release(), KernelDatabase.embedded(KernelExports.empty("")).release());
    assertEquals(a.release(), HeaderIndex.embedded().release());
  }

  @Test
  void eachEmbeddedKernelIsWholeAndOfOneRelease() {
    for (KernelDatabase db : List.of(k61, k612)) {
      String r = db.release();
      assertEquals(r, db.headers().release());
      assertTrue(db.description().contains(r), db.description());
      assertTrue(db.exports().size() > 20_000, r + " exports " + db.exports().size());
      assertTrue(db.headers().size() > 150_000, r + " index " + db.headers().size());
      assertTrue(db.config().orElseThrow().enabled("CONFIG_MODULES"), r);
      assertEquals(db.description(), db.config().orElseThrow().release());
      assertTrue(db.modules().release().contains(r) && db.modules().size() > 3_000, db.modules().release());
      assertEquals("x86", db.architecture().orElseThrow());
      assertEquals(db.version().orElseThrow(), KernelDatabase.findEmbedded(db.name()).orElseThrow().version());
      for (String api : List.of("module_platform_driver", "kzalloc", "i2c_add_driver", "copy_from_user"))
        for (String sym : db.headers().reachedExports(api)) assertTrue(db.exports().exports(sym), r + ": " + api + " -> " + sym);
      assertEquals(Set.of("__platform_driver_register", "platform_driver_unregister"),
          db.exportsUsedBy("module_platform_driver"), r);
    }
  }

  @Test
  void kernelsAreFoundByNameReleaseOrSeries() {
    assertEquals("6.12", KernelDatabase.findEmbedded("6.12").orElseThrow().name());
    assertEquals("6.12", KernelDatabase.findEmbedded(k612.release()).orElseThrow().name());
    assertEquals("6.12", KernelDatabase.findEmbedded("6.12.999+deb12-amd64").orElseThrow().name());
    assertEquals("6.1", KernelDatabase.findEmbedded("6.1.0-999-amd64").orElseThrow().name());
    assertTrue(KernelDatabase.findEmbedded("6.6").isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelDatabase.embedded("5.10"));
    assertTrue(e.getMessage().contains("6.1, 6.12"), e.getMessage());
  }

  /** Issue 15's facts: what breaks between the two, through each kernel's own headers. */
  @Test
  void whatChangedBetween61And612IsSeenThroughEachKernelsHeaders() {
    // removed in 6.8: exported and declared on 6.1, nowhere on 6.12
    assertTrue(k61.exports().exports("strlcpy") && k61.headers().declaredExtern("strlcpy"));
    assertFalse(k612.exports().exports("strlcpy") || k612.headers().lookup("strlcpy").isPresent());
    // only on 6.12
    assertTrue(k612.exports().exports("disable_work_sync") && !k61.exports().exports("disable_work_sync"));
    // vanished from 6.12's exports, yet compiles: a macro over the _noprof function
    assertTrue(k61.exportsUsedBy("vmalloc").contains("vmalloc"));
    assertFalse(k612.exports().exports("vmalloc"));
    assertTrue(k612.exportsUsedBy("vmalloc").contains("vmalloc_noprof"), k612.exportsUsedBy("vmalloc").toString());
    // class_create(THIS_MODULE, "x") on 6.1; class_create("x") on 6.12
    assertEquals(new Arity(2, false), k61.headers().arity("class_create").orElseThrow());
    assertEquals(new Arity(1, false), k612.headers().arity("class_create").orElseThrow());
    // eventfd_signal(ctx, n) then eventfd_signal(ctx)
    assertEquals(new Arity(2, false), k61.headers().arity("eventfd_signal").orElseThrow());
    assertEquals(new Arity(1, false), k612.headers().arity("eventfd_signal").orElseThrow());
    assertTrue(k61.headers().arity("printk").orElseThrow().variadic());
  }

  /** The two kernels' exports compared; the figures are printed for the record. */
  @Test
  void exportsOf61And612Differ() {
    KernelExports a = k61.exports();
    KernelExports b = k612.exports();
    Set<String> removed = new TreeSet<>(a.symbols());
    removed.removeAll(b.symbols());
    Set<String> added = new TreeSet<>(b.symbols());
    added.removeAll(a.symbols());
    int turnedGpl = 0;
    int namespaced = 0;
    int moved = 0;
    int otherModule = 0;
    for (String s : a.symbols()) {
      if (!b.exports(s)) continue;
      KernelExports.Export x = a.lookup(s).orElseThrow();
      KernelExports.Export y = b.lookup(s).orElseThrow();
      if (!x.gplOnly() && y.gplOnly()) turnedGpl++;
      if (x.namespace().isEmpty() && !y.namespace().isEmpty()) namespaced++;
      else if (!x.namespace().equals(y.namespace())) moved++;
      if (!x.module().equals(y.module())) otherModule++;
    }
    System.out.printf("exports 6.1 %d, 6.12 %d: %d removed, %d added, %d turned GPL-only, %d moved into a namespace,"
        + " %d to another namespace, %d of another module%n", a.size(), b.size(), removed.size(), added.size(),
        turnedGpl, namespaced, moved, otherModule);
    assertTrue(removed.size() > 500 && added.size() > 1_000, removed.size() + " / " + added.size());
    assertTrue(turnedGpl >= 5 && namespaced >= 50 && otherModule >= 100, turnedGpl + " " + namespaced + " " + otherModule);
    assertTrue(b.lookup("pwm_get").orElseThrow().namespace().equals("PWM") && a.lookup("pwm_get").orElseThrow().namespace().isEmpty());
  }

  @Test
  void macrosThatDefineAtFileScopeAreKnownWithTheirDefinitions() {
    for (KernelDatabase db : List.of(k61, k612)) {
      HeaderIndex h = db.headers();
      for (String m : List.of("DEFINE_MUTEX", "DEFINE_SPINLOCK", "DEFINE_IDA", "DECLARE_WAIT_QUEUE_HEAD",
          "DEFINE_PER_CPU", "DECLARE_BITMAP", "DEFINE_SIMPLE_ATTRIBUTE", "DEFINE_SHOW_ATTRIBUTE", "DEVICE_ATTR",
          "DEVICE_ATTR_RO", "DEVICE_ATTR_RW", "DEVICE_ATTR_WO", "ATTRIBUTE_GROUPS", "DECLARE_EWMA", "LIST_HEAD",
          "module_param", "MODULE_LICENSE", "module_platform_driver", "EXPORT_SYMBOL_GPL")) {
        assertTrue(h.definesAtFileScope(m), db.name() + ": " + m);
        assertTrue(h.macroDefinition(m).orElseThrow().startsWith("#define " + m + "("), db.name() + ": " + m);
      }
      for (String m : List.of("min", "max", "pr_info", "BUILD_BUG_ON", "container_of", "ARRAY_SIZE", "likely",
          "READ_ONCE", "WARN_ON", "list_for_each_entry", "__stringify", "__section", "barrier"))
        assertFalse(h.definesAtFileScope(m), db.name() + ": " + m);
      // what DECLARE_EWMA needs, as a preprocessor would: the definitions it expands to
      String ewma = h.macroDefinition("DECLARE_EWMA").orElseThrow();
      assertTrue(ewma.contains("ewma_##name##_init") && !ewma.contains("\\\n"), ewma);
      assertTrue(h.macroDefinition("BUILD_BUG_ON").isPresent(), "DECLARE_EWMA uses it");
      assertTrue(h.definesMacro("timer_setup") && h.definesMacro("CONFIG_MODULES") && !h.definesMacro("kfree"));
      assertTrue(h.definesMacro("readl") && h.lookup("readl").orElseThrow().kind() == HeaderIndex.Kind.HEADER_FUNCTION,
          "#define readl readl, and an inline function");
    }
  }

  /**
   * The macro fingerprint (part of every fact-cache key) of an index read from its file, taken
   * in the file's order, is the one an index built in memory gets by sorting its names; one
   * whose file is out of order is sorted, not trusted.
   */
  @Test
  void theMacroFingerprintDoesNotDependOnHowTheIndexWasRead() throws Exception {
    HeaderIndex h = k61.headers();
    List<String> lines = h.lines();
    HeaderIndex inOrder = HeaderIndex.read(new java.io.BufferedReader(new java.io.StringReader(String.join("\n", lines))));
    java.util.List<String> shuffled = new java.util.ArrayList<>(lines.subList(1, lines.size()));
    java.util.Collections.reverse(shuffled);
    shuffled.add(0, lines.get(0));
    HeaderIndex reversed = HeaderIndex.read(new java.io.BufferedReader(new java.io.StringReader(String.join("\n", shuffled))));
    assertEquals(inOrder.macroFingerprint(), reversed.macroFingerprint());
    assertEquals(h.macroFingerprint(), inOrder.macroFingerprint());
    HeaderIndex other = HeaderIndex.read(new java.io.BufferedReader(new java.io.StringReader(
        String.join("\n", lines).replaceFirst("\nm ([A-Za-z_]\\w*) ", "\ne $1 "))));
    assertNotEquals(h.macroFingerprint(), other.macroFingerprint(), "a macro that is no longer one");
  }

  /**
   * The exports of the source: what a configuration can build, and where. A symbol the
   * configuration's exports lack is either exported by an object the configuration does not
   * build (and which configs would), or of another architecture, or exported by nothing.
   */
  @Test
  void theSourceSaysWhoExportsWhatUnderWhichConfiguration() {
    KernelConfig config = k61.config().orElseThrow();
    SourceExports.SourceExport adi = k61.sourceExport("adi_axi_adc_conv_priv").orElseThrow();
    assertEquals("drivers/iio/adc/adi-axi-adc.c", adi.file());
    assertEquals("IIO_ADI_AXI", adi.namespace());
    assertTrue(adi.gplOnly() && adi.gates().stream().anyMatch(g -> g.contains("CONFIG_ADI_AXI_ADC")), adi.toString());
    assertFalse(k61.exports().exports("adi_axi_adc_conv_priv"), "not in Debian's configuration");
    assertFalse(adi.builtBy(config, "x86"));
    assertEquals(List.of("CONFIG_ADI_AXI_ADC"), adi.missingConfigs(config));
    SourceExports.SourceExport i2c = k61.sourceExport("i2c_register_driver").orElseThrow();
    assertTrue(i2c.builtBy(config, "x86"), i2c.toString());
    assertTrue(k61.sourceExport("no_such_export_anywhere").isEmpty(), "exported by nothing");
    SourceExports.SourceExport arm = k61.sourceExport("ce_aes_expandkey").orElseThrow();
    assertEquals("arm64", arm.architecture());
    assertFalse(arm.builtBy(config, "x86"), "another architecture's");
    // assembler: x86's user copy routines, exported from a .S
    SourceExports.SourceExport copy = k61.sourceExport("copy_user_generic_unrolled").orElseThrow();
    assertTrue(copy.assembler() && copy.architecture().equals("x86"), copy.toString());
    assertTrue(k61.sourceExports().orElseThrow().definedInAssembler("copy_user_generic_unrolled"));
  }

  /** Nearly every export of each configuration is found in its source, and found built by that configuration. */
  @Test
  void theSourceExportsExplainTheConfigurationsExports() {
    for (KernelDatabase db : List.of(k61, k612)) {
      SourceExports source = db.sourceExports().orElseThrow();
      KernelConfig config = db.config().orElseThrow();
      int found = 0;
      int built = 0;
      for (String sym : db.exports().symbols()) {
        java.util.Optional<SourceExports.SourceExport> s = source.lookup(sym, "x86");
        if (s.isEmpty()) continue;
        found++;
        if (s.get().builtBy(config, "x86")) built++;
      }
      int all = db.exports().size();
      System.out.printf("source exports of %s: %d records; of its %d exports %d found in the source (%.1f%%),"
          + " %d of them built by its configuration (%.1f%%)%n", db.name(), source.size(), all, found,
          100.0 * found / all, built, 100.0 * built / found);
      assertTrue(found >= all * 0.98, db.name() + ": " + found + " of " + all);
      assertTrue(built >= found * 0.9, db.name() + ": " + built + " of " + found);
    }
  }
}
