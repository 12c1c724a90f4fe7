package dev.kmodlint.c;

import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModInfo;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.text.SourceText;
import dev.kmodlint.text.Spdx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTInitializer;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorIncludeStatement;
import org.eclipse.cdt.core.dom.ast.IASTProblemDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.model.ILanguage;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.util.CharArrayUtils;

/**
 * The C front-end: parses one file with CDT's GCC parser, no kernel headers, the kmodlint
 * prelude standing in for them, and extracts the facts the model needs. A
 * {@link PreprocessorContext} adds what the real build's preprocessor knows (flags, target
 * kernel version and configuration, kernel header macros). The only class family in kmodlint
 * that sees CDT types.
 */
public final class CFrontEnd {
  private static final String PREFIX = "__kmodlint_";
  private static final Pattern RECOVERABLE = Pattern.compile(
      "\\bMODULE_(LICENSE|DESCRIPTION|AUTHOR|VERSION)\\s*\\(\\s*(\"(?:[^\"\\\\\\n]|\\\\.)*\")\\s*\\)"
      + "|\\bmodule_(init|exit)\\s*\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\)");
  private static final Pattern OTHER_VERSION = Pattern.compile("\\bMODULE_VERSION\\s*\\(");
  private static final String PRELUDE = loadPrelude();
  /** Names the prelude defines: they win over any kernel header's definition. */
  private static final Set<String> PRELUDE_MACROS = macroNames(PRELUDE);

  private final Path scanRoot;
  /** The local headers, read once for all the parses of this front-end (a run's). */
  private final HeaderTexts headers = new HeaderTexts();

  public CFrontEnd(Path scanRoot) {
    this.scanRoot = scanRoot.toAbsolutePath().normalize();
  }

  /**
   * Result of one file: its facts and what the front-end has to say about it. The facts
   * depend on the file, on the local {@code headersRead} (forced includes and headers found
   * through {@code -I} included), on the absence of the {@code absentIncludes} (an include that
   * is created later resolves) and on the {@link PreprocessorContext#fingerprint()} it was
   * parsed with: a cache of the facts is valid while these are unchanged.
   */
  public record Parsed(SourceFile file, List<Notification> notifications, int unresolvedIncludes,
      List<Path> headersRead, List<Path> absentIncludes) {
    public Parsed {
      notifications = List.copyOf(notifications);
      headersRead = List.copyOf(headersRead);
      absentIncludes = List.copyOf(absentIncludes);
    }
  }

  public Parsed parse(Path file, SourceFile.Kind kind) throws IOException {
    return parse(file, kind, PreprocessorContext.NONE);
  }

  /** Parses {@code file} as the build would preprocess it in {@code context}. */
  public Parsed parse(Path file, SourceFile.Kind kind, PreprocessorContext context) throws IOException {
    Path path = file.toAbsolutePath().normalize();
    return parse(path, kind, SourceText.read(path), context);
  }

  /** Parses {@code text}, the content of {@code file} already read by the caller. */
  public Parsed parse(Path file, SourceFile.Kind kind, SourceText text) {
    return parse(file, kind, text, PreprocessorContext.NONE);
  }

  /**
   * Parses {@code text}, the content of {@code file} already read by the caller, as the build
   * would preprocess it in {@code context} ({@link PreprocessorContext#NONE}: the file alone).
   */
  public Parsed parse(Path file, SourceFile.Kind kind, SourceText text, PreprocessorContext context) {
    return parse(file, kind, text, context, new ParseCancellation());
  }

