package dev.kmodlint.kconfig;

import dev.kmodlint.model.KconfigModel;
import dev.kmodlint.model.KconfigModel.And;
import dev.kmodlint.model.KconfigModel.Choice;
import dev.kmodlint.model.KconfigModel.Compare;
import dev.kmodlint.model.KconfigModel.Default;
import dev.kmodlint.model.KconfigModel.Definition;
import dev.kmodlint.model.KconfigModel.Expr;
import dev.kmodlint.model.KconfigModel.Help;
import dev.kmodlint.model.KconfigModel.Not;
import dev.kmodlint.model.KconfigModel.Or;
import dev.kmodlint.model.KconfigModel.Prompt;
import dev.kmodlint.model.KconfigModel.Range;
import dev.kmodlint.model.KconfigModel.Reference;
import dev.kmodlint.model.KconfigModel.ReferenceKind;
import dev.kmodlint.model.KconfigModel.Select;
import dev.kmodlint.model.KconfigModel.SourceReference;
import dev.kmodlint.model.KconfigModel.Sym;
import dev.kmodlint.model.KconfigModel.Type;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SyntaxProblem;
import dev.kmodlint.text.BoundedReader;
import dev.kmodlint.text.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds the {@link KconfigModel} of a set of Kconfig files. Every file is parsed once. A file
 * that another scanned file {@code source}s is read where it is sourced, so its entries inherit
 * the {@code if}/{@code menu} conditions around the {@code source} line, as in kconfig; the
 * other files are read on their own, in path order. Paths of {@code source} are relative to the
 * source tree ({@code $(srctree)}), which is taken to be the nearest directory above the
 * sourcing file where the path exists.
 */
public final class KconfigReader {
  /** Kconfig files are tens of kilobytes, the largest of a kernel tree a few hundred; a larger one is not read. */
  static final long MAX_BYTES = 4L << 20;

  private final Map<Path, KconfigSyntax.Parsed> parsed = new TreeMap<>();
  private final List<SyntaxProblem> problems = new ArrayList<>();
  private final List<Definition> definitions = new ArrayList<>();
  private final List<Choice> choices = new ArrayList<>();
  private final List<Reference> references = new ArrayList<>();
  private final Set<Path> walked = new HashSet<>();
  private final Deque<Path> walking = new ArrayDeque<>();
  /** The names a {@code source} line was looked up as and not found: what the model depends on besides the files. */
  private final Set<Path> namesLookedUp;

  private KconfigReader(Set<Path> namesLookedUp) {
    this.namesLookedUp = namesLookedUp;
  }

  /** Parses the files; one that cannot be read is passed to {@code unreadable}. */
  public static KconfigModel read(List<Path> files, Map<String, Type> kernelSymbols, String kernelRelease,
      List<SourceReference> sourceReferences, Consumer<Path> unreadable) {
    return read(files, kernelSymbols, kernelRelease, sourceReferences, (p, why) -> unreadable.accept(p));
  }

  /**
   * Parses the files; one that cannot be read is passed to {@code unreadable} with why, in
   * words ("permission denied", "is 2.0 GiB, larger than ...", "nested too deeply to parse").
   */
  public static KconfigModel read(List<Path> files, Map<String, Type> kernelSymbols, String kernelRelease,
      List<SourceReference> sourceReferences, BiConsumer<Path, String> unreadable) {
    return read(files, kernelSymbols, kernelRelease, sourceReferences, unreadable, new HashSet<>());
  }

