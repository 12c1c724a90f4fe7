package dev.kmodlint.kbuild;

import dev.kmodlint.kbuild.KbuildModule.Linkage;
import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.text.BoundedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.IterativeParseTreeWalker;
import org.antlr.v4.runtime.tree.ParseTreeListener;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Reads what the Kbuild file of one directory builds: {@code Kbuild} if present, else
 * {@code Makefile}, {@code GNUmakefile} or {@code makefile}.
 *
 * <p>The file is evaluated statically as a union: every branch of every conditional is taken,
 * so the out-of-tree wrapper {@code ifneq ($(KERNELRELEASE),) obj-m := foo.o else ... endif}
 * yields module foo whatever the environment. Variables assigned in the file and in the files
 * it includes are expanded; CONFIG symbols never are: {@code obj-$(CONFIG_X)} is a module gated
 * by CONFIG_X. Object lists are expanded with the variables as they stand at the end of the
 * file, which is when Kbuild reads them.
 *
 * <p>A module is named by its {@code .o} entry without the suffix, including any relative
 * directory ({@code obj-m += sub/foo.o} is {@code sub/foo}, whose composite is
 * {@code sub/foo-y}). When any composite variable ({@code foo-y}, {@code foo-objs},
 * {@code foo-m}, {@code foo-$(CONFIG_X)}) is assigned, the module's objects are the
 * {@code .o} words of all of them, possibly none if only unknown words are listed; otherwise
 * the module is its own single object {@code foo.o}.
 */
public final class KbuildReader {
  /** A Makefile that exists but cannot be read (I/O error, too large). */
  public static final String READ_ERROR = "read-failure";
  /** An object list kmodlint could not evaluate: the modules it names are not analyzed. */
  public static final String UNEVALUATED = "kbuild-unevaluated";
  /** The expansion budget ran out, or an expansion was cut at its word limit. */
  public static final String EXPANSION_LIMIT = "kbuild-expansion-limit";
  /** A syntax problem; the rest of the file is still used. */
  public static final String PARSE_ERROR = MakefileSyntax.PARSE_ERROR;

  private static final List<String> MAKEFILE_NAMES = List.of("Kbuild", "Makefile", "GNUmakefile", "makefile");
  /** Kbuild files are a few kilobytes; anything far larger is not one. */
  private static final long MAX_BYTES = 4L << 20;
  /** Includes read per directory, so that a diamond of includes cannot blow up. */
  private static final int MAX_FILES = 64;

  private static final Pattern OBJECT_LIST = Pattern.compile("(obj|lib)-(y|m|(?:\\$\\(CONFIG_\\w+\\))+)");
  private static final Pattern COMPOSITE = Pattern.compile("(.+)-(?:y|m|objs|(?:\\$\\(CONFIG_\\w+\\))+)");
  private static final Pattern CONFIG_FUNCTION_LIST = Pattern.compile("(obj|lib)-(\\$\\(\\w+ .*\\))");
  /** Lists of files Kbuild makes or cleans, which name generated sources. */
  private static final Set<String> GENERATED_LISTS = Set.of("targets", "clean-files", "extra-y", "always-y",
      "always", "extra-m", "hostprogs", "hostprogs-y", "userprogs", "always-m");
  private static final Pattern CONFIG_NAME = Pattern.compile("(?<![A-Za-z0-9_])CONFIG_([A-Za-z0-9_]+)");
  private static final Pattern NOT_FILE_NAME_OR_PATTERN = Pattern.compile("[^A-Za-z0-9_.+/%-]+");
  private static final Pattern NOT_FILE_NAME = Pattern.compile("[^A-Za-z0-9_.+/-]+");
  private static final Pattern CONFIG_REFERENCE = Pattern.compile("\\$\\((CONFIG_\\w+)\\)");
  /** Variables Kbuild sets to the module directory, for {@code include $(src)/common.mk}. */
  private static final List<String> DIRECTORY_VARIABLES = List.of("src", "obj", "M", "PWD", "CURDIR");