  /** The same, stopped early (a {@link org.eclipse.cdt.core.parser.ParseError} is thrown) when {@code cancellation} is cancelled. */
  public Parsed parse(Path file, SourceFile.Kind kind, SourceText text, PreprocessorContext context,
      ParseCancellation cancellation) {
    Path path = file.toAbsolutePath().normalize();
    Optional<dev.kmodlint.model.SpdxTag> spdx = Spdx.find(text);
    if (text.binary()) {
      return new Parsed(SourceFile.unparsed(path, kind, spdx),
          List.of(Notification.at("binary-file", Level.WARNING,
              "not analyzed: " + path.getFileName() + " looks binary (NUL bytes)",
              SourcePosition.startOf(path))), 0, List.of(), List.of());
    }
    Unit unit = unit(path, text, context, cancellation, true);
    List<Notification> notes = new ArrayList<>();
    Optional<SourcePosition> runaway = runawayMacroCall(unit.tu(), text, path);
    if (runaway.isPresent()) {
      // CDT expands macros in the branches it reads for their facts, and collects the
      // arguments of a call that does not close there past the branch's end: the rest of the
      // file would be lost. Read as gcc reads it, without those branches.
      unit = unit(path, text, context, cancellation, false);
      notes.add(Notification.at("inactive-code-not-read", Level.NOTE, "a macro call in code the preprocessor"
          + " leaves out does not close before its branch ends: " + path.getFileName() + " is read without its"
          + " inactive branches (the facts of those are not known)", runaway.get()));
    }
    IASTTranslationUnit tu = unit.tu();
    Map<String, SourceText> texts = unit.texts();
    ModuleFileContentProvider provider = unit.provider();
    ContextPreprocessor session = unit.session();
    List<Path> absentForced = unit.absentForced();
    provider.absent().addAll(absentForced);
    Extractor x = new Extractor(texts);
    x.translationUnit(tu);
    CodeExtractor code = new CodeExtractor(tu, texts, provider.headersRead(),
        session == null ? Set.of() : session.expandedMacros());
    code.translationUnit(tu);
    int unresolved = 0;
    Set<Path> includes = new LinkedHashSet<>();
    for (IASTPreprocessorIncludeStatement inc : tu.getIncludeDirectives()) {
      if (inc.isResolved()) {
        String p = inc.getPath();
        if (!ModuleFileContentProvider.isSynthetic(p)) includes.add(Path.of(p));
      } else if (inc.isActive()) {
        unresolved++;
      } else if (!inc.isSystemInclude()) {
        // an #include "x.c" in a branch that is off (KUnit tests: #ifdef CONFIG_..._KUNIT_TEST)
        // still makes x.c part of this file, not a module of its own
        Path local = path.getParent().resolve(inc.getName().toString()).normalize();
        if (local.startsWith(scanRoot)) {
          if (java.nio.file.Files.isRegularFile(local)) includes.add(local);
          else provider.absent().add(local);
        }
      }
    }
    SourceFile sf = new SourceFile(path, kind, true, spdx, x.modInfo, x.entries, List.copyOf(includes),
        code.code());
    List<Path> headersRead = new ArrayList<>();
    for (String p : texts.keySet()) if (!p.equals(path.toString())) headersRead.add(Path.of(p));
    headersRead.addAll(includes);
    // a header __has_include found is what the facts depend on as much as one included
    headersRead.addAll(unit.search().found());
    notes.addAll(0, unit.search().notifications());
    notes.addAll(code.notes());
    return new Parsed(sf, notes, unresolved, headersRead.stream().distinct().sorted().toList(),
        provider.absent().stream().sorted().toList());
  }

  /** One parse of a file: its tree and what read it. */
  private record Unit(IASTTranslationUnit tu, Map<String, SourceText> texts, ModuleFileContentProvider provider,
      ContextPreprocessor session, List<Path> absentForced, HeaderSearch search) {}

