package dev.kmodlint.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.kernel.HeaderIndex;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.kernel.KernelExports;
import dev.kmodlint.model.AssemblerName;
import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CReference;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.ExportDecl;
import dev.kmodlint.model.ExternalUse;
import dev.kmodlint.model.Module;
import dev.kmodlint.model.ModuleObject;
import dev.kmodlint.model.Project;
import dev.kmodlint.model.Section;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.symbols.SymbolResolution.How;
import dev.kmodlint.symbols.SymbolResolution.Need;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * modpost's computation on a hand-built model: what each module needs from outside, how, and
 * who provides it. The kernel is the embedded one (its header index, for macros such as
 * kzalloc) with a few stub exports from a Module.symvers on top, so that the expectations
 * below do not depend on which kernel symbols exist.
 */
class SymbolResolutionTest {
  private static final Path ROOT = Path.of("/src/mods");
  private static KernelDatabase kernel;

  @BeforeAll
  static void stubKernel(@TempDir Path tmp) throws IOException {
    Path symvers = Files.writeString(tmp.resolve("Module.symvers"), String.join("\n",
        "0x00000001\tstub_plain\tvmlinux\tEXPORT_SYMBOL\t",
        "0x00000002\tstub_gpl\tdrivers/stub/stubcore\tEXPORT_SYMBOL_GPL\t",
        "0x00000003\tstub_ns\tvmlinux\tEXPORT_SYMBOL_GPL\tSTUB_NS",
        "0x00000004\tshadowed\tvmlinux\tEXPORT_SYMBOL\t", ""));
    kernel = KernelDatabase.embedded(KernelExports.fromSymvers("stub", List.of(symvers), n -> {
      throw new AssertionError(n.message());
    }));
  }

  // --- a small model, one C file per module ---

  private static SourcePosition at(String file, int line) {
    return new SourcePosition(ROOT.resolve(file), line, 1, line, 1);
  }

  private static CFunction function(String file, int line, String name, boolean definition, boolean isStatic) {
    return new CFunction(name, isStatic, !definition, false, definition, Section.TEXT, at(file, line), Optional.empty(),
        "int", List.of(), true, false);
  }

  private static CReference call(String file, int line, String from, String to) {
    return new CReference(from, to, CReference.Kind.CALL, at(file, line), true);
  }

  private static ExternalUse use(String file, int line, String name, boolean call) {
    return new ExternalUse(name, call, at(file, line), true, "", "");
  }

  private static ExportDecl export(String file, int line, String symbol) {
    return new ExportDecl(symbol, false, Optional.empty(), at(file, line), true, true);
  }

  private record Source(String file, List<CFunction> functions, List<CReference> references, List<ExportDecl> exports,
      List<ExternalUse> uses) {
    SourceFile toFile() {
      Code code = new Code(functions, List.of(), references, List.of(), List.of(), exports, uses, List.of(), List.of());
      return new SourceFile(ROOT.resolve(file), SourceFile.Kind.C, true, Optional.empty(), List.of(),
          List.of(new EntryPoint(EntryPoint.Kind.INIT, "", file.replace(".c", "_init"), at(file, 1), true)),
          List.of(), code);
    }
  }

  private static Module module(SourceFile f) {
    String name = f.path().getFileName().toString().replace(".c", "");
    return Module.of(name, ROOT, Module.Origin.KBUILD, List.of(new ModuleObject(name + ".o", Optional.of(f),
        Optional.empty())), Optional.empty(), Set.of());
  }

  private static Project project(List<Module> modules) {
    List<SourceFile> files = new ArrayList<>();
    for (Module m : modules) files.addAll(m.sources());
    return new Project(ROOT, modules, files);
  }

  private static Map<String, Need> bySymbol(SymbolResolution r, Module m) {
    return r.needs(m).stream().collect(Collectors.toMap(Need::symbol, n -> n));
  }

  // --- the tests ---