  /** The syntax problems of one Makefile on its own (includes not followed). */
  public static List<Notification> syntaxProblems(Path makefile) throws IOException {
    Path p = makefile.toAbsolutePath().normalize();
    return MakefileSyntax.parse(p, Evaluation.decode(BoundedReader.read(p, MAX_BYTES))).notifications();
  }

  public KbuildDirectory read(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    Optional<Path> makefile = MAKEFILE_NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    if (makefile.isEmpty()) return new KbuildDirectory(dir, Optional.empty(), List.of(), List.of());
    Evaluation evaluation = new Evaluation(dir);
    List<KbuildModule> modules;
    List<KbuildModel.Composite> composites;
    try {
      evaluation.readFile(makefile.get(), false);
      modules = evaluation.modules();
      composites = evaluation.compositeList();
    } catch (StackOverflowError e) {
      // nested thousands deep (conditionals, references): what was read so far is dropped
      return new KbuildDirectory(dir, makefile, List.of(), List.of(Notification.at("parse-failure", Level.WARNING,
          makefile.get().getFileName() + " is nested too deeply to be read (thousands of conditionals or"
          + " references within each other); the modules it builds are not analyzed",
          SourcePosition.startOf(makefile.get()))), List.of(), List.of(), List.of(), List.of(), Set.of(), true);
    }
    evaluation.limits(makefile.get());
    return new KbuildDirectory(dir, makefile, modules, evaluation.notifications, evaluation.entries,
        composites, evaluation.assignments, evaluation.configUses, evaluation.mentioned, evaluation.opaque);
  }

  /** An {@code obj-*} or {@code lib-*} assignment, kept until all variables are known. */
  private record ObjectList(Linkage linkage, boolean library, Set<String> gatingConfigs, List<Word> words) {}

  /** One assignment to a composite variable, kept until all variables are known. */
  private record CompositeAssignment(String module, String variable, SourcePosition at, List<Word> words) {}

  private record Declaration(String name, Linkage linkage, SourcePosition at, Set<String> gatingConfigs) {}

  /** The state of reading one directory's Kbuild file and what it includes. */
  private static final class Evaluation {
    private final Path dir;
    private final Map<String, String> directoryVariables = new LinkedHashMap<>();
    private final MakeVariables variables = new MakeVariables();
    private final List<ObjectList> objectLists = new ArrayList<>();
    private final Map<String, List<Word>> composites = new LinkedHashMap<>();
    private final List<Notification> notifications = new ArrayList<>();
    private final Deque<Path> including = new ArrayDeque<>();
    private final List<CompositeAssignment> compositeAssignments = new ArrayList<>();
    private final List<KbuildModel.Entry> entries = new ArrayList<>();
    private final List<KbuildModel.Assignment> assignments = new ArrayList<>();
    private final List<KbuildModel.ConfigUse> configUses = new ArrayList<>();
    private final Set<String> mentioned = new HashSet<>();
    private boolean opaque;
    /** Base names a rule of the file makes, or that it lists in targets or clean-files. */
    private final Set<String> generatedStems = new HashSet<>();
    private final List<Pattern> generatedPatterns = new ArrayList<>();
    private final Map<Path, Set<String>> stemsByDirectory = new HashMap<>();
    private int filesRead;

    Evaluation(Path dir) {
      this.dir = dir;
      for (String v : DIRECTORY_VARIABLES) directoryVariables.put(v, dir.toString());
    }

    void readFile(Path file, boolean conditional) {
      Path path = file.toAbsolutePath().normalize();
      if (including.contains(path) || filesRead >= MAX_FILES) return;
      filesRead++;
      String text;
      try {
        text = decode(BoundedReader.read(path, MAX_BYTES));
      } catch (BoundedReader.ReadFailure e) {
        notifications.add(Notification.at(READ_ERROR, Level.WARNING, "cannot read " + path + " as a Kbuild file: "
            + e.reason(), SourcePosition.startOf(path)));
        return;
      }
      including.push(path);
      try {
        MakefileSyntax.Parsed parsed = MakefileSyntax.parse(path, text);
        notifications.addAll(parsed.notifications());
        scanWords(parsed);
        for (KbuildParser.BlockContext block : parsed.tree().block()) walk(parsed, block, conditional);
      } finally {
        including.pop();
      }
    }