  /** Parses {@code text} in {@code context}; {@code inactiveCode}: with the branches the preprocessor leaves out. */
  private Unit unit(Path path, SourceText text, PreprocessorContext context, ParseCancellation cancellation,
      boolean inactiveCode) {
    Map<String, SourceText> texts = new HashMap<>();
    texts.put(path.toString(), text);
    ModuleFileContentProvider provider;
    ExtendedScannerInfo info;
    ContextPreprocessor session = null;
    List<Path> absentForced = new ArrayList<>();
    String[] localDir = {path.getParent().toString()};
    Path dir = path.getParent();
    List<Path> treeIncludeDirs = ContextPreprocessor.includeDirs(context.flags(), scanRoot, dir);
    if (context.isNone()) {
      provider = new ModuleFileContentProvider(scanRoot, PRELUDE, texts, headers);
      info = new ExtendedScannerInfo(Map.of(), new String[0], new String[] {ModuleFileContentProvider.PRELUDE_PATH},
          null, localDir);
    } else {
      session = new ContextPreprocessor(context, PRELUDE_MACROS, text.chars());
      provider = new ModuleFileContentProvider(scanRoot, PRELUDE, texts, headers, session.syntheticFiles(), session);
      String[] includeDirs = treeIncludeDirs.stream().map(Path::toString).toArray(String[]::new);
      List<Path> forced = ContextPreprocessor.existing(context.flags().forcedIncludes(), scanRoot, dir);
      List<Path> imacros = ContextPreprocessor.existing(context.flags().macroIncludes(), scanRoot, dir);
      for (Path f : concat(context.flags().forcedIncludes(), context.flags().macroIncludes())) {
        Path p = dir.resolve(f).normalize();
        if (p.startsWith(scanRoot) && !forced.contains(p) && !imacros.contains(p)) absentForced.add(p);
      }
      info = new ExtendedScannerInfo(Map.of(), includeDirs,
          session.macroFiles(ModuleFileContentProvider.PRELUDE_PATH, imacros),
          forced.isEmpty() ? null : forced.stream().map(Path::toString).toArray(String[]::new), localDir);
    }
    List<Path> outsideDirs = new ArrayList<>();
    for (Path d : context.flags().includeDirs()) {
      Path p = dir.resolve(d).normalize();
      if (!p.startsWith(scanRoot) && !outsideDirs.contains(p)) outsideDirs.add(p);
    }
    HeaderSearch search = new HeaderSearch(scanRoot, treeIncludeDirs, outsideDirs, context.headers(), provider.absent());
    provider.search(search);
    char[] chars = search.rewrite(path, text);
    IASTTranslationUnit tu;
    try {
      GCCLanguage language = session == null ? GCCLanguage.getDefault() : new ContextLanguage(session);
      tu = language.getASTTranslationUnit(
          FileContent.create(path.toString(), chars), info, provider, null,
          inactiveCode ? ILanguage.OPTION_PARSE_INACTIVE_CODE : 0, cancellation.log());
    } catch (org.eclipse.core.runtime.CoreException e) {
      throw new UncheckedIOException(new IOException("CDT could not parse " + path + ": " + e.getMessage(), e));
    }
    if (tu == null) throw new IllegalStateException("CDT gave up on " + path.getFileName() + " (too many tokens)");
    return new Unit(tu, texts, provider, session, absentForced, search);
  }

  /**
   * Where a macro call of the main file runs over a conditional directive (its extent holds
   * one): {@code #if 0 ... x = RREG32(OFF(a, b); ... #endif}, which gcc never expands.
   */
  private static Optional<SourcePosition> runawayMacroCall(IASTTranslationUnit tu, SourceText text, Path path) {
    java.util.TreeSet<Integer> directives = new java.util.TreeSet<>();
    for (var st : tu.getAllPreprocessorStatements()) {
      IASTFileLocation l = st.getFileLocation();
      if (l != null && l.getFileName().equals(path.toString())
          && (st instanceof org.eclipse.cdt.core.dom.ast.IASTPreprocessorEndifStatement
              || st instanceof org.eclipse.cdt.core.dom.ast.IASTPreprocessorElseStatement
              || st instanceof org.eclipse.cdt.core.dom.ast.IASTPreprocessorElifStatement))
        directives.add(l.getNodeOffset());
    }
    if (directives.isEmpty()) return Optional.empty();
    for (var e : tu.getMacroExpansions()) {
      IASTFileLocation l = e.getFileLocation();
      if (l == null || !l.getFileName().equals(path.toString())) continue;
      Integer d = directives.ceiling(l.getNodeOffset());
      if (d != null && d < l.getNodeOffset() + l.getNodeLength())
        return Optional.of(text.position(l.getNodeOffset(), e.getMacroReference().toString().length()));
    }
    return Optional.empty();
  }