  @Test
  void aPrototypeInTheModulesOwnSourcesIsADeclaredNeedProvidedByTheScannedModuleThatExportsIt() {
    Module user = module(new Source("user.c",
        List.of(function("user.c", 3, "lib_fn", false, false), function("user.c", 5, "user_init", true, true)),
        List.of(call("user.c", 7, "user_init", "lib_fn")), List.of(), List.of()).toFile());
    Module lib = module(new Source("lib.c", List.of(function("lib.c", 3, "lib_fn", true, false)), List.of(),
        List.of(export("lib.c", 6, "lib_fn")), List.of()).toFile());
    SymbolResolution r = SymbolResolution.of(project(List.of(user, lib)), kernel);

    Need n = bySymbol(r, user).get("lib_fn");
    assertEquals(How.DECLARED, n.how());
    assertEquals(at("user.c", 7), n.at(), "at its first use, not at the prototype");
    assertEquals("lib", n.provider().orElseThrow().module());
    assertFalse(n.provider().get().inKernel());
    assertEquals(List.of(lib), r.dependencies(user));
    assertEquals(List.of(), r.cycles(List.of(user, lib)), "a dependency is no cycle");
    assertEquals(List.of(), r.needs(lib), "what a module defines it does not need");
    assertEquals(List.of("lib_fn"), r.exportsOf(lib).stream().map(e -> e.decl().symbol()).toList());
    assertEquals(Optional.of(lib), r.scannedExports("lib_fn").get(0).module());
  }

  @Test
  void aKernelHeaderMacroIsANeedOfEveryExportItReaches() {
    HeaderIndex.Entry kzalloc = kernel.headers().lookup("kzalloc").orElseThrow();
    assertFalse(kzalloc.reaches().isEmpty(), "the embedded index knows what kzalloc reaches");
    Module m = module(new Source("m.c", List.of(function("m.c", 3, "m_init", true, true)), List.of(), List.of(),
        List.of(use("m.c", 5, "kzalloc", true))).toFile());
    SymbolResolution r = SymbolResolution.of(project(List.of(m)), kernel);
    Set<String> reached = new TreeSet<>();
    for (Need n : r.needs(m)) {
      assertEquals(How.HEADER_MACRO, n.how(), n.toString());
      assertEquals("kzalloc", n.written());
      assertEquals(at("m.c", 5), n.at());
      assertTrue(n.provider().isPresent() && n.provider().get().inKernel(), n.toString());
      reached.add(n.symbol());
    }
    assertEquals(new TreeSet<>(kzalloc.reaches()), reached);
    assertTrue(reached.contains("__kmalloc"), "kzalloc(size, flags) is kmalloc(), which reaches __kmalloc: " + reached);
  }

  @Test
  void theModulesOwnPrototypeOfAKernelHeaderInlineNeedsWhatTheInlineReaches() {
    HeaderIndex.Entry inline = kernel.headers().lookup("ktime_get_real").orElseThrow();
    assertEquals(HeaderIndex.Kind.HEADER_FUNCTION, inline.kind(), "a static inline of linux/timekeeping.h in 6.1");
    assertFalse(kernel.exports().exports("ktime_get_real"));
    // ktime_t ktime_get_real(void); in the module, after the header's static inline, and a call;
    // and a prototype of a name no header defines, which stays the module's own need
    Module m = module(new Source("m.c", List.of(function("m.c", 3, "ktime_get_real", false, false),
        function("m.c", 4, "compat_only", false, false), function("m.c", 5, "m_init", true, true)),
        List.of(call("m.c", 7, "m_init", "ktime_get_real"), call("m.c", 8, "m_init", "compat_only")), List.of(),
        List.of()).toFile());
    Map<String, Need> needs = bySymbol(SymbolResolution.of(project(List.of(m)), kernel), m);
    assertFalse(needs.containsKey("ktime_get_real"), needs.toString());
    for (String s : inline.reaches()) {
      assertEquals(How.HEADER_MACRO, needs.get(s).how(), s);
      assertEquals("ktime_get_real", needs.get(s).written());
      assertTrue(needs.get(s).provider().isPresent(), s);
    }
    assertEquals(How.DECLARED, needs.get("compat_only").how());
    assertEquals(Optional.empty(), needs.get("compat_only").provider());
  }