    /** Bytes that are not UTF-8 become U+FFFD; columns count the characters that result. */
    static String decode(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      // A byte-order mark would stick to the first word; a space keeps the columns.
      return text.startsWith("\uFEFF") ? " " + text.substring(1) : text;
    }

    private void walk(MakefileSyntax.Parsed file, KbuildParser.BlockContext block, boolean conditional) {
      for (KbuildParser.LineContext line : block.line()) {
        if (line.conditional() != null) {
          KbuildParser.ConditionalContext c = line.conditional();
          if (c.block() != null) walk(file, c.block(), true);
          for (KbuildParser.ElseBranchContext e : c.elseBranch()) {
            if (e.block() != null) walk(file, e.block(), true);
          }
        } else if (line.defineBlock() != null) {
          List<TerminalNode> name = line.defineBlock().WORD();
          if (!name.isEmpty()) {
            for (String n : variables.expandName(join(file, name))) variables.assignUnknown(n, conditional);
          }
        } else if (line.statement() != null) {
          KbuildParser.StatementContext s = line.statement();
          if (s.ruleLine() != null) ruleTargets(file, s.ruleLine());
          if (s.assignment() != null) assignment(file, s.assignment(), conditional);
          else if (s.includeDirective() != null) include(file, s.includeDirective(), conditional);
        }
      }
    }

    private void assignment(MakefileSyntax.Parsed file, KbuildParser.AssignmentContext a, boolean conditional) {
      if (a.variableName() == null || a.ASSIGN_OP() == null) return;
      String op = a.ASSIGN_OP().getText();
      List<Word> value = a.value() == null ? List.of() : words(file, a.value().VALUE_WORD());
      SourcePosition nameAt = file.position(a.variableName().getStart());
      for (String name : variables.expandName(join(file, a.variableName().WORD()))) {
        variables.assign(name, op, value, conditional);
        assignments.add(new KbuildModel.Assignment(name, nameAt,
            String.join(" ", value.stream().map(Word::text).toList())));
        if (GENERATED_LISTS.contains(name)) for (Word w : value) generatedStems.add(stem(w.text()));
        Matcher list = OBJECT_LIST.matcher(name);
        if (list.matches()) {
          Set<String> configs = configsIn(list.group(2));
          boolean library = list.group(1).equals("lib");
          Linkage linkage = library || list.group(2).equals("y") ? Linkage.BUILTIN
              : configs.isEmpty() ? Linkage.MODULE : Linkage.CONFIGURABLE;
          objectLists.add(new ObjectList(linkage, library, configs, value));
          continue;
        }
        Matcher loose = CONFIG_FUNCTION_LIST.matcher(name);
        if (loose.matches()) {
          // obj-$(subst m,y,$(CONFIG_ZCRYPT)): built in whenever enabled; other functions of
          // CONFIG symbols (if, filter) may give m, so the object stays configurable
          Set<String> configs = configsIn(loose.group(2));
          if (!configs.isEmpty()) {
            Linkage linkage = loose.group(2).startsWith("$(subst m,y,") ? Linkage.BUILTIN : Linkage.CONFIGURABLE;
            objectLists.add(new ObjectList(linkage, loose.group(1).equals("lib"), configs, value));
            continue;
          }
        }
        Matcher composite = COMPOSITE.matcher(name);
        if (composite.matches()) {
          composites.computeIfAbsent(composite.group(1), k -> new ArrayList<>()).addAll(value);
          compositeAssignments.add(new CompositeAssignment(composite.group(1), name, nameAt, value));
        }
      }
    }

