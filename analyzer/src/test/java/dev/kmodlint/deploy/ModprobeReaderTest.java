package dev.kmodlint.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.ModprobeFile;
import dev.kmodlint.model.ModprobeFile.Command;
import dev.kmodlint.model.ModprobeFile.ModuleName;
import dev.kmodlint.model.ModprobeFile.Option;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModprobeReaderTest {
  private static final Path FILE = Path.of("/etc/modprobe.d/test.conf");

  private static ModprobeFile modprobe(String text) {
    return ModprobeReader.read(FILE, text, ModprobeFile.Kind.MODPROBE_D);
  }

  @Test
  void optionsAreSplitLikeTheKernelsNextArg() {
    ModprobeFile f = modprobe("options mydrv irq=5 name=\"two words\" verbose \"quoted=x y\" empty=\n");
    assertEquals(List.of(), f.syntaxProblems());
    List<Option> o = f.commands().get(0).options();
    assertEquals(List.of("irq", "name", "verbose", "quoted", "empty"), o.stream().map(Option::name).toList());
    assertEquals(Optional.of("5"), o.get(0).value());
    assertEquals(Optional.of("two words"), o.get(1).value());
    assertEquals(Optional.empty(), o.get(2).value());
    assertEquals(Optional.of("x y"), o.get(3).value());
    assertEquals(Optional.of(""), o.get(4).value());
    assertEquals(21, o.get(1).position().column());
  }

  @Test
  void continuedLinesKeepEachWordsOwnLine() {
    ModprobeFile f = modprobe("# comment\noptions mydrv a=1 \\\n    b=2\nblacklist x\n");
    Command c = f.commands().get(0);
    assertEquals(2, c.position().line());
    assertEquals(2, c.options().get(0).position().line());
    assertEquals(3, c.options().get(1).position().line());
    assertEquals(5, c.options().get(1).position().column());
    assertEquals(4, f.commands().get(1).position().line());
  }

  @Test
  void commentsAndBlankLinesAreSkipped() {
    ModprobeFile f = modprobe("#options a b=1\n\n   \n  # indented\n\toptions a b=1\n");
    assertEquals(1, f.commands().size());
    assertEquals(5, f.commands().get(0).position().line());
  }

  @Test
  void aliasBlacklistSoftdepNameTheirModules() {
    ModprobeFile f = modprobe("alias pci:v*d* my-drv\nblacklist snd-pcsp\nsoftdep my_drv pre: a-b c post: d\n"
        + "install fake /bin/true\nremove fake /bin/false\n");
    assertEquals(List.of(), f.syntaxProblems());
    Command alias = f.commands().get(0);
    assertEquals("my_drv", alias.module().get().normalized());
    assertEquals("pci:v*d*", alias.pattern().get().text());
    assertEquals("snd_pcsp", f.commands().get(1).module().get().normalized());
    assertEquals(List.of("a_b", "c", "d"),
        f.commands().get(2).dependencies().stream().map(ModuleName::normalized).toList());
    assertEquals(List.of("alias", "blacklist", "softdep", "install", "remove"),
        f.commands().stream().map(Command::name).toList());
  }

  @Test
  void malformedLinesAreSyntaxProblemsAtTheirLine() {
    ModprobeFile f = modprobe("option a b=1\noptions a\nalias onlyone\nblacklist\nsoftdep a b\ninstall a\n"
        + "include /x\n");
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7),
        f.syntaxProblems().stream().map(p -> p.position().line()).toList());
    assertTrue(f.syntaxProblems().get(0).message().contains("'option' is not a modprobe.d command"));
    assertEquals(11, f.syntaxProblems().get(4).position().column()); // the ignored 'b' of softdep
    assertEquals(1, f.commands().size()); // the softdep, with no dependencies
  }

  @Test
  void modulesLoadDTakesOneNameALine() {
    ModprobeFile f = ModprobeReader.read(Path.of("/etc/modules-load.d/x.conf"),
        "# c\n; c\n  loop  \nvfio-pci ids=1\nfoo=1\n\n", ModprobeFile.Kind.MODULES_LOAD_D);
    assertEquals(1, f.commands().size());
    assertEquals("loop", f.commands().get(0).module().get().text());
    assertEquals(3, f.commands().get(0).position().column());
    assertEquals(List.of(4, 5), f.syntaxProblems().stream().map(p -> p.position().line()).toList());
  }

  @Test
  void crlfLineEndsAreNotPartOfValues() {
    ModprobeFile f = modprobe("options a b=1\r\n");
    assertEquals(Optional.of("1"), f.commands().get(0).options().get(0).value());
  }
}