  /**
   * The same, adding to {@code namesLookedUp} the paths whose being there the model depends on
   * besides the files (what a {@code source} line was looked up as): with the files' contents,
   * everything it was made from.
   */
  public static KconfigModel read(List<Path> files, Map<String, Type> kernelSymbols, String kernelRelease,
      List<SourceReference> sourceReferences, BiConsumer<Path, String> unreadable, Set<Path> namesLookedUp) {
    KconfigReader r = new KconfigReader(namesLookedUp);
    // files are parsed on all cores (a whole tree has 1,700 of them), then taken in order
    record Read(Path path, Optional<KconfigSyntax.Parsed> file, String failure) {}
    List<Read> read = files.parallelStream().map(f -> {
      Path p = f.toAbsolutePath().normalize();
      try {
        return new Read(p, Optional.of(KconfigSyntax.parse(p, new String(SourceText.read(p, MAX_BYTES).chars()))), null);
      } catch (IOException e) {
        return new Read(p, Optional.<KconfigSyntax.Parsed>empty(), BoundedReader.reason(e));
      } catch (StackOverflowError e) {
        return new Read(p, Optional.<KconfigSyntax.Parsed>empty(), NESTED_TOO_DEEPLY);
      }
    }).toList();
    for (Read f : read) {
      if (f.file().isEmpty()) {
        unreadable.accept(f.path(), f.failure());
        continue;
      }
      r.parsed.put(f.path(), f.file().get());
      r.problems.addAll(f.file().get().problems());
    }
    Set<Path> sourced = new HashSet<>();
    for (KconfigSyntax.Parsed file : r.parsed.values()) {
      collectSources(file.tree().entries(), file.file(), r, sourced);
    }
    for (Path p : r.parsed.keySet()) if (!sourced.contains(p)) r.walkSafely(p, unreadable);
    for (Path p : r.parsed.keySet()) r.walkSafely(p, unreadable); // files only reachable in a cycle
    return new KconfigModel(r.definitions, r.choices, r.references, r.problems, kernelSymbols, kernelRelease,
        sourceReferences);
  }

  /** The syntax problems of one file, for checking a whole tree without building a model. */
  public static List<SyntaxProblem> syntaxProblems(Path file) throws IOException {
    return KconfigSyntax.parse(file, new String(SourceText.read(file, MAX_BYTES).chars())).problems();
  }

  /** Convenience for tests and single files: no kernel symbols, no C references. */
  public static KconfigModel read(List<Path> files) {
    return read(files, Map.of(), "none", List.of(), p -> { });
  }

  private static void collectSources(KconfigParser.EntriesContext entries, Path file, KconfigReader r, Set<Path> out) {
    if (entries == null) return;
    for (KconfigParser.EntryContext e : entries.entry()) {
      if (e.sourceEntry() != null) r.resolve(file, e.sourceEntry()).ifPresent(out::add);
      else if (e.choiceBlock() != null) collectSources(e.choiceBlock().entries(), file, r, out);
      else if (e.menuBlock() != null) collectSources(e.menuBlock().entries(), file, r, out);
      else if (e.ifBlock() != null) collectSources(e.ifBlock().entries(), file, r, out);
    }
  }