    private void include(MakefileSyntax.Parsed file, KbuildParser.IncludeDirectiveContext d, boolean conditional) {
      if (d.value() == null) return;
      for (Word w : words(file, d.value().VALUE_WORD())) {
        for (Word path : variables.expandPath(w, directoryVariables)) {
          String name = path.text();
          if (name.indexOf('$') >= 0 || name.indexOf('*') >= 0 || name.indexOf('?') >= 0) continue;
          try {
            Path target = dir.resolve(name);
            // Missing includes are usually generated files or kernel-tree paths; make would
            // fail on some of them, Kbuild's own includes it never sees here.
            if (Files.isRegularFile(target)) readFile(target, conditional);
          } catch (InvalidPathException e) {
            // Not a file name this system can have, so not a file that exists.
          }
        }
      }
    }

    /** Where the expansion budget ran out or a list was cut, for the notification. */
    private SourcePosition exhaustedAt;
    private SourcePosition truncatedAt;

    List<KbuildModule> modules() {
      Map<String, Declaration> declarations = new LinkedHashMap<>();
      for (ObjectList list : objectLists) {
        boolean before = variables.exhausted();
        MakeVariables.Expansion expansion = variables.expandListChecked(list.words());
        if (!expansion.complete()) opaque = true;
        if (!list.words().isEmpty()) {
          SourcePosition at = list.words().get(0).position();
          if (variables.exhausted() && !before && exhaustedAt == null) exhaustedAt = at;
          if (variables.takeTruncated() && truncatedAt == null) truncatedAt = at;
        }
        if (!expansion.complete() && !variables.exhausted() && list.linkage() != Linkage.BUILTIN && !list.library())
          unevaluated(list);
        for (Word w : expansion.words()) {
          entry(list, w);
          String name = objectBase(w.text());
          if (name != null) declarations.putIfAbsent(name, new Declaration(name, list.linkage(), w.position(), list.gatingConfigs()));
        }
      }
      List<KbuildModule> modules = new ArrayList<>();
      for (Declaration d : declarations.values()) {
        List<KbuildObject> objects = new ArrayList<>();
        List<Word> parts = composites.get(d.name());
        if (parts == null) {
          objects.add(object(d.name() + ".o", d.at()));
        } else {
          Set<String> seen = new LinkedHashSet<>();
          MakeVariables.Expansion expansion = variables.expandListChecked(parts);
          // parts from $(call ...) and the like: which sources are built cannot be concluded
          if (!expansion.complete()) opaque = true;
          for (Word w : expansion.words()) {
            if (objectBase(w.text()) != null && seen.add(w.text())) objects.add(object(w.text(), w.position()));
          }
        }
        modules.add(new KbuildModule(d.name(), d.linkage(), d.at(), objects, d.gatingConfigs()));
      }
      return modules;
    }

    /**
     * Says which words of an obj-m (or obj-$(CONFIG_X)) list could not be evaluated: each may
     * name modules, which are then not analyzed, and their C files are not reported unbuilt.
     */
    private void unevaluated(ObjectList list) {
      for (Word w : list.words()) {
        if (variables.expandListChecked(List.of(w)).complete()) continue;
        Optional<String> why = variables.unevaluated(w, directoryVariables);
        if (why.isEmpty()) continue;
        String text = w.text().length() > 80 ? w.text().substring(0, 77) + "..." : w.text();
        notifications.add(Notification.at(UNEVALUATED, Level.WARNING, "the module list entry '" + text + "' uses "
            + why.get() + ": the modules it names are not analyzed", w.position()));
      }
    }

    /** The notifications of the budgets: expansion stopped, or a list cut at its word limit. */
    void limits(Path makefile) {
      if (variables.exhausted()) {
        notifications.add(Notification.at(EXPANSION_LIMIT, Level.WARNING, "expanding the variables of "
            + makefile.getFileName() + " took more than " + MakeVariables.MAX_STEPS + " steps (recursive variables"
            + " that each use the one before several times, V2 = $(V1) $(V1), double the work at every level);"
            + " kmodlint stopped there, and the modules and objects listed through them are not analyzed",
            exhaustedAt != null ? exhaustedAt : SourcePosition.startOf(makefile)));
      }
      if (truncatedAt != null) {
        notifications.add(Notification.at(EXPANSION_LIMIT, Level.WARNING, "an object list of "
            + makefile.getFileName() + " has more than " + MakeVariables.maxWords() + " words; kmodlint analyzes"
            + " the first " + MakeVariables.maxWords() + " of them", truncatedAt));
      }
    }

