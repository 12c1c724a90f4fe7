package dev.kmodlint.c;

import dev.kmodlint.model.AssemblerName;
import dev.kmodlint.model.CFunction;
import dev.kmodlint.model.CReference;
import dev.kmodlint.model.CVariable;
import dev.kmodlint.model.Code;
import dev.kmodlint.model.DebugConditions;
import dev.kmodlint.model.ExportDecl;
import dev.kmodlint.model.ExternalCall;
import dev.kmodlint.model.ExternalUse;
import dev.kmodlint.model.NamespaceDefinition;
import dev.kmodlint.model.VersionConditional;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModuleParam;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.Permission;
import dev.kmodlint.model.Section;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.text.AssemblerSymbols;
import dev.kmodlint.text.SourceText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTASMDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTArrayModifier;
import org.eclipse.cdt.core.dom.ast.IASTArraySubscriptExpression;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTCaseStatement;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTCompositeTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTDefaultStatement;
import org.eclipse.cdt.core.dom.ast.IASTElaboratedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTInitializer;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTInitializerList;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTMacroExpansionLocation;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTNodeLocation;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroExpansion;
import org.eclipse.cdt.core.dom.ast.IASTProblemDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTSwitchStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;

/**
 * Extracts functions, file-scope objects, the references between them, module parameters,
 * parameter descriptions and exports from one translation unit.
 */
final class CodeExtractor {
  private static final String PREFIX = "__kmodlint_";
  private static final Map<String, Section> SECTION_MACROS = Map.ofEntries(
      Map.entry("__init", Section.INIT_TEXT), Map.entry("__exit", Section.EXIT_TEXT),
      Map.entry("__initdata", Section.INIT_DATA), Map.entry("__initconst", Section.INIT_RODATA),
      Map.entry("__exitdata", Section.EXIT_DATA), Map.entry("__ref", Section.REF_TEXT),
      Map.entry("__refdata", Section.REF_DATA), Map.entry("__refconst", Section.REF_RODATA),
      Map.entry("__read_mostly", Section.READ_MOSTLY), Map.entry("__ro_after_init", Section.READ_MOSTLY));
  /**
   * The section {@code ref} names when it is a section macro: a unit expands hundreds of
   * thousands of macros, and only names that start with {@code __} are made a string for the lookup.
   */
  private static Section sectionMacro(IASTName ref) {
    char[] id = ref.getSimpleID();
    if (id.length < 5 || id[0] != '_' || id[1] != '_') return null;
    return SECTION_MACROS.get(new String(id));
  }

  /** include/uapi/linux/stat.h and include/linux/stat.h */
  static final Map<String, Long> MODE_NAMES = Map.ofEntries(
      Map.entry("S_IRWXU", 0700L), Map.entry("S_IRUSR", 0400L), Map.entry("S_IWUSR", 0200L),
      Map.entry("S_IXUSR", 0100L), Map.entry("S_IRWXG", 070L), Map.entry("S_IRGRP", 040L),
      Map.entry("S_IWGRP", 020L), Map.entry("S_IXGRP", 010L), Map.entry("S_IRWXO", 07L),
      Map.entry("S_IROTH", 04L), Map.entry("S_IWOTH", 02L), Map.entry("S_IXOTH", 01L),
      Map.entry("S_IRWXUGO", 0777L), Map.entry("S_IALLUGO", 07777L), Map.entry("S_IRUGO", 0444L),
      Map.entry("S_IWUGO", 0222L), Map.entry("S_IXUGO", 0111L), Map.entry("S_ISUID", 04000L),
      Map.entry("S_ISGID", 02000L), Map.entry("S_ISVTX", 01000L));

  /** Section macro uses in one file, by offset. */
  private final Map<String, TreeMap<Integer, SectionUse>> sectionUses = new HashMap<>();
  private final Map<String, SourceText> texts;
  private final Map<String, HeaderTexts.Header> headers;

  final List<CFunction> functions = new ArrayList<>();
  final List<CVariable> variables = new ArrayList<>();
  final List<CReference> references = new ArrayList<>();
  final List<ModuleParam> params = new ArrayList<>();
  final List<ModInfo> paramDescriptions = new ArrayList<>();
  final List<ExportDecl> exports = new ArrayList<>();

  private record SectionUse(Section section, int length) {}

  /** See {@link #CodeExtractor(IASTTranslationUnit, Map, Map, Set)}. */
  private final Set<String> expandedMacros;
  /** Identifiers in the arguments of each expanded kernel macro call. */
  private final Map<IASTPreprocessorMacroExpansion, Set<String>> macroArguments = new java.util.IdentityHashMap<>();

  private final List<org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition> defaultNamespaces = new ArrayList<>();
  /** The definitions of {@link #defaultNamespaces} an export took. */
  private final Set<org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition> defaultNamespacesUsed =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Calls of undeclared names, one per form: see {@link ExternalCall}. */
  private final Map<String, ExternalCall> externalCalls = new java.util.LinkedHashMap<>();
  /** Macros the file and its local headers define: a call of one in a branch not taken is no kernel call. */
  private final Set<String> definedMacros = new HashSet<>();
  /** The LINUX_VERSION_CODE groups of each file, in order; their branches' calls are filled while bodies are read. */
  private final Map<String, List<VersionGroup>> versionGroups = new HashMap<>();
  private final List<String> unresolvedLocalIncludes = new ArrayList<>();
  private final List<String> macroDefinedNames = new ArrayList<>();
  private static final Set<String> RUNTIME_LOOKUP =
      Set.of("symbol_get", "symbol_put", "symbol_request", "__symbol_get", "symbol_put_addr");
  private static final java.util.regex.Pattern MACRO_NAME = java.util.regex.Pattern.compile("_*[A-Z][A-Z0-9_]*");

  /**
   * {@code texts}: the files read, by path; {@code headers}: the local headers among them, as
   * the run's {@link HeaderTexts} has them. {@code expandedMacros}: kernel macros whose header
   * definitions were expanded at their calls ({@link ContextPreprocessor}); a name their
   * expansion uses is the macro's use, not the file's.
   */
  CodeExtractor(IASTTranslationUnit tu, Map<String, SourceText> texts, Map<String, HeaderTexts.Header> headers,
      Set<String> expandedMacros) {
    this.texts = texts;
    this.headers = headers;
    this.expandedMacros = expandedMacros;
    // <linux/export.h> tests DEFAULT_SYMBOL_NAMESPACE when it is included: a definition after
    // the file's first #include comes too late (6.1's nct6775-core.c and pwm-lpss.c export
    // without a namespace for that reason); -D in ccflags is the other way to set it
    Map<String, Integer> firstInclude = new HashMap<>();
    for (var inc : tu.getIncludeDirectives()) {
      if (inc.isActive() && !inc.isResolved() && !inc.isSystemInclude()) unresolvedLocalIncludes.add(inc.getName().toString());
      IASTFileLocation l = inc.getFileLocation();
      if (l != null && !ModuleFileContentProvider.isSynthetic(l.getFileName())
          && !ModuleFileContentProvider.isSynthetic(inc.getPath()) && l.getNodeLength() > 0)
        firstInclude.merge(l.getFileName(), l.getNodeOffset(), Math::min);
    }
    for (var def : tu.getMacroDefinitions()) {
      IASTFileLocation l = def.getFileLocation();
      String name = def.getName().toString();
      if (l != null && texts.containsKey(CSyntax.key(texts, l.getFileName()))) definedMacros.add(name);
      if (l == null || !name.equals("DEFAULT_SYMBOL_NAMESPACE")) continue;
      if (l.getNodeOffset() < firstInclude.getOrDefault(l.getFileName(), Integer.MAX_VALUE)) defaultNamespaces.add(def);
    }
    versionGroups(tu);
    constantFunctions(tu);
    for (IASTPreprocessorMacroExpansion e : tu.getMacroExpansions()) {
      Section s = sectionMacro(e.getMacroReference());
      IASTFileLocation loc = e.getFileLocation();
      if (s == null || loc == null) continue;
      sectionUses.computeIfAbsent(loc.getFileName(), k -> new TreeMap<>())
          .put(loc.getNodeOffset(), new SectionUse(s, loc.getNodeLength()));
    }
  }

  /** One branch of a conditional group while the file is read: where its directive and body are. */
  private static final class BranchText {
    final int directiveOffset;
    final int directiveLength;
    final int bodyStart;
    int bodyEnd = Integer.MAX_VALUE;
    /** The condition as the preprocessor gives it; {@link #condition()} as written. */
    private final String rawCondition;
    private String condition;
    final boolean taken;
    final Map<String, VersionConditional.Call> calls = new java.util.LinkedHashMap<>();

    BranchText(int directiveOffset, int directiveLength, String condition, boolean taken) {
      this.directiveOffset = directiveOffset;
      this.directiveLength = directiveLength;
      this.bodyStart = directiveOffset + directiveLength;
      this.rawCondition = condition;
      this.taken = taken;
    }

    /** The condition as written, less its comments and line continuations. */
    String condition() {
      if (condition == null)
        condition = rawCondition.replaceAll("/\\*.*?\\*/|//.*", " ").replaceAll("\\\\\\R", " ")
            .replaceAll("\\s+", " ").strip();
      return condition;
    }

    /** Whether the condition tests {@code LINUX_VERSION_CODE} (a comment's mention does not count). */
    boolean testsVersion() {
      // removing comments and continuations never makes the name: most conditions are spared the cleaning
      return rawCondition.contains("LINUX_VERSION_CODE") && VERSION_TEST.matcher(condition()).find();
    }

    boolean contains(int offset) {
      return offset >= bodyStart && offset < bodyEnd;
    }
  }

  /** An #if ... #endif group of one file. */
  private static final class VersionGroup {
    final List<BranchText> branches = new ArrayList<>();
  }

  private static final java.util.regex.Pattern VERSION_TEST = java.util.regex.Pattern.compile("\\bLINUX_VERSION_CODE\\b");
  /** The most calls kept per branch: a test around a whole driver would hold thousands. */
  private static final int MAX_BRANCH_CALLS = 200;

  /**
   * The conditional groups of the files read whose conditions test {@code LINUX_VERSION_CODE},
   * with the extent of each branch; every group is followed, so that nesting is right.
   */
  private void versionGroups(IASTTranslationUnit tu) {
    Map<String, java.util.Deque<VersionGroup>> open = new HashMap<>();
    for (org.eclipse.cdt.core.dom.ast.IASTPreprocessorStatement st : tu.getAllPreprocessorStatements()) {
      IASTFileLocation l = st.getFileLocation();
      if (l == null || ModuleFileContentProvider.isSynthetic(l.getFileName())) continue;
      String file = CSyntax.key(texts, l.getFileName());
      if (!texts.containsKey(file)) continue;
      java.util.Deque<VersionGroup> stack = open.computeIfAbsent(file, k -> new java.util.ArrayDeque<>());
      int at = l.getNodeOffset();
      int length = l.getNodeLength();
      if (st instanceof org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfStatement i) {
        VersionGroup g = new VersionGroup();
        g.branches.add(new BranchText(at, length, String.valueOf(i.getCondition()), i.taken()));
        stack.push(g);
      } else if (st instanceof org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfdefStatement i) {
        VersionGroup g = new VersionGroup();
        g.branches.add(new BranchText(at, length, "defined " + i.getMacroReference(), i.taken()));
        stack.push(g);
      } else if (st instanceof org.eclipse.cdt.core.dom.ast.IASTPreprocessorIfndefStatement i) {
        VersionGroup g = new VersionGroup();
        g.branches.add(new BranchText(at, length, "!defined " + i.getMacroReference(), i.taken()));
        stack.push(g);
      } else if (st instanceof org.eclipse.cdt.core.dom.ast.IASTPreprocessorElifStatement e && !stack.isEmpty()) {
        List<BranchText> b = stack.peek().branches;
        b.get(b.size() - 1).bodyEnd = at;
        b.add(new BranchText(at, length, String.valueOf(e.getCondition()), e.taken()));
      } else if (st instanceof org.eclipse.cdt.core.dom.ast.IASTPreprocessorElseStatement e && !stack.isEmpty()) {
        List<BranchText> b = stack.peek().branches;
        b.get(b.size() - 1).bodyEnd = at;
        b.add(new BranchText(at, length, "", e.taken()));
      } else if (st instanceof org.eclipse.cdt.core.dom.ast.IASTPreprocessorEndifStatement && !stack.isEmpty()) {
        VersionGroup g = stack.pop();
        g.branches.get(g.branches.size() - 1).bodyEnd = at;
        boolean versionTest = false;
        for (BranchText b : g.branches) versionTest |= b.testsVersion();
        if (versionTest) versionGroups.computeIfAbsent(file, k -> new ArrayList<>()).add(g);
      }
    }
  }

  /** A call of an undeclared name, recorded in the LINUX_VERSION_CODE branches it is in. */
  private void branchCall(String name, IASTIdExpression id, boolean active) {
    if (versionGroups.isEmpty()) return;
    IASTFileLocation l = id.getFileLocation();
    if (l == null) return;
    List<VersionGroup> groups = versionGroups.get(CSyntax.key(texts, l.getFileName()));
    if (groups == null) return;
    for (VersionGroup g : groups) {
      for (BranchText b : g.branches) {
        if (!b.contains(l.getNodeOffset())) continue;
        VersionConditional.Call prev = b.calls.get(name);
        if (prev != null && (prev.active() || !active)) continue;
        if (prev == null && b.calls.size() >= MAX_BRANCH_CALLS) continue;
        SourcePosition pos = position(id);
        if (pos != null) b.calls.put(name, new VersionConditional.Call(name, pos, active));
      }
    }
  }

