package dev.kmodlint.c;

import static org.junit.jupiter.api.Assertions.*;

import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CFrontEndTest {
  @TempDir Path dir;

  private SourceFile parse(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return new CFrontEnd(dir).parse(f, SourceFile.Kind.C).file();
  }

  @Test
  void helloWorldMetadataAndEntryPointsWithExactPositions() throws Exception {
    SourceFile f = parse("hello.c", """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/module.h>
        #include <linux/init.h>

        MODULE_LICENSE("GPL");
        MODULE_AUTHOR("Your Name <you@example.com>");
          MODULE_DESCRIPTION("Hello" " World");
        MODULE_VERSION("1.0");

        static int __init hello_init(void)
        {
            pr_info("hello: module loaded\\n");
            return 0;
        }

        static void __exit hello_exit(void) { }

        module_init(hello_init);
        module_exit(hello_exit);
        """);
    List<ModInfo> lic = f.modInfo("license");
    assertEquals(1, lic.size());
    assertEquals("GPL", lic.get(0).value());
    assertEquals(5, lic.get(0).position().line());
    assertEquals(1, lic.get(0).position().column());
    assertEquals(22, lic.get(0).position().endColumn(), "end of MODULE_LICENSE(\"GPL\") exclusive");
    ModInfo desc = f.modInfo("description").get(0);
    assertEquals("Hello World", desc.value());
    assertEquals(7, desc.position().line());
    assertEquals(3, desc.position().column());
    assertEquals("1.0", f.modInfo("version").get(0).value());
    List<EntryPoint> e = f.entryPoints();
    assertEquals(2, e.size());
    assertEquals(EntryPoint.Kind.INIT, e.get(0).kind());
    assertEquals("hello_init", e.get(0).function());
    assertEquals(18, e.get(0).position().line());
    assertEquals(EntryPoint.Kind.EXIT, e.get(1).kind());
    assertEquals("hello_exit", e.get(1).function());
    assertEquals("GPL-2.0", f.spdx().orElseThrow().expression());
    assertEquals("//", f.spdx().orElseThrow().commentStyle());
  }

  @Test
  void localHeaderMacrosAndInactiveBranchesAreSeen() throws Exception {
    Files.writeString(dir.resolve("drv.h"), "#define DRV_LICENSE \"Dual BSD/GPL\"\n");
    SourceFile f = parse("drv.c", """
        #include "drv.h"
        #include <linux/module.h>
        MODULE_LICENSE(DRV_LICENSE);
        #ifdef CONFIG_FOO
        MODULE_AUTHOR("Someone");
        #endif
        MODULE_DESCRIPTION(UNKNOWN_KERNEL_MACRO);
        module_platform_driver(drv_driver);
        """);
    assertEquals("Dual BSD/GPL", f.modInfo("license").get(0).value());
    assertEquals(3, f.modInfo("license").get(0).position().line());
    ModInfo author = f.modInfo("author").get(0);
    assertFalse(author.active());
    assertEquals("Someone", author.value());
    ModInfo desc = f.modInfo("description").get(0);
    assertNull(desc.value(), "a macro from an unread kernel header is not evaluated");
    assertEquals("UNKNOWN_KERNEL_MACRO", desc.text());
    assertEquals("module_platform_driver", f.entryPoints().get(0).helper());
    assertEquals("drv_driver", f.entryPoints().get(0).function());
    assertEquals(List.of(dir.resolve("drv.h").toAbsolutePath().normalize()), f.localIncludes());
  }

  @Test
  void garbageAndLatin1DoNotAbortTheFile() throws Exception {
    byte[] latin1 = "/* Autor: J\u00f6rg */\nMODULE_LICENSE(\"GPL\");\nint x = ((;\n}}}\nMODULE_AUTHOR(\"J\u00f6rg\");\n"
        .getBytes(StandardCharsets.ISO_8859_1);
    Path f = dir.resolve("bad.c");
    Files.write(f, latin1);
    SourceFile s = new CFrontEnd(dir).parse(f, SourceFile.Kind.C).file();
    assertTrue(s.parsed());
    assertEquals("GPL", s.modInfo("license").get(0).value());
    assertEquals(2, s.modInfo("license").get(0).position().line());
  }

  @Test
  void parametersFunctionsSectionsAndReferences() throws Exception {
    Files.writeString(dir.resolve("perm.h"), "#define DRV_PERM 0644\n");
    SourceFile f = parse("p.c", """
        #include "perm.h"
        static unsigned long mask[4] __initdata;
        static char *name = "x";
        static u32 level;
        static struct platform_driver foo_driver = { .probe = foo_probe, .remove = foo_remove };
        module_param(level, uint, 644);
        module_param_named(nm, name, charp, S_IRUGO | S_IWUSR);
        module_param_array(mask, ulong, NULL, DRV_PERM);
        module_param_hw(io, int, ioport, 0x1a4);
        MODULE_PARM_DESC(level, "the level");
        EXPORT_SYMBOL_GPL(foo_hw_setup);
        EXPORT_SYMBOL_NS(foo_x, FOO_NS);
        static int __init foo_hw_setup(void) { return level; }
        int foo_probe(struct platform_device *pdev)
        {
            int level = 3;
            return foo_hw_setup() + level;
        }
        """);
    var code = f.code();
    var level = code.params().get(0);
    assertEquals("module_param", level.form());
    assertEquals("level", level.variable());
    assertEquals("uint", level.type());
    assertEquals("644", level.permission().text());
    assertEquals(644L, level.permission().value().orElseThrow());
    assertEquals(10, level.permission().base());
    assertEquals(6, level.permission().position().line());
    assertEquals(27, level.permission().position().column());
    var nm = code.params().get(1);
    assertEquals("name", nm.variable());
    assertEquals(0644L, nm.permission().value().orElseThrow());
    assertEquals(List.of("S_IRUGO", "S_IWUSR"), nm.permission().symbols());
    var arr = code.params().get(2);
    assertEquals(0644L, arr.permission().value().orElseThrow());
    assertEquals(8, arr.permission().base(), "a local macro expands to an octal literal");
    assertEquals("DRV_PERM", arr.permission().text());
    assertEquals("ioport", code.params().get(3).hwType().orElseThrow());
    assertEquals(16, code.params().get(3).permission().base());
    assertEquals("the level", code.paramDescriptions().get(0).value());
    assertEquals("level", code.paramDescriptions().get(0).tag());
    assertEquals(2, code.exports().size());
    assertTrue(code.exports().get(0).gplOnly());
    assertEquals("FOO_NS", code.exports().get(1).namespace().orElseThrow());

    var mask = code.variables().stream().filter(v -> v.name().equals("mask")).findFirst().orElseThrow();
    assertEquals("unsigned long", mask.baseType());
    assertEquals(4L, mask.arrayLength().orElseThrow());
    assertEquals(dev.kmodlint.model.Section.INIT_DATA, mask.section());
    var lv = code.variables().stream().filter(v -> v.name().equals("level")).findFirst().orElseThrow();
    assertEquals("unsigned int", lv.baseType());
    assertEquals(1, code.variables().stream().filter(v -> v.name().equals("name")).findFirst().orElseThrow().pointers());

    var setup = code.functions().stream().filter(fn -> fn.name().equals("foo_hw_setup")).findFirst().orElseThrow();
    assertEquals(dev.kmodlint.model.Section.INIT_TEXT, setup.section());
    assertEquals("int", setup.returnType());
    assertEquals(List.of(), setup.parameterTypes());
    assertEquals(13, setup.annotationAt().orElseThrow().line());
    var probe = code.functions().stream().filter(fn -> fn.name().equals("foo_probe")).findFirst().orElseThrow();
    assertEquals(dev.kmodlint.model.Section.TEXT, probe.section());
    assertEquals(List.of("struct platform_device *"), probe.parameterTypes());
    var refs = code.references();
    assertTrue(refs.stream().anyMatch(r -> r.from().equals("foo_probe") && r.to().equals("foo_hw_setup")
        && r.kind() == dev.kmodlint.model.CReference.Kind.CALL && r.position().line() == 17));
    assertTrue(refs.stream().noneMatch(r -> r.from().equals("foo_probe") && r.to().equals("level")),
        "a local shadows the parameter variable");
    assertTrue(refs.stream().anyMatch(r -> r.from().equals("foo_driver") && r.to().equals("foo_probe")));
    assertTrue(refs.stream().anyMatch(r -> r.from().equals("foo_hw_setup") && r.to().equals("level")));
  }
}