  /** Walks file-scope declarations for the names the prelude's macros produce. */
  private static final class Extractor {
    final Map<String, SourceText> texts;
    final List<ModInfo> modInfo = new ArrayList<>();
    final List<EntryPoint> entries = new ArrayList<>();
    /**
     * Object-like and function-like macros of the unit by name, their expansion text: made when
     * a {@code __stringify} first needs them (the expansions of every unit's macros were a
     * twentieth of a cold run).
     */
    private Map<String, String> macros;
    private IASTTranslationUnit tu;

    Extractor(Map<String, SourceText> texts) {
      this.texts = texts;
    }

    /**
     * Every declarator the prelude's macros produced, wherever it ended up: at file scope
     * normally, inside a struct or function when broken code before it swallowed it.
     */
    void translationUnit(IASTTranslationUnit tu) {
      this.tu = tu;
      tu.accept(new ASTVisitor() {
        {
          shouldVisitDeclarations = true;
          shouldVisitDeclarators = true;
          includeInactiveNodes = true;
        }

        @Override
        public int visit(IASTDeclaration d) {
          if (d instanceof IASTProblemDeclaration) recover(d);
          return PROCESS_CONTINUE;
        }

        @Override
        public int visit(IASTDeclarator dec) {
          if (dec.getParent() instanceof IASTSimpleDeclaration sd) declarator(sd, dec);
          return PROCESS_CONTINUE;
        }
      });
    }