  private static final Set<String> C_KEYWORDS = Set.of("if", "while", "for", "switch", "return", "sizeof", "do",
      "else", "case", "goto", "typeof", "__typeof__", "_Alignof", "__alignof__", "defined", "asm", "__asm__",
      "_Static_assert", "static_assert", "__attribute__", "__builtin_offsetof", "_Generic");

  /**
   * The groups as facts. A branch the preprocessor did not take was not parsed: its calls are
   * read from its text, every {@code name(} outside comments, literals and directives that the
   * file does not declare.
   */
  private List<VersionConditional> versionConditionals() {
    List<VersionConditional> out = new ArrayList<>();
    for (Map.Entry<String, List<VersionGroup>> e : versionGroups.entrySet()) {
      SourceText text = texts.get(e.getKey());
      for (VersionGroup g : e.getValue()) {
        List<VersionConditional.Branch> branches = new ArrayList<>();
        for (BranchText b : g.branches) {
          if (!b.taken) writtenCalls(text, b);
          branches.add(new VersionConditional.Branch(text.position(b.directiveOffset, b.directiveLength), b.condition(),
              b.taken, List.copyOf(b.calls.values())));
        }
        out.add(new VersionConditional(branches.get(0).directive(), branches));
      }
    }
    out.sort(java.util.Comparator.comparing(VersionConditional::position));
    return out;
  }

  /** The calls written in a branch's text that the parse did not see. */
  private void writtenCalls(SourceText text, BranchText b) {
    char[] t = text.chars();
    int end = Math.min(b.bodyEnd, t.length);
    boolean lineStart = true;
    for (int i = b.bodyStart; i < end && b.calls.size() < MAX_BRANCH_CALLS; ) {
      char c = t[i];
      if (c == '\n') {
        lineStart = true;
        i++;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        i++;
      } else if (c == '#' && lineStart) {
        // a directive, continuation lines included
        while (i < end && !(t[i] == '\n' && t[i - 1] != '\\')) i++;
      } else if (CSyntax.skipCommentOrLiteral(t, i, end) > i) {
        // a // comment leaves the newline, which starts the next line
        if (!(c == '/' && t[i + 1] == '/')) lineStart = false;
        i = CSyntax.skipCommentOrLiteral(t, i, end);
      } else if (Character.isLetter(c) || c == '_') {
        int j = i;
        while (j < end && (Character.isLetterOrDigit(t[j]) || t[j] == '_')) j++;
        String name = new String(t, i, j - i);
        int k = j;
        while (k < end && (t[k] == ' ' || t[k] == '\t')) k++;
        boolean member = i > 0 && (t[i - 1] == '.' || (t[i - 1] == '>' && i > 1 && t[i - 2] == '-'));
        if (k < end && t[k] == '(' && !member && !C_KEYWORDS.contains(name) && !declared.contains(name)
            && !definedMacros.contains(name)
            && !name.startsWith(PREFIX) && !name.startsWith("__builtin_") && !b.calls.containsKey(name)) {
          b.calls.put(name, new VersionConditional.Call(name, text.position(i, j - i), false));
        }
        i = j;
        lineStart = false;
      } else if (Character.isDigit(c)) {
        while (i < end && (Character.isLetterOrDigit(t[i]) || t[i] == '.' || t[i] == '_')) i++;
        lineStart = false;
      } else {
        i++;
        lineStart = false;
      }
    }
  }

  /** {@code #define DEFAULT_SYMBOL_NAMESPACE X} before the first include, as written, and whether an export takes it. */
  private List<NamespaceDefinition> namespaceDefinitions() {
    List<NamespaceDefinition> out = new ArrayList<>();
    for (var def : defaultNamespaces) {
      IASTFileLocation loc = def.getExpansionLocation();
      if (loc == null) loc = def.getFileLocation();
      if (loc == null) continue;
      SourceText t = CSyntax.text(texts, loc.getFileName());
      if (t == null) continue;
      out.add(new NamespaceDefinition(def.getExpansion().strip(), t.position(loc.getNodeOffset(), loc.getNodeLength()),
          def.isActive(), defaultNamespacesUsed.contains(def)));
    }
    return out;
  }

  /**
   * The facts, references kept only to names this file declares at file scope: the module's
   * graph needs no others, and a kernel file mentions thousands of names from unread headers.
   */
  Code code() {
    // each fact once (a macro expanding twice on one line repeats it), so that a module of one
    // object can take its file's facts as they are
    return new Code(functions.stream().distinct().toList(), variables.stream().distinct().toList(),
        references.stream().distinct().toList(), params.stream().distinct().toList(),
        paramDescriptions.stream().distinct().toList(), exports.stream().distinct().toList(),
        externalUses.values().stream().distinct().toList(), unresolvedLocalIncludes.stream().distinct().toList(),
        macroDefinedNames.stream().distinct().toList(), List.copyOf(externalCalls.values()), versionConditionals(),
        namespaceDefinitions(), assemblerNames());
  }

  /** An asm statement the build compiles, in file order: its template and the header inline function it is in. */
  private record AsmStatement(IASTASMDeclaration node, CStrings.AsmTemplate template, String headerInline) {}

  private final List<AsmStatement> asmStatements = new ArrayList<>();

  /** Keeps {@code asm} when the build compiles it: not in an #if branch left out, not in code gcc drops. */
  private void assembly(IASTASMDeclaration asm, boolean active) {
    if (!active || !asm.isActive()) return;
    asmStatements.add(new AsmStatement(asm, CStrings.asmTemplate(asm.getAssembly()), currentHeaderInline));
  }

  /**
   * What the file's assembler text defines and calls. gcc writes every asm template of the
   * translation unit into one assembler file, so a label, a {@code .globl} and a call in different
   * statements see each other; the templates are read as that one text. A call is kept only when
   * every template is known: a macro left unexpanded in one may be what defines its target.
   */
  private List<AssemblerName> assemblerNames() {
    if (asmStatements.isEmpty()) return List.of();
    StringBuilder all = new StringBuilder();
    int[] firstLine = new int[asmStatements.size()];
    int line = 1;
    boolean complete = true;
    for (int i = 0; i < asmStatements.size(); i++) {
      String t = asmStatements.get(i).template().text();
      firstLine[i] = line;
      all.append(t).append('\n');
      line += (int) t.chars().filter(c -> c == '\n').count() + 1;
      complete &= asmStatements.get(i).template().complete();
    }
    AssemblerSymbols.Inline facts = AssemblerSymbols.scanInline(all);
    Set<String> globals = new HashSet<>();
    for (AssemblerSymbols.Symbol g : facts.globals()) globals.add(g.name());
    Set<String> labels = new HashSet<>();
    List<AssemblerName> out = new ArrayList<>();
    for (AssemblerSymbols.Symbol l : facts.labels()) {
      labels.add(l.name());
      asmName(out, l, firstLine, globals.contains(l.name()) ? AssemblerName.Kind.GLOBAL : AssemblerName.Kind.LOCAL);
    }
    if (complete)
      for (AssemblerSymbols.Symbol b : facts.branchTargets())
        if (!labels.contains(b.name())) asmName(out, b, firstLine, AssemblerName.Kind.REFERENCE);
    return out;
  }

  /** {@code name} of the statement whose template holds its line, where the statement writes it if it does. */
  private void asmName(List<AssemblerName> out, AssemblerSymbols.Symbol name, int[] firstLine, AssemblerName.Kind kind) {
    int i = java.util.Arrays.binarySearch(firstLine, name.line());
    if (i < 0) i = -i - 2;
    AsmStatement st = asmStatements.get(i);
    SourcePosition at = null;
    IASTFileLocation l = st.node().getFileLocation();
    SourceText t = l == null ? null : texts.get(Path.of(l.getFileName()).normalize().toString());
    if (t != null) {
      int written = word(t.chars(), name.name(), l.getNodeOffset(), l.getNodeOffset() + l.getNodeLength());
      if (written >= 0) at = t.position(written, name.name().length());
    }
    if (at == null) at = position(st.node());
    if (at != null) out.add(new AssemblerName(name.name(), kind, at, st.headerInline()));
  }

  /**
   * Where the asm statement between {@code from} and {@code to} writes {@code word} as a whole
   * identifier: in one of its string literals first, else anywhere outside its comments (a
   * macro's argument, {@code EXPORTED_ASM_SYMBOL(fn)}); -1 when it does not.
   */
  private static int word(char[] text, String word, int from, int to) {
    int end = Math.min(to, text.length);
    int outside = -1;
    boolean literal = false;
    for (int i = Math.max(0, from); i < end; i++) {
      char c = text[i];
      if (!literal && c == '/' && i + 1 < end && text[i + 1] == '*') {
        int close = i + 2;
        while (close + 1 < end && !(text[close] == '*' && text[close + 1] == '/')) close++;
        i = close + 1;
      } else if (!literal && c == '/' && i + 1 < end && text[i + 1] == '/') {
        while (i < end && text[i] != '\n') i++;
      } else if (c == '"') {
        literal = !literal;
      } else if (literal && c == '\\') {
        i++;
      } else if (c == word.charAt(0) && i + word.length() <= end && wordAt(text, word, i)) {
        if (literal) return i;
        if (outside < 0) outside = i;
        i += word.length() - 1;
      }
    }
    return outside;
  }

  private static boolean wordAt(char[] text, String word, int i) {
    for (int k = 0; k < word.length(); k++) if (text[i + k] != word.charAt(k)) return false;
    int after = i + word.length();
    // a word begins after an escape: "\tfoo:"
    boolean joined = i > 0 && identifierChar(text[i - 1]) && !(i > 1 && text[i - 2] == '\\');
    return !joined && !(after < text.length && identifierChar(text[after]));
  }

  private static boolean identifierChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Names used but declared nowhere in the file (kernel header names), first use each. */
  private final Map<String, ExternalUse> externalUses = new java.util.LinkedHashMap<>();
  /** The header static inline function whose body is being read, or empty. */
  private String currentHeaderInline = "";

  /** Names declared at file scope: only references to them are kept (see {@link #code()}). */
  private final Set<String> declared = new HashSet<>();
  /** The file-scope arrays among them: their name used as a value is their address. */
  private final Set<String> arrays = new HashSet<>();

  void translationUnit(IASTTranslationUnit tu) {
    IASTDeclaration[] all = withoutRecoveryDeclarations(tu.getDeclarations(true));
    // names first, so that references to anything else are dropped before their position is
    // computed (a file location lookup per identifier dominated the extraction)
    String main = tu.getFilePath();
    Map<IASTDeclaration, DeclarationRecovery.Recovered> recovered = new java.util.IdentityHashMap<>();
    for (IASTDeclaration d : all) {
      if (d instanceof IASTProblemDeclaration pd) {
        DeclarationRecovery.Recovered r = recovered(pd);
        if (r == null) continue;
        recovered.put(pd, r);
        declared.add(r.name());
        if (r.declarator() == CSyntax.innermost(r.declarator()) && r.declarator() instanceof IASTArrayDeclarator ad
            && ad.getArrayModifiers().length > 0) arrays.add(r.name());
        continue;
      }
      if (d instanceof IASTFunctionDefinition || d instanceof IASTSimpleDeclaration) headerSections(d, main);
      if (d instanceof IASTFunctionDefinition fd) declared.add(CSyntax.innermost(fd.getDeclarator()).getName().toString());
      else if (d instanceof IASTSimpleDeclaration sd)
        for (IASTDeclarator dec : sd.getDeclarators()) {
          IASTDeclarator inner = CSyntax.innermost(dec);
          String name = inner.getName().toString();
          if (typeless(sd.getDeclSpecifier(), dec) && !MACRO_NAME.matcher(name).matches() && !name.startsWith(PREFIX))
            continue;
          declared.add(name);
          // int *a[4] is an array (of pointers); int (*a)[4] a pointer, nested
          if (inner == dec && dec instanceof IASTArrayDeclarator ad && ad.getArrayModifiers().length > 0)
            arrays.add(inner.getName().toString());
        }
    }
    unusedParameters(all);
    notEmitted.addAll(notEmitted(tu, all, recovered));
    for (IASTDeclaration d : all) {
      if (d instanceof IASTFunctionDefinition fd) function(fd);
      else if (d instanceof IASTSimpleDeclaration sd) simple(sd);
      else if (d instanceof IASTASMDeclaration asm) assembly(asm, true);
      else if (recovered.containsKey(d)) recoveredDefinition((IASTProblemDeclaration) d, recovered.get(d));
    }
    mergeSections();
    if (!expandedMacros.isEmpty()) undefinedProducts(tu);
  }