  /** The scanned file a {@code source} line names, if it can be told without evaluating macros. */
  private Optional<Path> resolve(Path from, KconfigParser.SourceEntryContext s) {
    if (s.prompt() == null) return Optional.empty();
    String name = unquote(s.prompt().getText());
    if (name.startsWith("$(srctree)/")) name = name.substring("$(srctree)/".length());
    if (name.contains("$(") || name.isEmpty()) return Optional.empty();
    try {
      if (Path.of(name).isAbsolute()) {
        Path p = Path.of(name).normalize();
        return parsed.containsKey(p) ? Optional.of(p) : Optional.empty();
      }
      for (Path dir = from.getParent(); dir != null; dir = dir.getParent()) {
        Path p = dir.resolve(name).normalize();
        if (parsed.containsKey(p)) return Optional.of(p);
        namesLookedUp.add(p);
        if (Files.isRegularFile(p)) return Optional.empty(); // exists but not scanned
      }
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * What encloses an entry: the conditions of if/menu/choice blocks (and-ed, outermost first),
   * menu titles, the choice. Each level adds to the one around it without copying it, so a file
   * of blocks nested thousands deep costs no more than its length.
   */
  private record Context(Path root, Expr conditions, Menu menus, Optional<ChoiceBuilder> choice) {
    static Context root(Path file) {
      return new Context(file, null, null, Optional.empty());
    }

    Context withCondition(Expr e) {
      return new Context(root, conditions == null ? e : new And(conditions, e), menus, choice);
    }

    Context withMenu(String title) {
      return new Context(root, conditions, new Menu(title, menus), choice);
    }

    Context withChoice(ChoiceBuilder builder) {
      return new Context(root, conditions, menus, Optional.of(builder));
    }

    Optional<Expr> inherited() {
      return Optional.ofNullable(conditions);
    }

    List<String> menuPath() {
      List<String> out = new ArrayList<>();
      for (Menu m = menus; m != null; m = m.outer()) out.add(m.title());
      java.util.Collections.reverse(out);
      return out;
    }
  }

  /** A menu title and the menus around it. */
  private record Menu(String title, Menu outer) {}

  private static final class ChoiceBuilder {
    final List<String> members = new ArrayList<>();
    final SourcePosition position;

    ChoiceBuilder(SourcePosition position) {
      this.position = position;
    }
  }

  private static final String NESTED_TOO_DEEPLY = "nested too deeply to be read (thousands of blocks within each"
      + " other)";

  /** Walks a file read on its own; one nested too deeply for the stack is given up, as an unreadable one. */
  private void walkSafely(Path p, BiConsumer<Path, String> unreadable) {
    try {
      walkFile(p, Context.root(p));
    } catch (StackOverflowError e) {
      walking.clear();
      unreadable.accept(p, NESTED_TOO_DEEPLY);
    }
  }

  private void walkFile(Path p, Context ctx) {
    if (walked.contains(p) || walking.contains(p)) return;
    walked.add(p);
    walking.push(p);
    try {
      KconfigSyntax.Parsed file = parsed.get(p);
      walk(file, file.tree().entries(), ctx);
    } finally {
      walking.pop();
    }
  }

  private void walk(KconfigSyntax.Parsed file, KconfigParser.EntriesContext entries, Context ctx) {
    if (entries == null) return;
    for (KconfigParser.EntryContext e : entries.entry()) {
      if (e.configEntry() != null) {
        config(file, e.configEntry(), ctx);
      } else if (e.choiceBlock() != null) {
        choice(file, e.choiceBlock(), ctx);
      } else if (e.commentEntry() != null) {
        attributes(file, e.commentEntry().attribute()); // for the references only
      } else if (e.menuBlock() != null) {
        KconfigParser.MenuBlockContext m = e.menuBlock();
        Attributes a = attributes(file, m.attribute());
        Context inner = ctx.withMenu(m.prompt() == null ? "" : unquote(m.prompt().getText()));
        if (a.dependsOn.isPresent()) inner = inner.withCondition(a.dependsOn.get());
        walk(file, m.entries(), inner);
      } else if (e.ifBlock() != null) {
        KconfigParser.IfBlockContext i = e.ifBlock();
        Context inner = ctx;
        if (i.expr() != null) {
          Expr cond = expr(file, i.expr(), ReferenceKind.CONDITION);
          if (cond != null) inner = ctx.withCondition(cond);
        }
        walk(file, i.entries(), inner);
      } else if (e.sourceEntry() != null) {
        resolve(file.file(), e.sourceEntry()).ifPresent(target -> walkFile(target, ctx));
      }
    }
  }

  private void config(KconfigSyntax.Parsed file, KconfigParser.ConfigEntryContext c, Context ctx) {
    if (c.WORD() == null || c.WORD().getSymbol().getStartIndex() < 0) return;
    Attributes a = attributes(file, c.attribute());
    String name = c.WORD().getText();
    Type type = a.type;
    ctx.choice().ifPresent(ch -> ch.members.add(name));
    definitions.add(new Definition(name, type, c.MENUCONFIG() != null, file.position(c.WORD().getSymbol()),
        a.prompts, a.defaults, a.dependsOn, ctx.inherited(), a.selects, a.ranges, a.help, ctx.menuPath(),
        ctx.choice().map(ch -> ch.position), ctx.root()));
  }

  private void choice(KconfigSyntax.Parsed file, KconfigParser.ChoiceBlockContext c, Context ctx) {
    Attributes a = attributes(file, c.attribute());
    SourcePosition at = file.position(c.CHOICE().getSymbol());
    ChoiceBuilder builder = new ChoiceBuilder(at);
    Context inner = ctx.withChoice(builder);
    if (a.dependsOn.isPresent()) inner = inner.withCondition(a.dependsOn.get());
    walk(file, c.entries(), inner);
    choices.add(new Choice(Optional.ofNullable(c.WORD()).map(TerminalNode::getText), at, a.type, builder.members,
        a.defaults));
  }

  /** The attributes of one entry, with every symbol they name recorded as a reference. */
  private static final class Attributes {
    Type type = Type.UNKNOWN;
    final List<Prompt> prompts = new ArrayList<>();
    final List<Default> defaults = new ArrayList<>();
    Optional<Expr> dependsOn = Optional.empty();
    final List<Select> selects = new ArrayList<>();
    final List<Range> ranges = new ArrayList<>();
    Optional<Help> help = Optional.empty();
  }

  private Attributes attributes(KconfigSyntax.Parsed file, List<KconfigParser.AttributeContext> list) {
    Attributes a = new Attributes();
    for (KconfigParser.AttributeContext attr : list) {
      if (attr.typeAttribute() != null) {
        KconfigParser.TypeAttributeContext t = attr.typeAttribute();
        if (a.type == Type.UNKNOWN) a.type = type(t.type().getStart().getType());
        if (t.prompt() != null) a.prompts.add(prompt(file, t.prompt(), t.condition()));
      } else if (attr.defTypeAttribute() != null) {
        KconfigParser.DefTypeAttributeContext t = attr.defTypeAttribute();
        if (a.type == Type.UNKNOWN) a.type = t.DEF_BOOL() != null ? Type.BOOL : Type.TRISTATE;
        Expr v = expr(file, t.expr(), ReferenceKind.DEFAULT);
        if (v != null) a.defaults.add(new Default(v, condition(file, t.condition()), file.position(t.getStart())));
      } else if (attr.promptAttribute() != null) {
        KconfigParser.PromptAttributeContext p = attr.promptAttribute();
        if (p.prompt() != null) a.prompts.add(prompt(file, p.prompt(), p.condition()));
      } else if (attr.defaultAttribute() != null) {
        KconfigParser.DefaultAttributeContext d = attr.defaultAttribute();
        Expr v = expr(file, d.expr(), ReferenceKind.DEFAULT);
        if (v != null) a.defaults.add(new Default(v, condition(file, d.condition()), file.position(d.getStart())));
      } else if (attr.dependsAttribute() != null) {
        Expr d = expr(file, attr.dependsAttribute().expr(), ReferenceKind.DEPENDS_ON);
        if (d != null) a.dependsOn = Optional.of(a.dependsOn.isEmpty() ? d : new And(a.dependsOn.get(), d));
      } else if (attr.selectAttribute() != null) {
        KconfigParser.SelectAttributeContext s = attr.selectAttribute();
        if (s.WORD() == null || s.WORD().getSymbol().getStartIndex() < 0) continue;
        boolean imply = s.IMPLY() != null;
        SourcePosition at = file.position(s.WORD().getSymbol());
        references.add(new Reference(s.WORD().getText(), imply ? ReferenceKind.IMPLY : ReferenceKind.SELECT, at));
        a.selects.add(new Select(s.WORD().getText(), imply, condition(file, s.condition()), at));
      } else if (attr.rangeAttribute() != null) {
        KconfigParser.RangeAttributeContext r = attr.rangeAttribute();
        if (r.symbol().size() < 2) continue;
        Sym low = sym(file, r.symbol(0), ReferenceKind.RANGE);
        Sym high = sym(file, r.symbol(1), ReferenceKind.RANGE);
        if (low != null && high != null) {
          a.ranges.add(new Range(low, high, condition(file, r.condition()), file.position(r.getStart())));
        }
      } else if (attr.visibleAttribute() != null) {
        expr(file, attr.visibleAttribute().expr(), ReferenceKind.VISIBLE_IF);
      } else if (attr.helpAttribute() != null) {
        KconfigParser.HelpAttributeContext h = attr.helpAttribute();
        int lines = 0;
        if (h.HELP_TEXT() != null) {
          for (String l : h.HELP_TEXT().getText().split("\n")) if (!l.isBlank()) lines++;
        }
        a.help = Optional.of(new Help(file.position(h.HELP().getSymbol()), lines));
      } else if (attr.optionAttribute() != null) {
        KconfigParser.OptionAttributeContext o = attr.optionAttribute();
        if (o.symbol() != null) sym(file, o.symbol(), ReferenceKind.DEFAULT);
      }
    }
    return a;
  }

  private static Type type(int token) {
    return switch (token) {
      case KconfigLexer.BOOL -> Type.BOOL;
      case KconfigLexer.TRISTATE -> Type.TRISTATE;
      case KconfigLexer.INT -> Type.INT;
      case KconfigLexer.HEX -> Type.HEX;
      case KconfigLexer.STRING_TYPE -> Type.STRING;
      default -> Type.UNKNOWN;
    };
  }

  private Prompt prompt(KconfigSyntax.Parsed file, KconfigParser.PromptContext p, KconfigParser.ConditionContext c) {
    return new Prompt(unquote(p.getText()), file.position(p.getStart()), condition(file, c));
  }

  private Optional<Expr> condition(KconfigSyntax.Parsed file, KconfigParser.ConditionContext c) {
    if (c == null || c.expr() == null) return Optional.empty();
    return Optional.ofNullable(expr(file, c.expr(), ReferenceKind.CONDITION));
  }

  /** The expression, or null where error recovery left it incomplete. */
  private Expr expr(KconfigSyntax.Parsed file, KconfigParser.ExprContext e, ReferenceKind kind) {
    if (e == null || e.exception != null) return null;
    if (e instanceof KconfigParser.ParenExprContext p) return expr(file, p.expr(), kind);
    if (e instanceof KconfigParser.SymbolExprContext s) return sym(file, s.symbol(), kind);
    if (e instanceof KconfigParser.NotExprContext n) {
      Expr x = expr(file, n.expr(), kind);
      return x == null ? null : new Not(x);
    }
    if (e instanceof KconfigParser.CompareExprContext c) {
      if (c.symbol().size() < 2) return null;
      Sym l = sym(file, c.symbol(0), kind);
      Sym r = sym(file, c.symbol(1), kind);
      return l == null || r == null ? null : new Compare(c.op.getText(), l, r);
    }
    if (e instanceof KconfigParser.AndExprContext a) {
      Expr l = expr(file, a.expr(0), kind);
      Expr r = expr(file, a.expr(1), kind);
      return l == null || r == null ? null : new And(l, r);
    }
    if (e instanceof KconfigParser.OrExprContext o) {
      Expr l = expr(file, o.expr(0), kind);
      Expr r = expr(file, o.expr(1), kind);
      return l == null || r == null ? null : new Or(l, r);
    }
    return null;
  }

  private Sym sym(KconfigSyntax.Parsed file, KconfigParser.SymbolContext s, ReferenceKind kind) {
    if (s == null) return null;
    Token t = s.getStart();
    if (t == null || t.getStartIndex() < 0 || t.getTokenIndex() < 0) return null;
    boolean quoted = t.getType() == KconfigLexer.STRING;
    Sym sym = new Sym(quoted ? unquote(t.getText()) : t.getText(), quoted, file.position(t));
    if (!sym.constant()) references.add(new Reference(sym.name(), kind, sym.position()));
    return sym;
  }

  static String unquote(String s) {
    if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
      return s.substring(1, s.length() - 1).replaceAll("\\\\(.)", "$1");
    }
    return s;
  }
}
