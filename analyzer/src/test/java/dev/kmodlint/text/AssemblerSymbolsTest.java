package dev.kmodlint.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AssemblerSymbolsTest {
  private static List<String> globals(String text) {
    return AssemblerSymbols.scan(text).globals().stream().map(AssemblerSymbols.Symbol::name).toList();
  }

  @Test
  void everyFormOfGlobalIsADefinitionAndLocalsAreNot() {
    String s = String.join("\n",
        "SYM_FUNC_START(plain)", "SYM_FUNC_END(plain)",
        "SYM_FUNC_START_LOCAL(local_one)",
        "SYM_TYPED_FUNC_START(typed)",
        "SYM_CODE_START(code)",
        "SYM_DATA_START(data)",
        "SYM_INNER_LABEL(inner, SYM_L_GLOBAL)",
        "SYM_INNER_LABEL(inner_local, SYM_L_LOCAL)",
        "SYM_FUNC_ALIAS(alias, plain)",
        "ENTRY(old_style)",
        "  .globl a_glob, b_glob",
        "  .weak weak_one",
        "");
    assertEquals(List.of("plain", "typed", "code", "data", "inner", "alias", "old_style", "a_glob", "b_glob",
        "weak_one"), globals(s));
  }

  @Test
  void commentsAndMacroDefinitionsDefineNothingAndPositionsAreKept() {
    String s = String.join("\n",
        "/* SYM_FUNC_START(in_block)",
        "   still a comment */ SYM_FUNC_START(after_block)",
        "// SYM_FUNC_START(in_line_comment)",
        "#define STUB(n) SYM_FUNC_START(n) \\",
        "    SYM_FUNC_START(continued)",
        "\tEXPORT_SYMBOL_GPL(after_block)",
        "EXPORT_SYMBOL_NS(other, \"NS\")",
        "");
    AssemblerSymbols.Facts f = AssemblerSymbols.scan(s);
    assertEquals(List.of(new AssemblerSymbols.Symbol("after_block", 2, 38)), f.globals());
    assertEquals(2, f.exports().size());
    AssemblerSymbols.Export gpl = f.exports().get(0);
    assertEquals("after_block", gpl.symbol());
    assertEquals(true, gpl.gplOnly());
    assertEquals(6, gpl.line());
    assertEquals(20, gpl.column());
    assertEquals("NS", f.exports().get(1).namespace());
    assertEquals(false, f.exports().get(1).gplOnly());
  }

  @Test
  void aMacroDefinesTheGlobalsItsBodyNamesForEachUseOnly() {
    String s = String.join("\n",
        ".macro VECTOR_FN  name",
        "\tSYM_TYPED_FUNC_START(\\name)",
        "\tret",
        "\tSYM_FUNC_END(\\name)",
        ".endm",
        ".macro op_safe_regs op, suffix=_safe_regs",
        "SYM_FUNC_START(\\op\\()\\suffix)",
        "\t.globl \\op\\()_alias",
        ".endm",
        ".macro NEVER_USED n",
        "SYM_FUNC_START(\\n\\()_unused)",
        ".endm",
        ".macro NEEDS_TWO a b",
        "SYM_FUNC_START(\\a\\()_\\b)",
        ".endm",
        "",
        "VECTOR_FN     corpus_transform_ssse3",
        "VECTOR_FN corpus_transform_avx",
        "op_safe_regs rdmsr",
        "op_safe_regs wrmsr, suffix=_fast",
        "NEEDS_TWO one",
        "#define GEN(x) VECTOR_FN x",
        "");
    AssemblerSymbols.Facts f = AssemblerSymbols.scan(s);
    assertEquals(List.of("corpus_transform_ssse3", "corpus_transform_avx", "rdmsr_safe_regs", "rdmsr_alias",
        "wrmsr_fast", "wrmsr_alias"), f.globals().stream().map(AssemblerSymbols.Symbol::name).toList());
    // at the use, where the name is written
    assertEquals(new AssemblerSymbols.Symbol("corpus_transform_ssse3", 17, 15), f.globals().get(0));
  }

  private static List<String> names(List<AssemblerSymbols.Symbol> symbols) {
    return symbols.stream().map(AssemblerSymbols.Symbol::name).toList();
  }

  @Test
  void inlineTextDefinesItsLabelsAndMakesGlobalWhatItsDirectivesName() {
    String s = String.join("\n",
        ".pushsection .text, \"ax\"",
        ".global first_fn",
        ".align 16",
        "first_fn:",
        "\tret",
        "two: three:\tnop",
        ".globl two; helper: nop",
        "  .set aliased, first_fn",
        "equated = 4",
        ".Llocal_label: 1: 2: after_numeric:",
        "\tmovl %%fs:0, %%eax",
        "\tmovl $0, %%eax # not_a_label: a comment",
        ".ascii \"quoted: ; in_string:\"",
        ".globl declared_only",
        ".popsection");
    AssemblerSymbols.Inline f = AssemblerSymbols.scanInline(s);
    assertEquals(List.of("first_fn", "two", "three", "helper", "aliased", "equated", "after_numeric"),
        names(f.labels()));
    assertEquals(List.of("first_fn", "two", "declared_only"), names(f.globals()));
    assertEquals(new AssemblerSymbols.Symbol("helper", 7, 13), f.labels().get(3), "after ';', in the text");
  }

  @Test
  void inlineTextCallsAndJumpsToNamesButNotToOperandsRegistersOrLocalLabels() {
    String s = String.join("\n",
        "call external_fn",
        "entry: jmp tail_fn@PLT",
        "\tjne  cond_target ; callq other_fn",
        "call *%%rax",
        "jmp 1f",
        "jmp .Lout",
        "call %P[thunk]",
        "call rax",
        "call external_fn",
        "1: call after_local_label",
        "movq external_data(%%rip), %%rax",
        "call offset_fn+4",
        "# call in_comment",
        "1:");
    assertEquals(List.of("external_fn", "tail_fn", "cond_target", "other_fn", "after_local_label"),
        names(AssemblerSymbols.scanInline(s).branchTargets()));
  }
}