  /**
   * {@code all} without the declarations CDT makes up while it recovers from a syntax error,
   * which gcc never sees: those it finds inside the arguments of a file-scope macro call it could
   * not parse ({@code ether_addr_copy(__get_dynamic_array(mac), addr);} in the
   * {@code TP_fast_assign()} of a {@code DECLARE_EVENT_CLASS()} whose macros are not known, which
   * would declare {@code ether_addr_copy}), and a declaration cut short by a missing {@code ;}
   * ({@code __init __no_stack_protector} before {@code void start_kernel(void)}, a declaration of
   * data named {@code __no_stack_protector}). Both overlap a problem declaration: the first lies
   * between one that opens more parentheses than it closes and the parenthesis that closes them,
   * the second holds the start of one.
   */
  private IASTDeclaration[] withoutRecoveryDeclarations(IASTDeclaration[] all) {
    Map<String, TreeMap<Integer, Integer>> junk = new HashMap<>(); // file -> start -> end of a region
    Map<String, List<Integer>> problemStarts = new HashMap<>();
    for (IASTDeclaration d : all) {
      if (!(d instanceof IASTProblemDeclaration)) continue;
      IASTFileLocation l = d.getFileLocation();
      if (l == null) continue;
      problemStarts.computeIfAbsent(l.getFileName(), k -> new ArrayList<>()).add(l.getNodeOffset());
      SourceText t = texts.get(Path.of(l.getFileName()).normalize().toString());
      if (t == null) continue;
      int close = CSyntax.closingParenthesis(t.chars(), l.getNodeOffset(), l.getNodeOffset() + l.getNodeLength());
      if (close > l.getNodeOffset() + l.getNodeLength())
        junk.computeIfAbsent(l.getFileName(), k -> new TreeMap<>()).put(l.getNodeOffset(), close);
    }
    if (problemStarts.isEmpty()) return all;
    List<IASTDeclaration> out = new ArrayList<>(all.length);
    for (IASTDeclaration d : all) {
      IASTFileLocation l = d.getFileLocation();
      if (l == null) {
        out.add(d);
        continue;
      }
      int start = l.getNodeOffset();
      int end = start + l.getNodeLength();
      TreeMap<Integer, Integer> regions = junk.get(l.getFileName());
      var region = regions == null ? null : regions.lowerEntry(start);
      if (region != null && start < region.getValue()) continue;
      if (d instanceof IASTProblemDeclaration) {
        out.add(d);
        continue;
      }
      boolean cut = false;
      for (int p : problemStarts.getOrDefault(l.getFileName(), List.of())) cut |= p > start && p < end;
      if (!cut) out.add(d);
    }
    return out.size() == all.length ? all : out.toArray(IASTDeclaration[]::new);
  }

  /**
   * {@code tu.getMacroExpansions()} lists those of the main file only: the section macros of a
   * local header's declarations ({@code int __init foo_register(void);} in foo.h) are found
   * through the declaration's own locations.
   */
  private void headerSections(IASTDeclaration d, String main) {
    IASTFileLocation whole = d.getFileLocation();
    if (whole == null || whole.getFileName().equals(main) || ModuleFileContentProvider.isSynthetic(whole.getFileName()))
      return;
    // most headers name no section macro: their declarations' locations are not walked
    if (!headersWithSections.computeIfAbsent(whole.getFileName(), this::namesASectionMacro)) return;
    for (IASTNodeLocation l : d.getNodeLocations()) {
      if (!(l instanceof IASTMacroExpansionLocation m)) continue;
      IASTPreprocessorMacroExpansion e = m.getExpansion();
      Section s = sectionMacro(e.getMacroReference());
      IASTFileLocation loc = e.getFileLocation();
      if (s == null || loc == null) continue;
      sectionUses.computeIfAbsent(loc.getFileName(), k -> new TreeMap<>())
          .put(loc.getNodeOffset(), new SectionUse(s, loc.getNodeLength()));
    }
  }

  private final Map<String, Boolean> headersWithSections = new HashMap<>();

  private boolean namesASectionMacro(String file) {
    String key = CSyntax.key(texts, file);
    HeaderTexts.Header h = headers.get(key);
    if (h != null) return h.mentionsAny(SECTION_MACROS.keySet());
    SourceText t = texts.get(key);
    if (t == null) return false;
    String text = new String(t.chars());
    for (String macro : SECTION_MACROS.keySet()) if (text.contains(macro)) return true;
    return false;
  }

  /**
   * gcc merges the attributes of every declaration of a name in a translation unit: {@code
   * static int __init foo_probe(struct platform_device *);} puts the later, plain definition in
   * .init.text too (and a section on a declaration after the definition still applies). When two
   * declarations give different sections the first wins (gcc: "ignoring attribute 'section'
   * because it conflicts with previous"). Each active declaration of the name gets the merged
   * section; {@code annotationAt} stays where this declaration writes one, if it does (the rules
   * about how an attribute is written look there). Not across translation units: a prototype in
   * a.c does not move a definition in b.c.
   */
  private void mergeSections() {
    Map<String, Section> functionSections = new HashMap<>();
    for (CFunction f : functions)
      if (f.active() && f.section() != Section.TEXT) functionSections.putIfAbsent(f.name(), f.section());
    for (int i = 0; i < functions.size(); i++) {
      CFunction f = functions.get(i);
      Section s = functionSections.get(f.name());
      if (f.active() && s != null && s != f.section())
        functions.set(i, new CFunction(f.name(), f.isStatic(), f.isExtern(), f.isInline(), f.definition(), s,
            f.position(), f.annotationAt(), f.returnType(), f.parameterTypes(), f.active(), f.fromMacro()));
    }
    Map<String, Section> variableSections = new HashMap<>();
    for (CVariable v : variables)
      if (v.active() && explicitSection(v)) variableSections.putIfAbsent(v.name(), v.section());
    for (int i = 0; i < variables.size(); i++) {
      CVariable v = variables.get(i);
      Section s = variableSections.get(v.name());
      if (v.active() && s != null && s != v.section())
        variables.set(i, new CVariable(v.name(), v.isStatic(), v.isExtern(), v.isConst(), v.definition(), s,
            v.position(), v.annotationAt(), v.baseType(), v.pointers(), v.arraySize(), v.arrayLength(), v.active(),
            v.fromMacro()));
    }
  }

  /** A section a macro gave, not the one an object lands in by default (.data, .rodata for const). */
  private static boolean explicitSection(CVariable v) {
    return v.section() != Section.DATA && v.section() != Section.RODATA;
  }

  /**
   * A kernel macro expanded at file scope whose products did not parse (a construct CDT does
   * not take, a definition the headers give incompletely): its arguments are taken as what it
   * defines, as without the headers ({@link #kernelMacroDefinition}).
   */
  private void undefinedProducts(IASTTranslationUnit tu) {
    Map<String, TreeMap<Integer, Integer>> problems = new HashMap<>();
    for (IASTDeclaration d : tu.getDeclarations(true)) {
      if (!(d instanceof IASTProblemDeclaration)) continue;
      IASTFileLocation l = d.getFileLocation();
      if (l != null) problems.computeIfAbsent(l.getFileName(), k -> new TreeMap<>())
          .put(l.getNodeOffset(), l.getNodeOffset() + l.getNodeLength());
    }
    if (problems.isEmpty()) return;
    for (IASTPreprocessorMacroExpansion e : tu.getMacroExpansions()) {
      if (!expandedMacros.contains(e.getMacroReference().toString())) continue;
      IASTFileLocation loc = e.getFileLocation();
      if (loc == null) continue;
      TreeMap<Integer, Integer> p = problems.get(loc.getFileName());
      var in = p == null ? null : p.floorEntry(loc.getNodeOffset());
      if (in == null || loc.getNodeOffset() >= in.getValue()) continue;
      for (String a : arguments(e)) macroDefinedNames.add(a);
    }
  }

  /** The identifiers of a macro call's arguments, as written. */
  private Set<String> arguments(IASTPreprocessorMacroExpansion e) {
    return macroArguments.computeIfAbsent(e, k -> {
      String raw = k.getRawSignature();
      int open = raw.indexOf('(');
      Set<String> out = new java.util.LinkedHashSet<>();
      if (open < 0) return out;
      for (String t : MacroDefinition.tokenize(raw.substring(open))) if (MacroDefinition.isIdentifier(t)) out.add(t);
      return out;
    });
  }

  /** The expanded kernel macro call that produced {@code n}, or null. */
  private IASTPreprocessorMacroExpansion expandedMacroOf(IASTNode n) {
    IASTNodeLocation[] locs = n.getNodeLocations();
    if (locs.length == 0 || !(locs[0] instanceof IASTMacroExpansionLocation m)) return null;
    IASTPreprocessorMacroExpansion e = m.getExpansion();
    return expandedMacros.contains(e.getMacroReference().toString()) ? e : null;
  }

  private void function(IASTFunctionDefinition fd) {
    IASTDeclarator dec = fd.getDeclarator();
    String name = CSyntax.innermost(dec).getName().toString();
    if (name.isEmpty()) return;
    SourcePosition pos = position(CSyntax.innermost(dec).getName());
    if (pos == null) return;
    IASTFileLocation body = fd.getBody() == null ? null : fd.getBody().getFileLocation();
    IASTFileLocation whole = fd.getFileLocation();
    int end = body != null ? body.getNodeOffset() : whole.getNodeOffset() + whole.getNodeLength();
    Optional<SectionUse> sec = sectionIn(whole.getFileName(), whole.getNodeOffset(), end);
    Optional<SourcePosition> secAt = sectionAt(whole.getFileName(), whole.getNodeOffset(), end);
    IASTDeclSpecifier spec = fd.getDeclSpecifier();
    functions.add(new CFunction(name, spec.getStorageClass() == IASTDeclSpecifier.sc_static,
        spec.getStorageClass() == IASTDeclSpecifier.sc_extern, spec.isInline(), true,
        sec.map(SectionUse::section).orElse(Section.TEXT), pos, secAt, returnType(spec, dec),
        parameterTypes(dec), fd.isActive(), fromMacro(CSyntax.innermost(dec).getName())));
    boolean headerInline = spec.getStorageClass() == IASTDeclSpecifier.sc_static && spec.isInline()
        && whole.getFileName().endsWith(".h");
    if (fd.getBody() != null) {
      currentHeaderInline = headerInline ? name : "";
      references(name, fd.getBody(), localNames(fd), fd.isActive(), !notEmitted.contains(name));
      currentHeaderInline = "";
    }
  }

  private void simple(IASTSimpleDeclaration sd) {
    IASTDeclSpecifier spec = sd.getDeclSpecifier();
    IASTFileLocation whole = sd.getFileLocation();
    if (whole == null) return;
    for (IASTDeclarator dec : sd.getDeclarators()) {
      IASTDeclarator inner = CSyntax.innermost(dec);
      String name = inner.getName().toString();
      if (name.isEmpty()) continue;
      if (name.startsWith(PREFIX)) {
        prelude(sd, dec, name.substring(PREFIX.length()));
        continue;
      }
      SourcePosition pos = position(inner.getName());
      if (pos == null) continue;
      Optional<SectionUse> sec = sectionIn(whole.getFileName(), whole.getNodeOffset(),
          whole.getNodeOffset() + whole.getNodeLength());
      Optional<SourcePosition> secAt = sectionAt(whole.getFileName(), whole.getNodeOffset(),
          whole.getNodeOffset() + whole.getNodeLength());
      boolean isStatic = spec.getStorageClass() == IASTDeclSpecifier.sc_static;
      boolean isExtern = spec.getStorageClass() == IASTDeclSpecifier.sc_extern;
      if (dec instanceof IASTFunctionDeclarator && dec.getNestedDeclarator() == null) {
        if (spec.getStorageClass() == IASTDeclSpecifier.sc_typedef) continue;
        if (kernelMacroDefinition(spec, dec, name) || typeless(spec, dec)) continue;
        functions.add(new CFunction(name, isStatic, isExtern, spec.isInline(), false,
            sec.map(SectionUse::section).orElse(Section.TEXT), pos, secAt, returnType(spec, dec),
            parameterTypes(dec), sd.isActive(), fromMacro(inner.getName())));
        continue;
      }
      if (spec.getStorageClass() == IASTDeclSpecifier.sc_typedef) continue;
      variable(spec, dec, name, pos, sec, secAt, sd.isActive(), fromMacro(inner.getName()));
      IASTInitializer init = dec.getInitializer();
      if (init != null) references(name, init, Set.of(), sd.isActive(), !notEmitted.contains(name));
    }
  }

  private void variable(IASTDeclSpecifier spec, IASTDeclarator dec, String name, SourcePosition pos,
      Optional<SectionUse> sec, Optional<SourcePosition> secAt, boolean active, boolean fromMacro) {
    boolean isStatic = spec.getStorageClass() == IASTDeclSpecifier.sc_static;
    boolean isExtern = spec.getStorageClass() == IASTDeclSpecifier.sc_extern;
    IASTDeclarator inner = CSyntax.innermost(dec);
    int pointers = 0;
    for (IASTDeclarator d = dec; d != null; d = d.getNestedDeclarator()) pointers += d.getPointerOperators().length;
    Optional<String> arraySize = Optional.empty();
    Optional<Long> arrayLength = Optional.empty();
    if (inner instanceof IASTArrayDeclarator ad && ad.getArrayModifiers().length > 0) {
      IASTArrayModifier m = ad.getArrayModifiers()[0];
      IASTExpression e = m.getConstantExpression();
      arraySize = Optional.of(e == null ? "" : e.getRawSignature());
      arrayLength = e == null ? Optional.empty() : evaluate(e, new ArrayList<>());
      if (arrayLength.isEmpty() && e == null) arrayLength = initializerLength(dec);
    }
    Section section = sec.map(SectionUse::section)
        .orElse(spec.isConst() && pointers == 0 ? Section.RODATA : Section.DATA);
    variables.add(new CVariable(name, isStatic, isExtern, spec.isConst(), !isExtern, section, pos, secAt,
        typeName(spec), pointers, arraySize, arrayLength, active, fromMacro));
  }