  @Test
  void aNameTheKernelExportsIsAnExportedNeedWithItsKernelProvider() {
    Module m = module(new Source("m.c", List.of(function("m.c", 3, "m_init", true, true)), List.of(), List.of(),
        List.of(use("m.c", 5, "stub_gpl", true), use("m.c", 6, "stub_ns", true), use("m.c", 7, "stub_plain", false)))
        .toFile());
    SymbolResolution r = SymbolResolution.of(project(List.of(m)), kernel);
    Map<String, Need> needs = bySymbol(r, m);
    assertEquals(Set.of("stub_gpl", "stub_ns", "stub_plain"), needs.keySet());
    SymbolResolution.Provider gpl = needs.get("stub_gpl").provider().orElseThrow();
    assertEquals(How.EXPORTED, needs.get("stub_gpl").how());
    assertTrue(gpl.gplOnly() && gpl.inKernel());
    assertEquals("drivers/stub/stubcore", gpl.module());
    assertEquals(List.of("stubcore"), r.kernelDependencies(m), "a kernel module, not vmlinux");
    assertEquals(Set.of("STUB_NS"), r.namespacesUsed(m).keySet());
    assertEquals("vmlinux", needs.get("stub_plain").provider().get().module());
  }

  @Test
  void aScannedExportProvidesBeforeTheKernelButNotToTheModuleItself() {
    Module mine = module(new Source("mine.c", List.of(function("mine.c", 3, "shadowed", true, false)), List.of(),
        List.of(export("mine.c", 6, "shadowed")), List.of()).toFile());
    Module user = module(new Source("user.c", List.of(function("user.c", 3, "user_init", true, true)), List.of(),
        List.of(), List.of(use("user.c", 5, "shadowed", true))).toFile());
    SymbolResolution r = SymbolResolution.of(project(List.of(mine, user)), kernel);
    Need n = bySymbol(r, user).get("shadowed");
    assertEquals(How.EXPORTED, n.how());
    assertEquals("mine", n.provider().orElseThrow().module(), "the user's code is the truth, not the kernel's export");
    assertEquals(List.of(mine), r.dependencies(user));
  }

  @Test
  void aCallOfANameDeclaredNowhereIsAnUndeclaredNeedThatNothingProvides() {
    Module m = module(new Source("m.c", List.of(function("m.c", 3, "m_init", true, true)), List.of(), List.of(),
        List.of(use("m.c", 5, "frobnicate_the_widget", true), use("m.c", 6, "unknown_object", false))).toFile());
    SymbolResolution r = SymbolResolution.of(project(List.of(m)), kernel);
    assertTrue(r.headersKnown());
    Map<String, Need> needs = bySymbol(r, m);
    assertEquals(Set.of("frobnicate_the_widget"), needs.keySet(), "a mention that is no call may be a macro's");
    assertEquals(How.UNDECLARED_CALL, needs.get("frobnicate_the_widget").how());
    assertEquals(Optional.empty(), needs.get("frobnicate_the_widget").provider());
  }