    private void declarator(IASTSimpleDeclaration d, IASTDeclarator dec) {
      // every declarator of the unit comes here, few of them the prelude's: no string for the others
      if (!CharArrayUtils.startsWith(CSyntax.innermost(dec).getName().toCharArray(), PREFIX)) return;
      String name = CSyntax.innermost(dec).getName().toString();
      SourcePosition pos = position(d);
      if (pos == null) return;
      boolean active = d.isActive();
      IASTInitializerClause init = initializer(dec);
      String rest = name.substring(PREFIX.length());
      if (rest.startsWith("modinfo__")) {
        String tag = rest.substring("modinfo__".length());
        String text = lastMacroArgument(d.getRawSignature());
        String value = stringValue(init);
        // __stringify(NAME) of a name that is no macro here gives "NAME": the build may know the
        // macro (a generated header, a kernel header, a flag kmodlint could not read)
        if (value != null && !stringifiesOnlyMacros(text)) value = null;
        // #_ns of a 6.13+ string namespace keeps its quotes
        if (tag.equals("import_ns") && value != null && value.length() >= 2 && value.startsWith("\"")
            && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
        modInfo.add(new ModInfo(tag, value, text, pos, active));
      } else if (rest.equals("init") || rest.equals("exit") || rest.equals("initcall")) {
        entries.add(EntryPoint.ofMacro(rest, idName(init), pos, active));
      } else if (rest.startsWith("driver__")) {
        entries.add(EntryPoint.ofMacro(rest.substring("driver__".length()), idName(init), pos, active));
      }
    }

    /**
     * A declaration CDT could not parse (broken code, or a kernel macro it cannot know) may
     * still hold module macros: they are read from its text, so one syntax error does not
     * make a module lose its license. Only literal-string forms are taken.
     */
    private void recover(IASTDeclaration pd) {
      IASTFileLocation loc = pd.getFileLocation();
      if (loc == null) return;
      SourceText t = CSyntax.text(texts, loc.getFileName());
      if (t == null) return;
      String raw = new String(t.chars(), loc.getNodeOffset(), loc.getNodeLength());
      // both patterns need one of these words: most problem declarations (code CDT could not
      // take, some of them thousands of lines long) have neither, and the regular expressions
      // tried at every offset of them were a twentieth of a cold run of fs/
      if (!raw.contains("MODULE_") && !raw.contains("module_")) return;
      Matcher m = RECOVERABLE.matcher(raw);
      while (m.find()) {
        SourcePosition pos = t.position(loc.getNodeOffset() + m.start(), m.end() - m.start());
        if (m.group(1) != null) {
          String tag = m.group(1).toLowerCase(java.util.Locale.ROOT);
          modInfo.add(new ModInfo(tag, CStrings.decode(m.group(2)), m.group(2), pos, pd.isActive()));
        } else {
          entries.add(EntryPoint.ofMacro(m.group(3), m.group(4), pos, pd.isActive()));
        }
      }
      // a version given otherwise (a macro of an unread header between literals): present, but
      // not a value kmodlint knows, so that dkms/version-mismatch says it could not compare
      Matcher v = OTHER_VERSION.matcher(raw);
      while (v.find()) {
        int end = raw.indexOf('\n', v.end());
        String rest = raw.substring(v.start(), end < 0 ? raw.length() : end);
        if (RECOVERABLE.matcher(rest).lookingAt()) continue;
        SourcePosition pos = t.position(loc.getNodeOffset() + v.start(), rest.strip().length());
        modInfo.add(new ModInfo("version", null, lastMacroArgument(rest), pos, pd.isActive()));
      }
    }

    /**
     * True when every identifier in the {@code __stringify(...)} calls of {@code text} is a macro
     * of this translation unit (its own {@code #define}s, its local headers', the build's
     * {@code -D}) whose expansion, followed through further macros, names nothing else.
     */
    private boolean stringifiesOnlyMacros(String text) {
      int at = text.indexOf("__stringify");
      if (at < 0) return true;
      List<String> tokens = MacroDefinition.tokenize(text);
      for (int i = 0; i < tokens.size(); i++) {
        if (!tokens.get(i).equals("__stringify")) continue;
        int j = i + 1;
        while (j < tokens.size() && tokens.get(j).isBlank()) j++;
        if (j >= tokens.size() || !tokens.get(j).equals("(")) return false;
        int depth = 0;
        for (; j < tokens.size(); j++) {
          String t = tokens.get(j);
          if (t.equals("(")) depth++;
          else if (t.equals(")") && --depth == 0) break;
          else if (MacroDefinition.isIdentifier(t) && !expandsToKnown(t, new java.util.HashSet<>())) return false;
        }
      }
      return true;
    }

    private Map<String, String> macros() {
      if (macros == null) {
        macros = new HashMap<>();
        for (var def : tu.getBuiltinMacroDefinitions()) macros.put(def.getName().toString(), def.getExpansion());
        for (var def : tu.getMacroDefinitions()) if (def.isActive()) macros.put(def.getName().toString(), def.getExpansion());
      }
      return macros;
    }

    private boolean expandsToKnown(String name, Set<String> seen) {
      String expansion = macros().get(name);
      if (expansion == null || !seen.add(name)) return false;
      for (String t : MacroDefinition.tokenize(expansion))
        if (MacroDefinition.isIdentifier(t) && !expandsToKnown(t, seen)) return false;
      return true;
    }

    /** {@code MODULE_INFO(license, "GPL")} -> {@code "GPL"}: the argument as the user wrote it. */
    static String lastMacroArgument(String call) {
      List<int[]> args = MacroArguments.split(call);
      if (args.isEmpty()) return call.strip();
      int[] last = args.get(args.size() - 1);
      return call.substring(last[0], last[1]);
    }

    private static IASTInitializerClause initializer(IASTDeclarator dec) {
      IASTInitializer i = dec.getInitializer();
      return i instanceof IASTEqualsInitializer eq ? eq.getInitializerClause() : null;
    }

    /** Name of the function or object an initializer designates: {@code fn}, {@code &(drv)}. */
    private static String idName(IASTInitializerClause c) {
      IASTNode n = c;
      while (n instanceof IASTUnaryExpression u) n = u.getOperand();
      if (n instanceof IASTIdExpression id) return id.getName().toString();
      return c == null ? "" : c.getRawSignature();
    }

    private static String stringValue(IASTInitializerClause c) {
      IASTNode n = c;
      while (n instanceof IASTUnaryExpression u
          && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) n = u.getOperand();
      if (n instanceof IASTLiteralExpression lit
          && lit.getKind() == IASTLiteralExpression.lk_string_literal) {
        return CStrings.decode(String.valueOf(lit.getValue()));
      }
      return null;
    }

    /** Where the node stands in the file: for a macro-produced node, the macro call. */
    private SourcePosition position(IASTNode node) {
      return CSyntax.position(node, texts);
    }
  }