  /**
   * The object a definition CDT could not parse defines ({@link DeclarationRecovery}), and its
   * initializer's references to the file's names, read from its text: a mention of each, the
   * address where {@code &} precedes it or it is an array. One in the arguments of a macro of the
   * headers ({@code CFG80211_TESTMODE_CMD(f)}, which expands to nothing without
   * CONFIG_NL80211_TESTMODE) is not known to reach the object: it counts as inactive.
   */
  private void recoveredDefinition(IASTProblemDeclaration pd, DeclarationRecovery.Recovered r) {
    IASTFileLocation l = pd.getFileLocation();
    SourceText t = texts.get(Path.of(l.getFileName()).normalize().toString());
    int start = l.getNodeOffset();
    int end = start + l.getNodeLength();
    SourcePosition pos = t.position(start + r.nameOffset(), r.name().length());
    variable(r.declaration().getDeclSpecifier(), r.declarator(), r.name(), pos, sectionIn(l.getFileName(), start, end),
        sectionAt(l.getFileName(), start, end), pd.isActive(), false);
    for (DeclarationRecovery.Mention m : DeclarationRecovery.mentions(t.chars(), start + r.initializer(), end)) {
      if (!declared.contains(m.name()) || m.name().equals(r.name())) continue;
      CReference.Kind kind = m.address() || arrays.contains(m.name()) ? CReference.Kind.ADDRESS : CReference.Kind.MENTION;
      boolean kept = m.argumentOf().isEmpty() || declared.contains(m.argumentOf()) || definedMacros.contains(m.argumentOf());
      references.add(new CReference(r.name(), m.name(), kind, t.position(m.offset(), m.name().length()),
          pd.isActive() && kept && !notEmitted.contains(r.name())));
    }
  }

  /** The definition a problem declaration of a file read holds, or null. */
  private DeclarationRecovery.Recovered recovered(IASTProblemDeclaration pd) {
    IASTFileLocation l = pd.getFileLocation();
    if (l == null || l.getNodeLength() == 0) return null;
    SourceText t = texts.get(Path.of(l.getFileName()).normalize().toString());
    if (t == null || l.getNodeOffset() + l.getNodeLength() > t.chars().length) return null;
    String text = new String(t.chars(), l.getNodeOffset(), l.getNodeLength());
    DeclarationRecovery.Recovered r = DeclarationRecovery.recover(text).orElse(null);
    return r == null || r.name().startsWith(PREFIX) ? null : r;
  }

  /**
   * {@code static DEFINE_MUTEX(lock);} read without the kernel's headers: a declaration of a
   * function {@code DEFINE_MUTEX} with an implicit type and a parameter {@code lock}. It is the
   * definition of {@code lock}; the parameter names are kept as such. A file-scope declaration
   * without a type is always a macro call: the kernel builds with -Werror=implicit-int, so no
   * function is declared so ({@code static_assert(IS_ALIGNED(A, B));}); only the parameters of a
   * macro named in capitals ({@code __ETHTOOL_DECLARE_LINK_MODE_MASK(mask) __ro_after_init;}) are
   * taken for what it defines.
   */
  private boolean kernelMacroDefinition(IASTDeclSpecifier spec, IASTDeclarator dec, String name) {
    if (!typeless(spec) || !(dec instanceof IASTStandardFunctionDeclarator f)) return false;
    if (MACRO_NAME.matcher(name).matches()) macroDefinedNames.addAll(parameterNames(f));
    return true;
  }

  /** No type at all: {@code static DEFINE_MUTEX(lock)} ({@code unsigned f(void)} is an int). */
  private static boolean typeless(IASTDeclSpecifier spec) {
    return spec instanceof IASTSimpleDeclSpecifier s && s.getType() == IASTSimpleDeclSpecifier.t_unspecified
        && !s.isUnsigned() && !s.isSigned() && !s.isShort() && !s.isLong() && !s.isLongLong();
  }

  /** What a macro call read as a declaration passes: its "parameters" {@code lock}, {@code foo_t}. */
  private static List<String> parameterNames(IASTStandardFunctionDeclarator f) {
    List<String> out = new ArrayList<>();
    for (IASTParameterDeclaration p : f.getParameters()) {
      IASTDeclarator pd = p.getDeclarator();
      if (pd != null && !pd.getName().toString().isEmpty()) out.add(pd.getName().toString());
      else if (p.getDeclSpecifier() instanceof IASTNamedTypeSpecifier n) out.add(n.getName().toString());
    }
    return out;
  }

  /**
   * A file-scope function declaration without a type ({@code static_call(kvm_x86_get_exit_info)(vcpu, ...)},
   * {@code foo(bar);}): the kernel builds with {@code -Werror=implicit-int}, so no source the build
   * accepts has one. It is what the parse makes of a kernel macro it does not know (the
   * statements of a {@code TRACE_EVENT}'s {@code TP_fast_assign}, once the event itself did not
   * parse) and declares nothing: a use of the name is a use of the kernel's macro, as anywhere else.
   */
  private static boolean typeless(IASTDeclSpecifier spec, IASTDeclarator dec) {
    return dec instanceof IASTFunctionDeclarator && spec instanceof IASTSimpleDeclSpecifier s
        && s.getType() == IASTSimpleDeclSpecifier.t_unspecified && !s.isSigned() && !s.isUnsigned() && !s.isShort()
        && !s.isLong() && !s.isLongLong() && !s.isComplex() && !s.isImaginary();
  }

  /** The declarations the prelude's macros produce. */
  private void prelude(IASTSimpleDeclaration sd, IASTDeclarator dec, String rest) {
    SourcePosition pos = position(sd);
    if (pos == null) return;
    IASTInitializer init = dec.getInitializer();
    IASTInitializerClause clause = init instanceof IASTEqualsInitializer eq ? eq.getInitializerClause() : null;
    if (rest.startsWith("param__")) {
      param(sd, rest.substring("param__".length()), clause, pos);
    } else if (rest.startsWith("parmdesc__")) {
      String value = clause instanceof IASTLiteralExpression l ? CStrings.decode(String.valueOf(l.getValue())) : null;
      paramDescriptions.add(new ModInfo(rest.substring("parmdesc__".length()), value,
          clause == null ? "" : clause.getRawSignature(), pos, sd.isActive()));
    } else if (rest.startsWith("export__")) {
      String kind = rest.substring("export__".length(), rest.indexOf("__", "export__".length()));
      String symbol = rest.substring(rest.indexOf("__", "export__".length()) + 2);
      Optional<String> ns = Optional.empty();
      boolean gpl = kind.startsWith("gpl");
      boolean takesDefault = !kind.endsWith("ns") && !kind.equals("string");
      if (kind.equals("string")) {
        // __EXPORT_SYMBOL(sym, license, ns): "license|ns"
        if (!(clause instanceof IASTLiteralExpression l)) return;
        String v = CStrings.decode(String.valueOf(l.getValue()));
        int bar = v.indexOf('|');
        if (bar < 0) return;
        String license = v.substring(0, bar);
        gpl = license.equals("_gpl") || license.equals("GPL");
        String n = v.substring(bar + 1);
        takesDefault = n.isEmpty();
        ns = n.isEmpty() ? defaultNamespace(sd) : Optional.of(n);
      } else if (kind.endsWith("ns") && clause instanceof IASTLiteralExpression l) {
        String v = CStrings.decode(String.valueOf(l.getValue()));
        ns = Optional.of(v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v);
      }
      if (!kind.endsWith("ns") && !kind.equals("string")) ns = defaultNamespace(sd);
      // checkpatch reads the lines that name EXPORT_SYMBOL (IWL_EXPORT_SYMBOL too) as written:
      // EXPORT_SYMBOL(TAPE_DBF_AREA) follows "... *TAPE_DBF_AREA = NULL;"; EXPORT_TRACEPOINT_SYMBOL
      // it leaves alone
      String call = sd.getRawSignature();
      List<int[]> args = MacroArguments.split(call);
      String written = args.isEmpty() ? symbol : call.substring(args.get(0)[0], args.get(0)[1]).strip();
      boolean follows = !call.contains("EXPORT_SYMBOL") || followsDefinition(sd, symbol)
          || (!written.equals(symbol) && followsDefinition(sd, written));
      exports.add(new ExportDecl(symbol, gpl, ns, pos, sd.isActive(), follows, takesDefault));
    }
  }

  /** {@code DEFAULT_SYMBOL_NAMESPACE} as defined before the export in the same file (include/linux/export.h). */
  private Optional<String> defaultNamespace(IASTSimpleDeclaration sd) {
    IASTFileLocation at = sd.getFileLocation();
    if (at == null) return Optional.empty();
    Optional<String> ns = Optional.empty();
    int best = -1;
    org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition used = null;
    for (var def : defaultNamespaces) {
      IASTFileLocation d = def.getFileLocation();
      if (d == null || !d.getFileName().equals(at.getFileName())) continue;
      if (d.getNodeOffset() < at.getNodeOffset() && d.getNodeOffset() > best) {
        best = d.getNodeOffset();
        used = def;
        String v = def.getExpansion().strip();
        ns = v.isEmpty() ? Optional.empty() : Optional.of(v.replaceAll("^\"|\"$", ""));
      }
    }
    if (used != null && sd.isActive()) defaultNamespacesUsed.add(used);
    return ns;
  }

  private static final java.util.regex.Pattern CLOSING_BRACE = java.util.regex.Pattern.compile("^}\\s*$");

  /**
   * checkpatch's EXPORT_SYMBOL check: the line before the export must close a function
   * ({@code }}) or declare the exported name ({@code DEFINE_X(name)}, {@code name;},
   * {@code name = ...}, {@code name[...]}, {@code name(...)}).
   */
  private boolean followsDefinition(IASTSimpleDeclaration sd, String symbol) {
    IASTFileLocation loc = sd.getFileLocation();
    if (loc == null) return true;
    SourceText t = CSyntax.text(texts, loc.getFileName());
    if (t == null) return true;
    int line = t.lineOf(loc.getNodeOffset());
    if (line <= 1) return false;
    String prev = t.line(line - 1);
    String q = java.util.regex.Pattern.quote(symbol);
    return CLOSING_BRACE.matcher(prev).matches()
        || java.util.regex.Pattern.compile("\\b(?:DEFINE|DECLARE)_\\w+\\(\\s*" + q + "\\b|\\bLIST_HEAD\\(\\s*" + q
            + "\\s*\\)|\\(\\s*\\*\\s*" + q + "\\s*\\)\\s*\\(|\\b" + q + "(?:\\s+__\\w+(?:\\([^)]*\\))?)*\\s*(?:;|=|\\[|\\()")
            .matcher(prev).find();
  }

  private void param(IASTSimpleDeclaration sd, String formAndName, IASTInitializerClause clause, SourcePosition pos) {
    int sep = formAndName.indexOf("__");
    if (sep < 0 || !(clause instanceof IASTInitializerList list) || list.getClauses().length < 3) return;
    String form = formAndName.substring(0, sep);
    String name = formAndName.substring(sep + 2);
    IASTInitializerClause[] c = list.getClauses();
    String variable = baseName(c[0]);
    String type = c[1] instanceof IASTLiteralExpression l ? CStrings.decode(String.valueOf(l.getValue())) : c[1].getRawSignature();
    // the macro call's own arguments, for text and positions as written
    String call = sd.getRawSignature();
    List<int[]> args = MacroArguments.split(call);
    int permIndex = switch (form) {
      case "module_param", "module_param_unsafe" -> 2;
      case "module_param_hw_named", "module_param_array_named" -> 4;
      case "module_param_hw_array" -> 4;
      default -> 3;
    };
    IASTFileLocation loc = sd.getFileLocation();
    SourceText text = CSyntax.text(texts, loc.getFileName());
    SourcePosition permPos = pos;
    String permText = "";
    if (permIndex < args.size()) {
      int[] a = args.get(permIndex);
      permText = call.substring(a[0], a[1]);
      if (text != null && loc.getNodeLength() == call.length()) permPos = text.position(loc.getNodeOffset() + a[0], a[1] - a[0]);
    }
    IASTNode permExpr = c[2];
    while (permExpr instanceof IASTCastExpression ce) permExpr = ce.getOperand();
    List<String> symbols = new ArrayList<>();
    Optional<Long> value = permExpr instanceof IASTExpression e ? evaluate(e, symbols) : Optional.empty();
    int base = literalBase(permExpr);
    Optional<String> hw = Optional.empty();
    if (form.startsWith("module_param_hw") && args.size() > (form.equals("module_param_hw") ? 2 : 3)) {
      int[] a = args.get(form.equals("module_param_hw_named") ? 3 : 2);
      hw = Optional.of(call.substring(a[0], a[1]).strip());
    }
    Optional<String> len = Optional.empty();
    Optional<Long> lenValue = Optional.empty();
    if (form.equals("module_param_string") && args.size() > 2) {
      int[] a = args.get(2);
      len = Optional.of(call.substring(a[0], a[1]).strip());
      lenValue = CSyntax.integer(len.get());
    }
    IASTNode target = c[0];
    while (target instanceof IASTUnaryExpression u) target = u.getOperand();
    boolean plain = target instanceof IASTIdExpression;
    params.add(new ModuleParam(form, name, variable, plain, type,
        new Permission(permText.strip(), value, base, symbols, permPos), hw, len, lenValue, pos, sd.isActive()));
  }