  @Test
  void modulesThatUseEachOthersExportsFormACycle() {
    Module a = module(new Source("a.c", List.of(function("a.c", 3, "a_fn", true, false)), List.of(),
        List.of(export("a.c", 6, "a_fn")), List.of(use("a.c", 8, "b_fn", true))).toFile());
    Module b = module(new Source("b.c", List.of(function("b.c", 3, "b_fn", true, false)), List.of(),
        List.of(export("b.c", 6, "b_fn")), List.of(use("b.c", 8, "a_fn", true))).toFile());
    Module c = module(new Source("c.c", List.of(function("c.c", 3, "c_init", true, true)), List.of(), List.of(),
        List.of(use("c.c", 5, "a_fn", true))).toFile());
    SymbolResolution r = SymbolResolution.of(project(List.of(c, b, a)), kernel);
    assertEquals(List.of(b), r.dependencies(a));
    assertEquals(List.of(a), r.dependencies(b));
    assertEquals(List.of(a), r.dependencies(c));
    assertEquals(List.of(List.of(a, b)), r.cycles(List.of(c, b, a)), "one cycle, sorted by anchor; c depends on it, is not in it");
    assertEquals(List.of(List.of(a, b)), r.cycles(List.of(c)), "a cycle is found through the modules it starts from");
  }

  private static SourceFile withAssembler(SourceFile f, AssemblerName... names) {
    Code c = f.code();
    Code code = new Code(c.functions(), c.variables(), c.references(), c.params(), c.paramDescriptions(), c.exports(),
        c.externalUses(), c.unresolvedLocalIncludes(), c.macroDefinedNames(), c.externalCalls(), c.versionConditionals(),
        c.namespaceDefinitions(), List.of(names));
    return new SourceFile(f.path(), f.kind(), f.parsed(), f.spdx(), f.modInfo(), f.entryPoints(), f.localIncludes(), code);
  }

  private static AssemblerName asm(String file, int line, String name, AssemblerName.Kind kind) {
    return new AssemblerName(name, kind, at(file, line), "");
  }

  @Test
  void aGlobalAsmLabelDefinesForEveryObjectALocalOneForItsOwnAndAnAsmCallNeedsADefinitionOrAnExport() {
    SourceFile a = withAssembler(new Source("a.c",
        List.of(function("a.c", 2, "lab_local", false, false), function("a.c", 3, "lab_global", false, false),
            function("a.c", 4, "a_init", true, true)),
        List.of(call("a.c", 6, "a_init", "lab_local"), call("a.c", 7, "a_init", "lab_global")), List.of(),
        List.of()).toFile(),
        asm("a.c", 10, "lab_local", AssemblerName.Kind.LOCAL), asm("a.c", 11, "lab_global", AssemblerName.Kind.GLOBAL),
        asm("a.c", 12, "asm_nowhere", AssemblerName.Kind.REFERENCE), asm("a.c", 13, "stub_plain",
            AssemblerName.Kind.REFERENCE), asm("a.c", 14, "a_init", AssemblerName.Kind.REFERENCE));
    SourceFile b = new Source("b.c",
        List.of(function("b.c", 2, "lab_local", false, false), function("b.c", 3, "lab_global", false, false),
            function("b.c", 4, "b_fn", true, false)),
        List.of(call("b.c", 6, "b_fn", "lab_local"), call("b.c", 7, "b_fn", "lab_global")), List.of(), List.of()).toFile();
    Module m = Module.of("ab", ROOT, Module.Origin.KBUILD, List.of(new ModuleObject("a.o", Optional.of(a), Optional.empty()),
        new ModuleObject("b.o", Optional.of(b), Optional.empty())), Optional.empty(), Set.of());
    SymbolResolution r = SymbolResolution.of(project(List.of(m)), kernel);

    Map<String, Need> needs = bySymbol(r, m);
    assertEquals(Set.of("lab_local", "asm_nowhere", "stub_plain"), needs.keySet());
    assertEquals(at("b.c", 6), needs.get("lab_local").at(), "a.o's own use is resolved, b.o's is not");
    assertEquals(How.DECLARED, needs.get("lab_local").how());
    assertEquals(Optional.empty(), needs.get("lab_local").provider());
    assertEquals(How.ASSEMBLER, needs.get("asm_nowhere").how());
    assertEquals(Optional.empty(), needs.get("asm_nowhere").provider());
    assertEquals("vmlinux", needs.get("stub_plain").provider().orElseThrow().module());
  }
}