  /**
   * The prelude's macros, each as its {@code #define} line, by name: what stands in for the
   * kernel headers' module macros ({@code EXPORT_SYMBOL}, {@code module_platform_driver}...),
   * for a caller that reasons about what a file's text can expand to without parsing it.
   */
  public static Map<String, String> preludeMacros() {
    Map<String, String> out = new HashMap<>();
    Matcher m = Pattern.compile("(?m)^[ \\t]*#[ \\t]*define[ \\t]+([A-Za-z_]\\w*).*$").matcher(PRELUDE);
    while (m.find()) out.put(m.group(1), m.group());
    return Map.copyOf(out);
  }

  private static Set<String> macroNames(String text) {
    Set<String> out = new java.util.HashSet<>();
    Matcher m = Pattern.compile("(?m)^[ \\t]*#[ \\t]*define[ \\t]+([A-Za-z_]\\w*)").matcher(text);
    while (m.find()) out.add(m.group(1));
    return Set.copyOf(out);
  }

  /**
   * What the front-end has to say about {@code context} itself, once per distinct context (the
   * messages carry no position, so a run can deduplicate them): no target kernel, no known
   * configuration, {@code -I} and {@code -include} paths outside the scanned tree, which are
   * ignored because only the tree's own files are ever read.
   */
  public List<Notification> notifications(PreprocessorContext context) {
    List<Notification> out = new ArrayList<>();
    if (context.kernel().isEmpty())
      out.add(Notification.of("no-target-kernel", Level.NOTE, "no target kernel: LINUX_VERSION_CODE and CONFIG_ "
          + "conditionals are not evaluated, both branches of each are read"));
    else if (context.kernel().get().config().isEmpty())
      out.add(Notification.of("no-kernel-config", Level.NOTE, "no .config for " + context.kernel().get().release()
          + ": CONFIG_ conditionals are not evaluated, both branches of each are read"));
    for (Path d : context.flags().includeDirs())
      if (d.isAbsolute() && !d.normalize().startsWith(scanRoot))
        out.add(Notification.of("include-outside-tree", Level.NOTE,
            "-I" + d + " is outside the scanned tree: ignored, only the tree's own headers are read"));
    for (Path f : context.flags().forcedIncludes())
      if (f.isAbsolute() && !f.normalize().startsWith(scanRoot))
        out.add(Notification.of("include-outside-tree", Level.NOTE,
            "-include " + f + " is outside the scanned tree: ignored, only the tree's own files are read"));
    for (Path f : context.flags().macroIncludes())
      if (f.isAbsolute() && !f.normalize().startsWith(scanRoot))
        out.add(Notification.of("include-outside-tree", Level.NOTE,
            "-imacros " + f + " is outside the scanned tree: ignored, only the tree's own files are read"));
    return out;
  }

  private static List<Path> concat(List<Path> a, List<Path> b) {
    List<Path> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** CDT's GCC C language, handing its preprocessor to the context before anything is read. */
  private static final class ContextLanguage extends GCCLanguage {
    private final ContextPreprocessor session;

    ContextLanguage(ContextPreprocessor session) {
      this.session = session;
    }

    @Override
    protected org.eclipse.cdt.core.parser.IScanner createScanner(FileContent content,
        org.eclipse.cdt.core.parser.IScannerInfo info, org.eclipse.cdt.core.parser.IncludeFileContentProvider provider,
        org.eclipse.cdt.core.parser.IParserLogService log) {
      org.eclipse.cdt.core.parser.IScanner scanner = super.createScanner(content, info, provider, log);
      if (scanner instanceof org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor p) session.attach(p);
      return scanner;
    }
  }

  private static String loadPrelude() {
    try (InputStream in = CFrontEnd.class.getResourceAsStream("/dev/kmodlint/c/kernel-prelude.h")) {
      if (in == null) throw new IllegalStateException("kernel-prelude.h missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