    private void entry(ObjectList list, Word w) {
      KbuildModel.Linkage linkage = list.library() ? KbuildModel.Linkage.LIBRARY : switch (list.linkage()) {
        case MODULE -> KbuildModel.Linkage.MODULE;
        case CONFIGURABLE -> KbuildModel.Linkage.CONFIGURABLE;
        case BUILTIN -> KbuildModel.Linkage.BUILTIN;
      };
      String text = w.text();
      if (text.endsWith("/")) {
        entries.add(new KbuildModel.Entry(text, linkage, list.gatingConfigs(), w.position(), true, Optional.empty(),
            false));
      } else if (objectBase(text) != null) {
        Optional<Path> source = object(text, w.position()).source();
        entries.add(new KbuildModel.Entry(text, linkage, list.gatingConfigs(), w.position(), false, source,
            source.isEmpty() && generated(text)));
      }
    }

    /** The composite lists as assigned, each with its parts expanded at the end of the file. */
    List<KbuildModel.Composite> compositeList() {
      List<KbuildModel.Composite> out = new ArrayList<>();
      for (CompositeAssignment c : compositeAssignments) {
        MakeVariables.Expansion e = variables.expandListChecked(c.words());
        List<KbuildModel.Part> parts = new ArrayList<>();
        for (Word w : e.words()) {
          if (objectBase(w.text()) == null) continue;
          Optional<Path> source = object(w.text(), w.position()).source();
          parts.add(new KbuildModel.Part(w.text(), w.position(), source, source.isEmpty() && generated(w.text())));
        }
        out.add(new KbuildModel.Composite(c.module(), c.variable(), c.at(), parts));
      }
      return out;
    }

    /**
     * What a rule makes: its targets, and for a static pattern rule ({@code $(objs): %.o: %.c})
     * the target pattern. Targets written with functions ({@code $(addprefix $(obj)/,a.o b.o)})
     * are taken word by word from their text.
     */
    private void ruleTargets(MakefileSyntax.Parsed file, KbuildParser.RuleLineContext rule) {
      List<String> targets = new ArrayList<>();
      for (Word w : words(file, rule.WORD())) targets.addAll(List.of(NOT_FILE_NAME_OR_PATTERN.split(w.text())));
      if (rule.RULE_TEXT() != null) {
        String rest = rule.RULE_TEXT().getText();
        int colon = rest.indexOf(':');
        if (colon >= 0) targets.addAll(List.of(NOT_FILE_NAME_OR_PATTERN.split(rest.substring(0, colon))));
      }
      for (String t : targets) {
        if (t.isEmpty()) continue;
        String base = t.substring(t.lastIndexOf('/') + 1);
        if (base.indexOf('%') >= 0) {
          generatedPatterns.add(Pattern.compile(Pattern.quote(base).replace("%", "\\E.*\\Q")));
        } else {
          generatedStems.add(stem(base));
        }
      }
    }

    /**
     * An object without a .c/.S source that can still be made: a rule or targets list of the
     * file names it, or another input of the same name is there (foo.y, foo.asn1, foo.rs,
     * foo.c_shipped, foo.dts for foo.dtb.o).
     */
    private boolean generated(String object) {
      String stem = stem(object);
      if (generatedStems.contains(stem)) return true;
      String base = object.substring(object.lastIndexOf('/') + 1);
      String withoutO = base.substring(0, base.length() - 2);
      for (Pattern p : generatedPatterns) {
        for (String input : List.of(base, withoutO + ".c", withoutO + ".S")) if (p.matcher(input).matches()) return true;
      }
      Path parent;
      try {
        parent = dir.resolve(object).normalize().getParent();
      } catch (InvalidPathException e) {
        return false;
      }
      return stemsByDirectory.computeIfAbsent(parent, d -> {
        Set<String> stems = new HashSet<>();
        try (java.util.stream.Stream<Path> files = Files.list(d)) {
          files.forEach(f -> {
            String n = f.getFileName().toString();
            // neither the object itself (a prebuilt foo.o) nor a header is its input
            if (!n.endsWith(".o") && !n.endsWith(".h")) stems.add(stem(n));
          });
        } catch (IOException | java.io.UncheckedIOException e) {
          // an unreadable directory has no inputs we can see
        }
        return stems;
      }).contains(stem);
    }