  /** The base identifier of {@code &(var)}, {@code &(s.field)}, {@code &(arr[0])}. */
  private static String baseName(IASTNode n) {
    while (true) {
      if (n instanceof IASTUnaryExpression u) n = u.getOperand();
      else if (n instanceof IASTFieldReference f) n = f.getFieldOwner();
      else if (n instanceof IASTArraySubscriptExpression a) n = a.getArrayExpression();
      else if (n instanceof IASTCastExpression c) n = c.getOperand();
      else break;
    }
    return n instanceof IASTIdExpression id ? id.getName().toString() : n.getRawSignature();
  }

  private static int literalBase(IASTNode n) {
    while (n instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary)
      n = u.getOperand();
    if (!(n instanceof IASTLiteralExpression l) || l.getKind() != IASTLiteralExpression.lk_integer_constant) return 0;
    String t = String.valueOf(l.getValue()).toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("0x")) return 16;
    if (t.startsWith("0b")) return 2;
    if (t.length() > 1 && t.startsWith("0")) return 8;
    return t.equals("0") ? 8 : 10;
  }

  /** Integer constant expressions of literals, S_I* names and the usual operators. */
  static Optional<Long> evaluate(IASTExpression e, List<String> symbols) {
    if (e instanceof IASTLiteralExpression l) {
      if (l.getKind() != IASTLiteralExpression.lk_integer_constant) return Optional.empty();
      return CSyntax.integer(String.valueOf(l.getValue()));
    }
    if (e instanceof IASTIdExpression id) {
      String n = id.getName().toString();
      Long v = MODE_NAMES.get(n);
      if (v != null) symbols.add(n);
      return Optional.ofNullable(v);
    }
    if (e instanceof IASTCastExpression c) return evaluate(c.getOperand(), symbols);
    if (e instanceof IASTUnaryExpression u) {
      Optional<Long> v = evaluate(u.getOperand(), symbols);
      return switch (u.getOperator()) {
        case IASTUnaryExpression.op_bracketedPrimary, IASTUnaryExpression.op_plus -> v;
        case IASTUnaryExpression.op_minus -> v.map(x -> -x);
        case IASTUnaryExpression.op_tilde -> v.map(x -> ~x);
        default -> Optional.empty();
      };
    }
    if (e instanceof IASTBinaryExpression b) {
      Optional<Long> l = evaluate(b.getOperand1(), symbols);
      Optional<Long> r = evaluate(b.getOperand2(), symbols);
      if (l.isEmpty() || r.isEmpty()) return Optional.empty();
      long x = l.get(), y = r.get();
      return switch (b.getOperator()) {
        case IASTBinaryExpression.op_binaryOr -> Optional.of(x | y);
        case IASTBinaryExpression.op_binaryAnd -> Optional.of(x & y);
        case IASTBinaryExpression.op_binaryXor -> Optional.of(x ^ y);
        case IASTBinaryExpression.op_plus -> Optional.of(x + y);
        case IASTBinaryExpression.op_minus -> Optional.of(x - y);
        case IASTBinaryExpression.op_multiply -> Optional.of(x * y);
        case IASTBinaryExpression.op_shiftLeft -> Optional.of(x << y);
        case IASTBinaryExpression.op_shiftRight -> Optional.of(x >> y);
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  private static Optional<Long> initializerLength(IASTDeclarator dec) {
    if (dec.getInitializer() instanceof IASTEqualsInitializer eq) {
      if (eq.getInitializerClause() instanceof IASTInitializerList l) return Optional.of((long) l.getSize());
      if (eq.getInitializerClause() instanceof IASTLiteralExpression s
          && s.getKind() == IASTLiteralExpression.lk_string_literal)
        return Optional.of((long) CStrings.decode(String.valueOf(s.getValue())).length() + 1);
    }
    return Optional.empty();
  }

  /** Names of a function's parameters and locals: a mention of those is not a reference. */
  private static Set<String> localNames(IASTFunctionDefinition fd) {
    Set<String> out = new HashSet<>();
    fd.accept(new ASTVisitor() {
      {
        shouldVisitDeclarators = true;
      }

      @Override
      public int visit(IASTDeclarator d) {
        if (d != fd.getDeclarator()) out.add(d.getName().toString());
        return PROCESS_CONTINUE;
      }
    });
    return out;
  }

  /**
   * Static inline functions whose whole body is {@code return E;} with E a constant for the
   * target configuration whatever the arguments: {@code return IS_ENABLED(CONFIG_X) && c->auth;}
   * with X off is 0 (fs/ubifs/ubifs.h's ubifs_authenticated). gcc folds their calls.
   */
  private final Map<String, Long> constantFunctions = new HashMap<>();

  /**
   * What include/linux/stddef.h makes of {@code false}, {@code true} (an enum) and {@code NULL}
   * (a macro), which every kernel file gets and none can redefine: the front-end does not read
   * the header, so they reach it as names. {@code #define blogic_flashpoint_type(a) (false)}
   * makes {@code if (blogic_flashpoint_type(a))} a branch gcc drops (drivers/scsi/BusLogic.c).
   */
  private static final Map<String, Long> KERNEL_CONSTANTS = Map.of("false", 0L, "true", 1L, "NULL", 0L);

  /** The values {@link ConstantTypes} computed, by expression: each is asked once per use below it. */
  private final Map<IASTExpression, Optional<Long>> typeConstants = new java.util.IdentityHashMap<>();

  private void constantFunctions(IASTTranslationUnit tu) {
    for (IASTDeclaration d : tu.getDeclarations()) {
      if (!(d instanceof IASTFunctionDefinition fd) || !fd.isActive()) continue;
      IASTDeclSpecifier spec = fd.getDeclSpecifier();
      if (spec.getStorageClass() != IASTDeclSpecifier.sc_static || !spec.isInline()) continue;
      if (!(fd.getBody() instanceof IASTCompoundStatement body) || body.getStatements().length != 1) continue;
      if (!(body.getStatements()[0] instanceof IASTReturnStatement r) || r.getReturnValue() == null) continue;
      Long v = constant(r.getReturnValue());
      if (v != null) constantFunctions.put(CSyntax.innermost(fd.getDeclarator()).getName().toString(), v);
    }
  }

  /**
   * The value of {@code e} when the preprocessor made it a constant ({@code IS_ENABLED()},
   * {@code 0 && x}, a call of a constant function), else null. Only what gcc folds at -O2
   * before it emits references: integer literals, the kernel's constants {@link #KERNEL_CONSTANTS}
   * and the logical, comparison and bit operators.
   */
  private Long constant(IASTExpression e) {
    if (e instanceof IASTIdExpression id) {
      String n = id.getName().toString();
      return declared.contains(n) ? null : KERNEL_CONSTANTS.get(n);
    }
    if (e instanceof IASTLiteralExpression l && l.getKind() == IASTLiteralExpression.lk_integer_constant) {
      String t = String.valueOf(l.getValue()).toLowerCase(java.util.Locale.ROOT).replaceAll("[ul]+$", "");
      try {
        return t.startsWith("0x") ? Long.parseLong(t.substring(2), 16)
            : t.length() > 1 && t.startsWith("0") ? Long.parseLong(t.substring(1), 8) : Long.parseLong(t);
      } catch (NumberFormatException ex) {
        return null;
      }
    }
    if ((e instanceof IASTUnaryExpression u0 && u0.getOperator() == IASTUnaryExpression.op_sizeof)
        || (e instanceof org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression t
            && t.getOperator() == org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression.op_sizeof))
      return typeConstants.computeIfAbsent(e, ConstantTypes::sizeOf).orElse(null);
    if (e instanceof IASTFunctionCallExpression fc && fc.getFunctionNameExpression() instanceof IASTIdExpression f
        && f.getName().toString().equals("__builtin_types_compatible_p")) {
      IASTInitializerClause[] args = fc.getArguments();
      if (args.length != 2 || !(args[0] instanceof org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression a)
          || !(args[1] instanceof org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression b)) return null;
      return typeConstants.computeIfAbsent(e, k ->
          ConstantTypes.typesCompatible(new org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression[] {a, b})).orElse(null);
    }
    if (e instanceof IASTUnaryExpression u) {
      Long v = u.getOperand() == null ? null : constant(u.getOperand());
      return switch (u.getOperator()) {
        case IASTUnaryExpression.op_bracketedPrimary, IASTUnaryExpression.op_plus -> v;
        case IASTUnaryExpression.op_not -> v == null ? null : v == 0 ? 1L : 0L;
        case IASTUnaryExpression.op_minus -> v == null ? null : -v;
        default -> null;
      };
    }
    if (e instanceof IASTCastExpression c) return constant(c.getOperand());
    if (e instanceof IASTFunctionCallExpression fc && fc.getFunctionNameExpression() instanceof IASTIdExpression id)
      return constantFunctions.get(id.getName().toString());
    if (e instanceof IASTBinaryExpression b) {
      Long x = constant(b.getOperand1());
      int op = b.getOperator();
      if (op == IASTBinaryExpression.op_logicalAnd && x != null && x == 0) return 0L;
      if (op == IASTBinaryExpression.op_logicalOr && x != null && x != 0) return 1L;
      Long y = constant(b.getOperand2());
      if (op == IASTBinaryExpression.op_logicalAnd && y != null && y == 0) return 0L;
      if (op == IASTBinaryExpression.op_logicalOr && y != null && y != 0) return 1L;
      if (x == null || y == null) return null;
      return switch (op) {
        case IASTBinaryExpression.op_logicalAnd -> x != 0 && y != 0 ? 1L : 0L;
        case IASTBinaryExpression.op_logicalOr -> x != 0 || y != 0 ? 1L : 0L;
        case IASTBinaryExpression.op_equals -> x.equals(y) ? 1L : 0L;
        case IASTBinaryExpression.op_notequals -> x.equals(y) ? 0L : 1L;
        case IASTBinaryExpression.op_lessThan -> x < y ? 1L : 0L;
        case IASTBinaryExpression.op_lessEqual -> x <= y ? 1L : 0L;
        case IASTBinaryExpression.op_greaterThan -> x > y ? 1L : 0L;
        case IASTBinaryExpression.op_greaterEqual -> x >= y ? 1L : 0L;
        case IASTBinaryExpression.op_binaryAnd -> x & y;
        case IASTBinaryExpression.op_binaryOr -> x | y;
        default -> null;
      };
    }
    return null;
  }

  /**
   * True when {@code n} sits in code gcc drops because a condition above it (up to {@code root})
   * is a constant: the branch of an {@code if} or {@code ?:} not taken, the right side of
   * {@code 0 && ...} or {@code 1 || ...}. {@code if (IS_ENABLED(CONFIG_X)) f();} with X off
   * references no f, so modpost never sees it.
   */
  private boolean deadBranch(IASTNode n, IASTNode root) {
    for (IASTNode child = n, p = n.getParent(); p != null && child != root; child = p, p = p.getParent()) {
      if (p instanceof IASTIfStatement is && child != is.getConditionExpression()) {
        Long c = is.getConditionExpression() == null ? null : known(is.getConditionExpression());
        if (c != null && (c == 0 ? child == is.getThenClause() : child == is.getElseClause())) return true;
      } else if (p instanceof IASTConditionalExpression ce && child != ce.getLogicalConditionExpression()) {
        Long c = known(ce.getLogicalConditionExpression());
        if (c != null && (c == 0 ? child == ce.getPositiveResultExpression() : child == ce.getNegativeResultExpression()))
          return true;
      } else if (p instanceof IASTCompoundStatement block) {
        // after "if (!ubifs_authenticated(c)) return 0;" with a constant-true condition
        if (afterConstantReturn(block).dead(child)) return true;
      } else if (p instanceof IASTBinaryExpression b && child == b.getOperand2()) {
        int op = b.getOperator();
        if (op == IASTBinaryExpression.op_logicalAnd || op == IASTBinaryExpression.op_logicalOr) {
          Long c = known(b.getOperand1());
          if (c != null && (op == IASTBinaryExpression.op_logicalAnd ? c == 0 : c != 0)) return true;
        }
      } else if (p instanceof IASTFunctionCallExpression fc && fc.getFunctionNameExpression() instanceof IASTIdExpression f
          && f.getName().toString().equals("__builtin_choose_expr")) {
        // __builtin_choose_expr(c, a, b): gcc compiles one of a and b
        IASTInitializerClause[] args = fc.getArguments();
        if (args.length == 3 && args[0] instanceof IASTExpression cond && (child == args[1] || child == args[2])) {
          Long c = constant(cond);
          if (c != null && child == (c != 0 ? args[2] : args[1])) return true;
        }
      }
      if (p instanceof IASTCompoundStatement block && block.getParent() instanceof IASTSwitchStatement sw
          && sw.getBody() == block && child instanceof IASTStatement st && notSwitchedTo(sw, block, st)) return true;
    }
    return false;
  }

  /** The value of each switch's controlling expression, when constant: see {@link #notSwitchedTo}. */
  private final Map<IASTSwitchStatement, Optional<Long>> switchValues = new java.util.IdentityHashMap<>();

  /**
   * True when {@code st}, a statement of the body of {@code sw}, is not run whatever happens: the
   * controlling expression is a constant ({@code switch (sizeof(dest))}) and {@code st} lies
   * outside the statements from the label it selects (the default one when no case matches) to
   * the first {@code break}, {@code return}, {@code continue} or {@code goto}. Not decided when a
   * case's value is no constant, a label of the body is nested deeper, or the body has labels
   * a {@code goto} may jump to.
   */
  private boolean notSwitchedTo(IASTSwitchStatement sw, IASTCompoundStatement body, IASTStatement st) {
    Optional<Long> value = switchValues.computeIfAbsent(sw, k -> {
      IASTExpression c = k.getControllerExpression();
      return Optional.ofNullable(c == null ? null : constant(c));
    });
    if (value.isEmpty()) return sizeAssumed(sw, body, st);
    IASTStatement[] all = body.getStatements();
    int start = -1;
    int fallback = -1;
    for (int i = 0; i < all.length; i++) {
      if (all[i] instanceof IASTCaseStatement cs) {
        Long v = cs.getExpression() == null ? null : constant(cs.getExpression());
        if (v == null) return false;
        if (v.equals(value.get()) && start < 0) start = i;
      } else if (all[i] instanceof IASTDefaultStatement) {
        fallback = i;
      } else if (all[i] instanceof org.eclipse.cdt.core.dom.ast.IASTLabelStatement) {
        return false;
      }
    }
    if (hasNestedLabels(body)) return false;
    if (start < 0) start = fallback;
    int index = java.util.Arrays.asList(all).indexOf(st);
    if (index < 0) return false;
    if (start < 0 || index < start) return true;
    for (int i = start; i < index; i++) if (leaves(all[i])) return true;
    return false;
  }

  /** The switches on a {@code sizeof} whose default {@link #sizeAssumed} takes for not run, in order. */
  private final Map<IASTSwitchStatement, Boolean> assumedSizes = new java.util.LinkedHashMap<>();

  /**
   * True when {@code st} is a statement of the {@code default:} of a {@code switch} on a
   * {@code sizeof} whose size kmodlint cannot compute (a member of a struct of an unread header:
   * {@code sizeof(in_wc->qp->qp_num)}), every case being a constant and no case falling into it:
   * the kernel's link-time check of a size ({@code default: __buggy_use_of_MTHCA_PUT();}), which
   * gcc drops when a case matches, as it does where the build succeeds. Said in a note about the
   * file ({@link #notes()}), since a size no case matches would make modpost fail.
   */
  private boolean sizeAssumed(IASTSwitchStatement sw, IASTCompoundStatement body, IASTStatement st) {
    IASTExpression c = sw.getControllerExpression();
    boolean sizeOf = (c instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_sizeof)
        || (c instanceof org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression t
            && t.getOperator() == org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression.op_sizeof);
    if (!sizeOf) return false;
    IASTStatement[] all = body.getStatements();
    int fallback = -1;
    for (int i = 0; i < all.length; i++) {
      if (all[i] instanceof IASTCaseStatement cs && (cs.getExpression() == null || constant(cs.getExpression()) == null))
        return false;
      if (all[i] instanceof IASTDefaultStatement) fallback = i;
      if (all[i] instanceof org.eclipse.cdt.core.dom.ast.IASTLabelStatement) return false;
    }
    if (fallback < 0 || hasNestedLabels(body)) return false;
    if (fallback > 0 && !leaves(all[fallback - 1])) return false; // a case falls into it
    int index = java.util.Arrays.asList(all).indexOf(st);
    if (index < fallback) return false;
    for (int i = fallback; i < index; i++) if (leaves(all[i])) return false;
    assumedSizes.putIfAbsent(sw, true);
    return true;
  }

  /** A statement after which the switch's next statement is not run by falling through. */
  private static boolean leaves(IASTStatement s) {
    return s instanceof org.eclipse.cdt.core.dom.ast.IASTBreakStatement || s instanceof IASTReturnStatement
        || s instanceof org.eclipse.cdt.core.dom.ast.IASTContinueStatement
        || s instanceof org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
  }

  /** What the extraction has to say about the file: the switches {@link #sizeAssumed} decided. */
  List<Notification> notes() {
    if (assumedSizes.isEmpty()) return List.of();
    IASTSwitchStatement first = assumedSizes.keySet().iterator().next();
    SourcePosition at = position(first.getControllerExpression());
    if (at == null) return List.of();
    int more = assumedSizes.size() - 1;
    return List.of(Notification.at("size-unknown", Level.NOTE, "kmodlint cannot compute the size that the switch of "
        + first.getControllerExpression().getRawSignature().replaceAll("\\s+", " ")
        + " tests (a pointer or long, which the architecture sizes, or a type of a header it does not read)" + (more > 0 ? ", nor the sizes of " + more + " more switch(es) on sizeof"
        + " of this file" : "") + ": the default: of such a switch, the kernel's link-time check of a size, is taken for"
        + " code gcc drops because a case matches", at));
  }

  /** A case, default or goto label of the switch below its body's own statements (Duff's device). */
  private static boolean hasNestedLabels(IASTCompoundStatement body) {
    boolean[] found = {false};
    for (IASTStatement top : body.getStatements()) {
      if (top instanceof IASTCaseStatement || top instanceof IASTDefaultStatement) continue;
      top.accept(new ASTVisitor() {
        {
          shouldVisitStatements = true;
        }

        @Override
        public int visit(IASTStatement s) {
          if (s instanceof IASTSwitchStatement) return PROCESS_SKIP; // its own labels
          if (s instanceof IASTCaseStatement || s instanceof IASTDefaultStatement
              || s instanceof org.eclipse.cdt.core.dom.ast.IASTLabelStatement) {
            found[0] = true;
            return PROCESS_ABORT;
          }
          return PROCESS_CONTINUE;
        }
      });
      if (found[0]) return true;
    }
    return false;
  }

  /**
   * {@link #constant} of a condition {@link #deadBranch} meets, once per node: every name of a
   * function body asks again about each condition above it. Only once {@link #constantFunctions}
   * are all known, which is before any body is read.
   */
  private Long known(IASTExpression e) {
    if (constants.containsKey(e)) return constants.get(e);
    Long v = constant(e);
    constants.put(e, v);
    return v;
  }

  private final Map<IASTExpression, Long> constants = new java.util.IdentityHashMap<>();

  /**
   * Which statements of a block come after an {@code if (C) return ...;} (no {@code else}) whose
   * condition is constant and true: {@code dead} those of {@link IASTCompoundStatement#getStatements()}
   * that do, {@code any} whether the block has such an {@code if} at all (what a child that is
   * not one of those statements is taken to follow).
   */
  private record Returns(Set<IASTStatement> statements, Set<IASTStatement> after, boolean any) {
    boolean dead(IASTNode child) {
      return child instanceof IASTStatement st && statements.contains(st) ? after.contains(st) : any;
    }
  }

  /** {@link Returns} of {@code block}, once per block: every name in it asked about all the statements before its own. */
  private Returns afterConstantReturn(IASTCompoundStatement block) {
    Returns known = blockReturns.get(block);
    if (known != null) return known;
    Set<IASTStatement> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Set<IASTStatement> after = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    boolean dead = false;
    for (IASTStatement st : block.getStatements()) {
      all.add(st);
      if (dead) after.add(st);
      else if (st instanceof IASTIfStatement is && is.getElseClause() == null && returns(is.getThenClause())) {
        Long c = is.getConditionExpression() == null ? null : known(is.getConditionExpression());
        dead = c != null && c != 0;
      }
    }
    known = new Returns(all, after, dead);
    blockReturns.put(block, known);
    return known;
  }

  private final Map<IASTCompoundStatement, Returns> blockReturns = new java.util.IdentityHashMap<>();

  /** A statement that always leaves the function: {@code return ...;}, or a block that ends with one. */
  private static boolean returns(IASTStatement st) {
    if (st instanceof IASTReturnStatement) return true;
    if (st instanceof IASTCompoundStatement c) {
      IASTStatement[] all = c.getStatements();
      return all.length > 0 && all[all.length - 1] instanceof IASTReturnStatement;
    }
    return false;
  }

  /**
   * The references of {@code root}, the body or initializer of {@code from}. {@code activeCode}:
   * the preprocessor keeps it; {@code emitted}: gcc emits {@code from} ({@link #notEmitted}). A
   * reference counts (is active) in code gcc emits and does not drop (a constant condition, an
   * argument an inline function ignores); a call of an undeclared name keeps its form for the
   * argument counts in any code the preprocessor keeps and no constant condition drops.
   */
  private void references(String from, IASTNode root, Set<String> locals, boolean activeCode, boolean emitted) {
    root.accept(new ASTVisitor() {
      {
        shouldVisitExpressions = true;
        shouldVisitDeclarations = true;
      }

      @Override
      public int visit(IASTDeclaration d) {
        if (d instanceof IASTASMDeclaration asm) assembly(asm, activeCode && !deadBranch(asm, root));
        return PROCESS_CONTINUE;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTIdExpression id) {
          boolean active = activeCode && !deadBranch(id, root);
          String to = id.getName().toString();
          if (locals.contains(to)) return PROCESS_CONTINUE;
          boolean linked = active && emitted && !ignoredArgument(id);
          boolean call = id.getParent() instanceof IASTFunctionCallExpression fc
              && fc.getFunctionNameExpression() == id;
          if (declared.contains(to)) {
            // symbol_get(f) looks f up at run time: not a link-time reference
            String in = argumentOf(id);
            if (RUNTIME_LOOKUP.contains(in)) return PROCESS_CONTINUE;
            SourcePosition pos = position(id);
            if (pos != null)
              references.add(new CReference(from, to, call ? CReference.Kind.CALL
                  : addressTaken(id, arrays.contains(to)) ? CReference.Kind.ADDRESS : CReference.Kind.MENTION, pos,
                  linked && !DebugConditions.drops(in)));
          } else if (!to.isEmpty() && !to.startsWith(PREFIX) && !to.startsWith("__builtin_")) {
            if (external(to, id, call, linked) && call) {
              IASTFunctionCallExpression fc = (IASTFunctionCallExpression) id.getParent();
              externalCall(to, id, fc, locals, active);
              branchCall(to, id, active && fc.isActive());
            }
          }
        }
        return PROCESS_CONTINUE;
      }
    });
  }

  /** The static functions and objects of the unit gcc emits nothing for: see {@link #notEmitted(IASTTranslationUnit, IASTDeclaration[], Map)}. */
  private final Set<String> notEmitted = new HashSet<>();
  /** The parameters, by index, each static inline function of the unit never names in its body. */
  private final Map<String, Set<Integer>> unusedParameters = new HashMap<>();
  private static final Set<String> KEEPING_ATTRIBUTES = Set.of("used", "__used__", "alias", "__alias__",
      "constructor", "__constructor__", "destructor", "__destructor__", "externally_visible", "__externally_visible__");

  /**
   * The static functions and objects of this translation unit that gcc (-O2) does not emit,
   * nor what they reference: no code it emits names them. The emitted ones are reached from the
   * unit's external definitions, from what the prelude's macros keep ({@code module_init(f)},
   * {@code module_param(v, ...)}, {@code MODULE_DEVICE_TABLE(t)}, {@code EXPORT_SYMBOL(s)}), from
   * definitions a macro made or an attribute keeps ({@code __used}), through the references of
   * emitted code ({@code if (IS_ENABLED(CONFIG_X)) f();} with X off, an argument an inline
   * function ignores, code of a static nobody reaches: none). A name the unit's text mentions
   * where its syntax tree does not account for it (an {@code asm} operand, a macro call the
   * parser could not read, the body of a macro expanded in either) may be a use kmodlint cannot
   * see: that static is taken as emitted. A macro's body that is expanded only where the tree
   * holds the expansion, or nowhere, uses nothing of its own. {@code crypto/aegis128-core.c}'s SIMD functions, reached only from an object
   * that only {@code if (IS_ENABLED(CONFIG_CRYPTO_AEGIS128_SIMD) && ...)} names, are not emitted.
   */
  private Set<String> notEmitted(IASTTranslationUnit tu, IASTDeclaration[] all,
      Map<IASTDeclaration, DeclarationRecovery.Recovered> recovered) {
    Set<String> candidates = new HashSet<>();
    Set<String> roots = new HashSet<>();
    Map<String, Set<String>> uses = new HashMap<>();
    for (IASTDeclaration d : all) {
      if (!d.isActive()) continue;
      if (d instanceof IASTFunctionDefinition fd) {
        IASTName n = CSyntax.innermost(fd.getDeclarator()).getName();
        String name = n.toString();
        boolean candidate = fd.getDeclSpecifier().getStorageClass() == IASTDeclSpecifier.sc_static && !fromMacro(n)
            && !kept(fd.getDeclSpecifier()) && !kept(fd.getDeclarator());
        (candidate ? candidates : roots).add(name);
        if (fd.getBody() != null) emittedUses(fd.getBody(), localNames(fd), uses.computeIfAbsent(name, k -> new HashSet<>()));
      } else if (d instanceof IASTSimpleDeclaration sd) {
        IASTDeclSpecifier spec = sd.getDeclSpecifier();
        if (spec.getStorageClass() == IASTDeclSpecifier.sc_typedef) continue;
        for (IASTDeclarator dec : sd.getDeclarators()) {
          IASTName n = CSyntax.innermost(dec).getName();
          String name = n.toString();
          if (name.isEmpty()) continue;
          if (dec instanceof IASTFunctionDeclarator && dec.getNestedDeclarator() == null) {
            // a macro call read as a declaration (static DECLARE_WORK(w, f);) may use its "parameters"
            if (typeless(spec) && dec instanceof IASTStandardFunctionDeclarator f) roots.addAll(parameterNames(f));
            continue;
          }
          IASTInitializer init = dec.getInitializer();
          if (name.startsWith(PREFIX)) {
            // what module_init(), module_param(), EXPORT_SYMBOL()... keep
            if (init != null) emittedUses(init, Set.of(), roots);
            int sep = name.indexOf("__", (PREFIX + "export__").length());
            if (name.startsWith(PREFIX + "export__") && sep > 0) roots.add(name.substring(sep + 2));
            continue;
          }
          boolean candidate = spec.getStorageClass() == IASTDeclSpecifier.sc_static && !fromMacro(n) && !kept(spec)
              && !kept(dec);
          (candidate ? candidates : roots).add(name);
          if (init != null) emittedUses(init, Set.of(), uses.computeIfAbsent(name, k -> new HashSet<>()));
        }
      }
    }
    for (Map.Entry<IASTDeclaration, DeclarationRecovery.Recovered> e : recovered.entrySet()) {
      if (!e.getKey().isActive()) continue;
      DeclarationRecovery.Recovered r = e.getValue();
      IASTDeclSpecifier spec = r.declaration().getDeclSpecifier();
      (spec.getStorageClass() == IASTDeclSpecifier.sc_static ? candidates : roots).add(r.name());
      IASTFileLocation l = e.getKey().getFileLocation();
      SourceText t = texts.get(Path.of(l.getFileName()).normalize().toString());
      Set<String> u = uses.computeIfAbsent(r.name(), k -> new HashSet<>());
      for (DeclarationRecovery.Mention m : DeclarationRecovery.mentions(t.chars(), l.getNodeOffset() + r.initializer(),
          l.getNodeOffset() + l.getNodeLength())) if (declared.contains(m.name())) u.add(m.name());
    }
    candidates.removeAll(roots);
    if (candidates.isEmpty()) return Set.of();
    roots.addAll(unaccounted(tu, candidates));
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(roots);
    Set<String> reached = new HashSet<>(roots);
    while (!todo.isEmpty())
      for (String to : uses.getOrDefault(todo.poll(), Set.of())) if (reached.add(to)) todo.add(to);
    candidates.removeAll(reached);
    return candidates;
  }

  /** An attribute that keeps an unreferenced definition ({@code __used}, {@code alias}) on {@code n}. */
  private static boolean kept(IASTNode n) {
    if (!(n instanceof org.eclipse.cdt.core.dom.ast.IASTAttributeOwner o)) return false;
    for (org.eclipse.cdt.core.dom.ast.IASTAttribute a : o.getAttributes())
      if (KEEPING_ATTRIBUTES.contains(new String(a.getName()))) return true;
    return n instanceof IASTDeclarator d && d.getNestedDeclarator() != null && kept(d.getNestedDeclarator());
  }

  /** The file's names {@code root} uses in code gcc keeps: not a local, not behind a constant condition, not an ignored argument, not in a debug-only condition ({@link DebugConditions}). */
  private void emittedUses(IASTNode root, Set<String> locals, Set<String> out) {
    root.accept(new ASTVisitor() {
      {
        shouldVisitExpressions = true;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTIdExpression id) {
          String to = id.getName().toString();
          if (declared.contains(to) && !locals.contains(to) && !deadBranch(id, root) && !ignoredArgument(id)
              && !DebugConditions.drops(argumentOf(id))) out.add(to);
        }
        return PROCESS_CONTINUE;
      }
    });
  }

  /**
   * The names of {@code candidates} that the unit's texts mention somewhere its syntax tree has
   * no name for: in a macro's definition, an {@code asm} statement's operands, a declaration the
   * parser could not read. Comments and literals do not count.
   */
  private Set<String> unaccounted(IASTTranslationUnit tu, Set<String> candidates) {
    Map<String, Set<Integer>> accounted = new HashMap<>();
    DeclarationRecovery.NameSieve sieve = new DeclarationRecovery.NameSieve(candidates);
    tu.accept(new ASTVisitor() {
      {
        shouldVisitNames = true;
        includeInactiveNodes = true;
      }

      @Override
      public int visit(IASTName name) {
        // most names of a unit are no candidate: told by length and first character before a string is made
        char[] id = name.getSimpleID();
        if (!sieve.mayBe(id, 0, id.length)) return PROCESS_CONTINUE;
        String s = name.toString();
        if (!candidates.contains(s)) return PROCESS_CONTINUE;
        IASTNodeLocation[] locs = name.getNodeLocations();
        if (locs.length == 1 && locs[0] instanceof IASTFileLocation l)
          accounted.computeIfAbsent(Path.of(l.getFileName()).normalize().toString(), k -> new HashSet<>())
              .add(l.getNodeOffset());
        return PROCESS_CONTINUE;
      }
    });
    long[] hashes = candidates.stream().mapToLong(HeaderTexts.Header::hash).toArray();
    // the mentions no name of the tree accounts for, by file
    Map<String, List<Loose>> loose = new HashMap<>();
    for (Map.Entry<String, SourceText> f : texts.entrySet()) {
      // a header is read by many units of a run: whether it names a candidate at all is known
      // from the names it mentions, made once
      HeaderTexts.Header h = headers.get(f.getKey());
      if (h != null && h.text == f.getValue() && !h.mayMentionAny(hashes)) continue;
      char[] t = f.getValue().chars();
      Set<Integer> here = accounted.getOrDefault(f.getKey(), Set.of());
      DeclarationRecovery.mentionsOf(t, 0, t.length, candidates, (name, offset) -> {
        if (!here.contains(offset)) loose.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(new Loose(name, offset));
      });
    }
    if (loose.isEmpty()) return Set.of();
    // in a macro's body: a use only where the macro is expanded out of the tree's sight
    // (its other expansions are in the tree, with what they really name: zstd's
    // FORWARD_IF_ERROR names ERR_getErrorName() only inside a RAWLOG() that drops it)
    Map<String, TreeMap<Integer, MacroExtent>> definitions = macroBodies(tu, loose.keySet());
    Set<String> unseen = null;
    Set<String> out = new HashSet<>();
    for (Map.Entry<String, List<Loose>> f : loose.entrySet()) {
      for (Loose m : f.getValue()) {
        var def = definitions.getOrDefault(f.getKey(), EMPTY_EXTENTS).floorEntry(m.offset());
        if (def == null || m.offset() >= def.getValue().end()) out.add(m.name());
        else {
          if (unseen == null) unseen = expandedUnseen(tu);
          if (unseen.contains(def.getValue().macro())) out.add(m.name());
        }
      }
    }
    return out;
  }

  private static final TreeMap<Integer, MacroExtent> EMPTY_EXTENTS = new TreeMap<>();

  /** A mention of a candidate that no name of the syntax tree accounts for. */
  private record Loose(String name, int offset) {}

  /** A {@code #define} of a file: the macro it defines, and where the directive ends. */
  private record MacroExtent(String macro, int end) {}

  /** The {@code #define}s of the unit in {@code files}, active or not, by file and start offset. */
  private Map<String, TreeMap<Integer, MacroExtent>> macroBodies(IASTTranslationUnit tu, Set<String> files) {
    Map<String, TreeMap<Integer, MacroExtent>> out = new HashMap<>();
    for (var st : tu.getAllPreprocessorStatements()) {
      if (!(st instanceof org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition def)) continue;
      IASTFileLocation l = st.getFileLocation();
      if (l == null) continue;
      String file = CSyntax.key(texts, l.getFileName());
      if (!files.contains(file)) continue;
      out.computeIfAbsent(file, k -> new TreeMap<>())
          .put(l.getNodeOffset(), new MacroExtent(def.getName().toString(), l.getNodeOffset() + l.getNodeLength()));
    }
    return out;
  }

  /**
   * The macros expanded, directly or by another macro, somewhere the syntax tree does not hold
   * what the expansion names: inside a declaration, statement or expression the parser could
   * not read, or an {@code asm} statement.
   */
  private static Set<String> expandedUnseen(IASTTranslationUnit tu) {
    Map<String, TreeMap<Integer, Integer>> blind = new HashMap<>();
    tu.accept(new ASTVisitor() {
      {
        shouldVisitDeclarations = true;
        shouldVisitStatements = true;
        shouldVisitExpressions = true;
        shouldVisitProblems = true;
      }

      private void add(IASTNode n) {
        IASTFileLocation l = n.getFileLocation();
        if (l != null) blind.computeIfAbsent(l.getFileName(), k -> new TreeMap<>())
            .merge(l.getNodeOffset(), l.getNodeOffset() + l.getNodeLength(), Math::max);
      }

      @Override
      public int visit(org.eclipse.cdt.core.dom.ast.IASTProblem p) {
        add(p);
        return PROCESS_CONTINUE;
      }

      @Override
      public int visit(IASTDeclaration d) {
        if (d instanceof IASTProblemDeclaration || d instanceof org.eclipse.cdt.core.dom.ast.IASTASMDeclaration) add(d);
        return PROCESS_CONTINUE;
      }

      @Override
      public int visit(org.eclipse.cdt.core.dom.ast.IASTStatement s) {
        if (s instanceof org.eclipse.cdt.core.dom.ast.IASTProblemStatement) add(s);
        return PROCESS_CONTINUE;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof org.eclipse.cdt.core.dom.ast.IASTProblemExpression) add(e);
        return PROCESS_CONTINUE;
      }
    });
    Set<String> out = new HashSet<>();
    if (blind.isEmpty()) return out;
    for (Map.Entry<String, TreeMap<Integer, Integer>> f : blind.entrySet()) {
      // disjoint extents, so that the one before an offset is the only one that may cover it
      TreeMap<Integer, Integer> merged = new TreeMap<>();
      int start = -1, end = -1;
      for (var x : f.getValue().entrySet()) {
        if (x.getKey() < end) end = Math.max(end, x.getValue());
        else {
          if (start >= 0) merged.put(start, end);
          start = x.getKey();
          end = x.getValue();
        }
      }
      if (start >= 0) merged.put(start, end);
      f.setValue(merged);
    }
    for (IASTPreprocessorMacroExpansion e : tu.getMacroExpansions()) {
      IASTFileLocation l = e.getFileLocation();
      if (l == null) continue;
      TreeMap<Integer, Integer> b = blind.get(l.getFileName());
      var in = b == null ? null : b.floorEntry(l.getNodeOffset());
      if (in == null || l.getNodeOffset() >= in.getValue()) continue;
      out.add(e.getMacroReference().toString());
      for (IASTName n : e.getNestedMacroReferences()) out.add(n.toString());
    }
    return out;
  }

  /**
   * The parameters each static inline function of the unit never names: {@code static inline int
   * iwl_mei_register(void *priv, const struct iwl_mei_ops *ops) { return 0; }} ignores both, and
   * once it is inlined, {@code iwl_mei_register(mvm, &mei_ops)} references no {@code mei_ops}.
   */
  private void unusedParameters(IASTDeclaration[] all) {
    for (IASTDeclaration d : all) {
      if (!(d instanceof IASTFunctionDefinition fd) || !fd.isActive() || fd.getBody() == null) continue;
      IASTDeclSpecifier spec = fd.getDeclSpecifier();
      if (spec.getStorageClass() != IASTDeclSpecifier.sc_static || !spec.isInline()) continue;
      IASTDeclarator dec = fd.getDeclarator();
      while (dec != null && !(dec instanceof IASTStandardFunctionDeclarator)) dec = dec.getNestedDeclarator();
      if (!(dec instanceof IASTStandardFunctionDeclarator f) || f.takesVarArgs()) continue;
      List<String> params = new ArrayList<>();
      for (IASTParameterDeclaration p : f.getParameters())
        params.add(p.getDeclarator() == null ? "" : CSyntax.innermost(p.getDeclarator()).getName().toString());
      Set<String> named = new HashSet<>();
      fd.getBody().accept(new ASTVisitor() {
        {
          shouldVisitNames = true;
          includeInactiveNodes = true;
        }

        @Override
        public int visit(IASTName n) {
          named.add(n.toString());
          return PROCESS_CONTINUE;
        }
      });
      // a body that a macro wrote may name its parameters where the tree does not show them
      if (fromMacro(fd.getBody())) continue;
      Set<Integer> unused = new HashSet<>();
      for (int i = 0; i < params.size(); i++) if (!params.get(i).isEmpty() && !named.contains(params.get(i))) unused.add(i);
      if (!unused.isEmpty()) unusedParameters.put(CSyntax.innermost(fd.getDeclarator()).getName().toString(), unused);
    }
  }

  /**
   * True when {@code id} lies in an argument, free of side effects, that the static inline
   * function called there never names ({@link #unusedParameters}): gcc drops it with the call.
   */
  private boolean ignoredArgument(IASTIdExpression id) {
    if (unusedParameters.isEmpty()) return false;
    for (IASTNode child = id, p = id.getParent(); p != null; child = p, p = p.getParent()) {
      if (p instanceof IASTFunctionCallExpression fc) {
        if (fc.getFunctionNameExpression() == child) return false;
        if (!(fc.getFunctionNameExpression() instanceof IASTIdExpression callee)) return false;
        Set<Integer> unused = unusedParameters.get(callee.getName().toString());
        IASTInitializerClause[] args = fc.getArguments();
        for (int i = 0; i < args.length; i++)
          if (args[i] == child) return unused != null && unused.contains(i) && sideEffectFree(args[i]);
        return false;
      }
      if (p instanceof IASTStatement || p instanceof IASTDeclaration) return false;
    }
    return false;
  }

  /** No call, assignment, increment or decrement in {@code n}. */
  private static boolean sideEffectFree(IASTNode n) {
    boolean[] effect = {false};
    n.accept(new ASTVisitor() {
      {
        shouldVisitExpressions = true;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTFunctionCallExpression
            || (e instanceof IASTBinaryExpression b && b.getOperator() >= IASTBinaryExpression.op_assign
                && b.getOperator() <= IASTBinaryExpression.op_binaryOrAssign)
            || (e instanceof IASTUnaryExpression u && (u.getOperator() == IASTUnaryExpression.op_prefixIncr
                || u.getOperator() == IASTUnaryExpression.op_prefixDecr || u.getOperator() == IASTUnaryExpression.op_postFixIncr
                || u.getOperator() == IASTUnaryExpression.op_postFixDecr))) {
          effect[0] = true;
          return PROCESS_ABORT;
        }
        return PROCESS_CONTINUE;
      }
    });
    return !effect[0];
  }

  /**
   * Whether this use of a name yields its address: {@code &var}, {@code &var.field}, {@code
   * &(var)}, and for an array {@code &arr[i]} or its name as a value ({@code f(arr)}, {@code p =
   * arr}), which decays to its address; not {@code arr[i]} nor {@code sizeof(arr)}.
   */
  private static boolean addressTaken(IASTIdExpression id, boolean array) {
    IASTNode child = id;
    IASTNode p = id.getParent();
    boolean subscripted = false;
    while (true) {
      if (p instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
        // (var)
      } else if (p instanceof IASTFieldReference f && f.getFieldOwner() == child && !f.isPointerDereference()) {
        // var.field lies inside var; ptr->field does not
      } else if (array && p instanceof IASTArraySubscriptExpression a && a.getArrayExpression() == child) {
        subscripted = true;
      } else {
        break;
      }
      child = p;
      p = p.getParent();
    }
    if (p instanceof IASTUnaryExpression u) {
      int op = u.getOperator();
      if (op == IASTUnaryExpression.op_amper) return true;
      if (op == IASTUnaryExpression.op_sizeof || op == IASTUnaryExpression.op_alignOf) return false;
    }
    return array && !subscripted;
  }

  /**
   * Keeps the first use of an undeclared name, preferring an active one outside the arguments
   * of another undeclared name's call; positions are computed only for the use kept.
   */
  private boolean external(String name, IASTIdExpression id, boolean call, boolean active) {
    if (!expandedMacros.isEmpty()) {
      // what the header's definition of DEFINE_SHOW_ATTRIBUTE uses (single_open, THIS_MODULE...) is
      // the macro's business, which the header index resolves; a name passed in the call is the file's
      IASTPreprocessorMacroExpansion e = expandedMacroOf(id);
      if (e != null && !arguments(e).contains(name)) {
        macroUse(e, active);
        return false;
      }
    }
    String key = currentHeaderInline.isEmpty() ? name : name + "\u0000" + currentHeaderInline;
    ExternalUse prev = externalUses.get(key);
    if (prev != null && rank(prev.active(), prev.argumentOf()) == 2) {
      if (call && !prev.call()) externalUses.put(key, withCall(prev));
      return true;
    }
    String argumentOf = argumentOf(id);
    if (RUNTIME_LOOKUP.contains(argumentOf)) return false; // symbol_get(f): looked up at run time, not linked
    if (prev != null && rank(active, argumentOf) <= rank(prev.active(), prev.argumentOf())) {
      if (call && !prev.call()) externalUses.put(key, withCall(prev));
      return true;
    }
    SourcePosition pos = position(id);
    if (pos == null) return false;
    externalUses.put(key, new ExternalUse(name, call || (prev != null && prev.call()), pos, active, argumentOf,
        currentHeaderInline));
    return true;
  }

  /**
   * A call of an undeclared name, once per form (its counts): in a header's static inline
   * function only when the header is the file's own ({@link #texts} has it).
   */
  private void externalCall(String name, IASTIdExpression id, IASTFunctionCallExpression fc, Set<String> locals,
      boolean active) {
    int arguments = fc.getArguments().length;
    // per name and count, a call whose arguments cannot expand is what the rule needs; one that
    // may is kept only until such a call comes (most calls of a form are alike: computed once)
    String form = name + "\u0000" + arguments + "\u0000" + active;
    Boolean seen = callForms.get(form);
    if (Boolean.FALSE.equals(seen)) return;
    boolean mayExpand = argumentsMayExpand(fc, locals);
    if (Boolean.TRUE.equals(seen) && mayExpand) return;
    int written = -1;
    IASTNodeLocation[] locs = fc.getNodeLocations();
    if (locs.length == 1 && locs[0] instanceof IASTFileLocation) written = writtenArguments(fc.getRawSignature());
    SourcePosition pos = position(id);
    if (pos == null) return;
    callForms.put(form, mayExpand);
    externalCalls.put(form + "\u0000" + mayExpand, new ExternalCall(name, arguments, written, mayExpand, pos, active));
  }

  /** Each form of {@link #externalCalls} seen (name, count, active): whether only calls whose arguments may expand were. */
  private final Map<String, Boolean> callForms = new HashMap<>();

  /** True when an argument names something the file does not declare: a kernel macro may expand it to more arguments. */
  private boolean argumentsMayExpand(IASTFunctionCallExpression fc, Set<String> locals) {
    boolean[] found = {false};
    for (IASTInitializerClause a : fc.getArguments()) {
      a.accept(new ASTVisitor() {
        {
          shouldVisitExpressions = true;
        }

        @Override
        public int visit(IASTExpression e) {
          if (e instanceof IASTIdExpression x) {
            String n = x.getName().toString();
            if (!locals.contains(n) && !declared.contains(n)) {
              found[0] = true;
              return PROCESS_ABORT;
            }
          }
          return PROCESS_CONTINUE;
        }
      });
      if (found[0]) return true;
      // a name the parser could not take as an expression (a type, a problem) may be anything
      if (!(a instanceof IASTExpression)) return true;
    }
    return false;
  }

  /**
   * The arguments of a call as the preprocessor counts them in {@code call}
   * ({@code f(a, (b, c))} has 2): commas outside parentheses, string and character literals
   * and comments; {@code f()} has none. -1 when the text is not a call.
   */
  static int writtenArguments(String call) {
    int open = call.indexOf('(');
    if (open < 0) return -1;
    int depth = 0;
    int commas = 0;
    boolean any = false;
    for (int i = open; i < call.length(); i++) {
      char c = call.charAt(i);
      if (c == '"' || c == '\'') {
        for (i++; i < call.length() && call.charAt(i) != c; i++) if (call.charAt(i) == '\\') i++;
        any = true;
      } else if (c == '/' && i + 1 < call.length() && call.charAt(i + 1) == '*') {
        int end = call.indexOf("*/", i + 2);
        if (end < 0) return -1;
        i = end + 1;
      } else if (c == '/' && i + 1 < call.length() && call.charAt(i + 1) == '/') {
        int end = call.indexOf('\n', i);
        if (end < 0) return -1;
        i = end;
      } else if (c == '(') {
        if (depth++ > 0) any = true;
      } else if (c == ')') {
        if (--depth == 0) return any || commas > 0 ? commas + 1 : 0;
        any = true;
      } else if (c == ',' && depth == 1) {
        commas++;
      } else if (!Character.isWhitespace(c) && depth >= 1) {
        any = true;
      }
    }
    return -1;
  }

  /** A call of an expanded kernel macro, as a use of that macro. */
  private void macroUse(IASTPreprocessorMacroExpansion e, boolean active) {
    String name = e.getMacroReference().toString();
    String key = currentHeaderInline.isEmpty() ? name : name + "\u0000" + currentHeaderInline;
    ExternalUse prev = externalUses.get(key);
    if (prev != null && rank(prev.active(), prev.argumentOf()) >= rank(active, "")) {
      if (!prev.call()) externalUses.put(key, withCall(prev));
      return;
    }
    SourcePosition pos = position(e);
    if (pos == null) return;
    externalUses.put(key, new ExternalUse(name, true, pos, active, "", currentHeaderInline));
  }

  private static int rank(boolean active, String argumentOf) {
    return !active ? 0 : argumentOf.isEmpty() ? 2 : 1;
  }

  private static ExternalUse withCall(ExternalUse u) {
    return new ExternalUse(u.name(), true, u.position(), u.active(), u.argumentOf(), u.headerInline());
  }

  /** The innermost call of an undeclared (kernel header) name whose arguments contain {@code n}. */
  private String argumentOf(IASTNode n) {
    for (IASTNode child = n, p = n.getParent(); p != null; child = p, p = p.getParent()) {
      if (p instanceof IASTFunctionCallExpression fc && fc.getFunctionNameExpression() != child
          && fc.getFunctionNameExpression() instanceof IASTIdExpression callee) {
        String c = callee.getName().toString();
        if (!declared.contains(c)) return c;
      }
      if (p instanceof IASTFunctionDefinition || p instanceof IASTTranslationUnit) break;
    }
    return "";
  }

  private String returnType(IASTDeclSpecifier spec, IASTDeclarator dec) {
    int pointers = dec.getPointerOperators().length;
    return typeName(spec) + (pointers > 0 ? " " + "*".repeat(pointers) : "");
  }

  /**
   * The canonical type of a declaration specifier, from the AST (macro-produced declarations
   * have no source text of their own); typedefs kmodlint knows are resolved.
   */
  static String typeName(IASTDeclSpecifier spec) {
    if (spec instanceof IASTSimpleDeclSpecifier s) {
      StringBuilder sb = new StringBuilder();
      if (s.isUnsigned()) sb.append("unsigned ");
      else if (s.isSigned() && s.getType() == IASTSimpleDeclSpecifier.t_char) sb.append("signed ");
      switch (s.getType()) {
        case IASTSimpleDeclSpecifier.t_void -> sb.append("void");
        case IASTSimpleDeclSpecifier.t_char -> sb.append("char");
        case IASTSimpleDeclSpecifier.t_bool -> sb.append("bool");
        case IASTSimpleDeclSpecifier.t_float -> sb.append("float");
        case IASTSimpleDeclSpecifier.t_double -> sb.append(s.isLong() ? "long double" : "double");
        default -> sb.append(s.isShort() ? "short" : s.isLongLong() ? "long long" : s.isLong() ? "long" : "int");
      }
      return sb.toString();
    }
    if (spec instanceof IASTNamedTypeSpecifier n) return CTypes.normalize(n.getName().toString());
    if (spec instanceof IASTElaboratedTypeSpecifier e)
      return (e.getKind() == IASTElaboratedTypeSpecifier.k_struct ? "struct " : e.getKind() == IASTElaboratedTypeSpecifier.k_union
          ? "union " : "enum ") + e.getName();
    if (spec instanceof IASTCompositeTypeSpecifier c) return "struct " + c.getName();
    return CTypes.normalize(spec.getRawSignature());
  }

  /** True when the name was produced by a macro expansion rather than written in the file. */
  private static boolean fromMacro(IASTNode n) {
    for (IASTNodeLocation l : n.getNodeLocations()) if (l instanceof IASTMacroExpansionLocation) return true;
    return false;
  }

  private static List<String> parameterTypes(IASTDeclarator dec) {
    IASTDeclarator d = dec;
    while (d != null && !(d instanceof IASTStandardFunctionDeclarator)) d = d.getNestedDeclarator();
    if (!(d instanceof IASTStandardFunctionDeclarator f)) return List.of();
    List<String> out = new ArrayList<>();
    for (IASTParameterDeclaration p : f.getParameters()) {
      int pointers = p.getDeclarator() == null ? 0 : p.getDeclarator().getPointerOperators().length;
      String t = typeName(p.getDeclSpecifier()) + (pointers > 0 ? " " + "*".repeat(pointers) : "");
      if (t.equals("void") && f.getParameters().length == 1) return List.of();
      out.add(t);
    }
    if (f.takesVarArgs()) out.add("...");
    return out;
  }

  private Optional<SectionUse> sectionIn(String file, int start, int end) {
    TreeMap<Integer, SectionUse> uses = sectionUses.get(file);
    if (uses == null) return Optional.empty();
    var e = uses.ceilingEntry(start);
    return e != null && e.getKey() < end ? Optional.of(e.getValue()) : Optional.empty();
  }

  private Optional<SourcePosition> sectionAt(String file, int start, int end) {
    TreeMap<Integer, SectionUse> uses = sectionUses.get(file);
    if (uses == null) return Optional.empty();
    var e = uses.ceilingEntry(start);
    if (e == null || e.getKey() >= end) return Optional.empty();
    SourceText t = CSyntax.text(texts, file);
    return t == null ? Optional.empty() : Optional.of(t.position(e.getKey(), e.getValue().length()));
  }

  private SourcePosition position(IASTNode node) {
    return CSyntax.position(node, texts);
  }
}