    /** {@code foo} for {@code $(obj)/foo.asn1.o}: the name after the last slash, up to the first dot. */
    private static String stem(String word) {
      String base = word.substring(word.lastIndexOf('/') + 1);
      int dot = base.indexOf('.');
      return dot > 0 ? base.substring(0, dot) : base;
    }

    /**
     * Records the CONFIG symbols every word names and the base names of the files it may name.
     * Recipes count for the latter only: a shell command's CONFIG_ is no Kbuild reference.
     */
    private void scanWords(MakefileSyntax.Parsed file) {
      new IterativeParseTreeWalker().walk(new ParseTreeListener() {
        @Override
        public void visitTerminal(TerminalNode node) {
          Token t = node.getSymbol();
          if (t.getStartIndex() < 0 || t.getTokenIndex() < 0) return;
          String text = t.getText();
          int type = t.getType();
          if (text.contains("$(wildcard") || text.contains("${wildcard")) opaque = true;
          for (String piece : NOT_FILE_NAME.split(text)) {
            if (piece.isEmpty()) continue;
            String base = piece.substring(piece.lastIndexOf('/') + 1);
            int dot = base.indexOf('.');
            mentioned.add(dot > 0 ? base.substring(0, dot) : base);
          }
          if (type == KbuildLexer.RECIPE || type == KbuildLexer.DEFINE_LINE) return;
          Matcher m = CONFIG_NAME.matcher(text);
          SourcePosition at = file.position(t);
          while (m.find()) {
            SourcePosition use = at;
            if (at.line() == at.endLine() && text.indexOf('\n') < 0) {
              use = new SourcePosition(at.file(), at.line(), at.column() + m.start(), at.line(), at.column() + m.end());
            }
            configUses.add(new KbuildModel.ConfigUse(m.group(1), use));
          }
        }

        @Override
        public void visitErrorNode(ErrorNode node) {}

        @Override
        public void enterEveryRule(ParserRuleContext ctx) {}

        @Override
        public void exitEveryRule(ParserRuleContext ctx) {}
      }, file.tree());
    }

    private KbuildObject object(String name, SourcePosition listedAt) {
      String base = objectBase(name);
      for (String suffix : List.of(".c", ".S")) {
        try {
          Path source = dir.resolve(base + suffix).normalize();
          if (Files.isRegularFile(source)) return new KbuildObject(name, listedAt, Optional.of(source));
        } catch (InvalidPathException e) {
          break;
        }
      }
      return new KbuildObject(name, listedAt, Optional.empty());
    }

    /** {@code foo} for {@code foo.o}; null for anything else, such as a {@code dir/} descent. */
    private static String objectBase(String word) {
      return word.length() > 2 && word.endsWith(".o") ? word.substring(0, word.length() - 2) : null;
    }

    private static Set<String> configsIn(String text) {
      Set<String> configs = new LinkedHashSet<>();
      Matcher m = CONFIG_REFERENCE.matcher(text);
      while (m.find()) configs.add(m.group(1));
      return configs;
    }

    private static List<Word> words(MakefileSyntax.Parsed file, List<TerminalNode> nodes) {
      List<Word> out = new ArrayList<>();
      for (TerminalNode n : nodes) {
        Token t = n.getSymbol();
        // Tokens ANTLR invented while recovering from an error have no text in the file.
        if (t.getStartIndex() >= 0 && t.getTokenIndex() >= 0) out.add(file.word(t));
      }
      return out;
    }

    private static String join(MakefileSyntax.Parsed file, List<TerminalNode> nodes) {
      StringBuilder name = new StringBuilder();
      for (Word w : words(file, nodes)) {
        if (name.length() > 0) name.append(' ');
        name.append(w.text());
      }
      return name.toString();
    }
  }
}
