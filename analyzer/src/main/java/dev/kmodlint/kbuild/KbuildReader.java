package dev.kmodlint.kbuild;

import dev.kmodlint.kbuild.MakeText.Word;
import dev.kmodlint.model.BuildMode;
import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.MakefileNames;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.text.BoundedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>The file is evaluated as kbuild's own pass reads it ({@link MakeEvaluator}): KERNELRELEASE
 * is set, {@code $(src)}, {@code $(obj)}, {@code $(M)} name the directory, the lists
 * {@code obj-y}, {@code ccflags-y}... start empty, CONFIG symbols have the target kernel's
 * values ({@link KbuildEnvironment}). A conditional the file decides is decided; one on a value
 * from outside (ARCH, {@code $(shell ...)}, CONFIG symbols without a .config) takes both
 * branches, and what they add is marked with the condition. Lists are read after the file, as
 * kbuild reads them.
 *
 * <p>{@code obj-$(CONFIG_X) += foo.o} names module foo gated by CONFIG_X whatever the .config
 * says of X (the gate is data; the caller decides what it means), unless the file itself or the
 * command line sets CONFIG_X, which then simply decides. Composite members
 * ({@code foo-$(CONFIG_BAR) += bar.o}) and {@code ifdef CONFIG_BAR} blocks follow the .config.
 *
 * <p>A module is named by its {@code .o} entry without the suffix, including any relative
 * directory ({@code obj-m += sub/foo.o} is {@code sub/foo}, whose composite is
 * {@code sub/foo-y}). When any of {@code foo-objs}, {@code foo-y}, {@code foo-m},
 * {@code foo-} has a value, foo is a composite of the {@code .o} words of {@code foo-objs},
 * {@code foo-y} and, for a module, {@code foo-m}, in that order, as kbuild links it;
 * otherwise the module is its own single object {@code foo.o}.
 *
 * <p>Thread-safe: one reader may read many directories at once; it remembers each directory it
 * read, for the flags ({@code subdir-ccflags-y}) their subdirectories inherit.
 */
public final class KbuildReader {
  /** A Makefile that exists but cannot be read (I/O error, too large). */
  public static final String READ_ERROR = "read-failure";
  /** A syntax problem; the rest of the file is still used. */
  public static final String PARSE_ERROR = MakefileSyntax.PARSE_ERROR;
  /** Something of the file kmodlint could not follow (an unknown include, unknown object words). */
  public static final String NOT_EVALUATED = MakeEvaluator.NOT_EVALUATED;
  /** A limit of the evaluation was reached (expansion budget, include depth). */
  public static final String EVAL_LIMIT = MakeEvaluator.EVAL_LIMIT;
  /** The words of one object list kmodlint reads at most. */
  static final int MAX_LIST_WORDS = 4096;
  /** The file would stop make ($(error), a variable referring to itself). */
  public static final String MAKE_ERROR = MakeEvaluator.MAKE_ERROR;

  /** {@code obj-<...>} or {@code lib-<...>}: the lists of what a directory builds. */
  private static final Pattern LIST_NAME = Pattern.compile("(obj|lib)-(.+)");
  private static final Pattern CONFIG_REFERENCE = Pattern.compile("\\$[({](CONFIG_\\w+)[)}]");
  private static final Pattern COMPOSITE = Pattern.compile("(.+)-(objs|y|m)");
  /** {@code $(dvb-vb2-y)} in a composite's value: a list of parts another variable holds. */
  private static final Pattern PART_LIST_REFERENCE = Pattern.compile("\\$[({]([A-Za-z0-9_.-]+)-[ym][)}]");
  /** Kbuild's own variables of the composite shape, which are not composites. */
  private static final Set<String> NOT_COMPOSITES = Set.of("obj", "lib", "subdir", "always", "extra", "ccflags",
      "asflags", "ldflags", "cppflags", "rustflags", "subdir-ccflags", "subdir-asflags", "ccflags-remove",
      "asflags-remove", "hostprogs", "userprogs", "targets", "clean-files", "header-test", "no-header-test",
      "dtb", "always-y", "dtc-flags", "userccflags", "userldflags", "hostccflags", "hostcxxflags", "hostldflags");
  /** Lists of files Kbuild makes or cleans, which name generated sources. */
  private static final Set<String> GENERATED_LISTS = Set.of("targets", "clean-files", "extra-y", "always-y",
      "always", "extra-m", "hostprogs", "hostprogs-y", "userprogs", "always-m");
  private static final Pattern CONFIG_NAME = Pattern.compile("(?<![A-Za-z0-9_])CONFIG_([A-Za-z0-9_]+)");
  private static final Pattern NOT_FILE_NAME_OR_PATTERN = Pattern.compile("[^A-Za-z0-9_.+/%-]+");
  private static final Pattern NOT_FILE_NAME = Pattern.compile("[^A-Za-z0-9_.+/-]+");
  /** What a build leaves beside the sources: never an input of the build. */
  private static final Pattern BUILD_OUTPUT = Pattern.compile(
      ".*\\.(o|ko|mod|mod\\.c|mod\\.o|cmd|a|order|symvers|dwo|lst|su)$|^modules\\.order$|^Module\\.symvers$");

  private final KbuildEnvironment env;
  private final Map<Path, KbuildDirectory> done = new ConcurrentHashMap<>();
  /** What the readings so far took from outside the files: see {@link #outsideValuesRead()}. */
  private final Set<String> outsideValuesRead = ConcurrentHashMap.newKeySet();
  /** The files and directories the readings so far looked at: see {@link #inputs()}. */
  private final MakefileInputs inputs = MakefileInputs.recording();

  public KbuildReader() {
    this(KbuildEnvironment.unknown());
  }

  public KbuildReader(KbuildEnvironment env) {
    this.env = env;
  }

  /**
   * The kernel's values every directory read so far depended on: the {@code CONFIG_} symbols
   * looked up (their values, or their being unset) and the variables of the kernel's release
   * and version ({@code KERNELRELEASE}, {@code VERSION}...). A kernel that has the same
   * values for all of them makes the Makefiles read the same way.
   */
  public Set<String> outsideValuesRead() {
    return Set.copyOf(outsideValuesRead);
  }

  /**
   * The files the readings so far read and the directories they looked into: with
   * {@link #outsideValuesRead()}, everything a reading depends on.
   */
  public MakefileInputs inputs() {
    return inputs;
  }

  /** {@link #makefileOf}, the directory looked into recorded. */
  private Optional<Path> makefileIn(Path dir) {
    for (String name : MakefileNames.KBUILD_ORDER) {
      Path f = dir.resolve(name);
      inputs.lookedUp(f);
      if (Files.isRegularFile(f)) return Optional.of(f);
    }
    return Optional.empty();
  }

  /** The syntax problems of one Makefile on its own (includes not followed). */
  public static List<Notification> syntaxProblems(Path makefile) throws IOException {
    Path p = makefile.toAbsolutePath().normalize();
    return MakefileSyntax.parse(p, decode(BoundedReader.read(p, MakeEvaluator.MAX_BYTES))).notifications();
  }

  /**
   * Bytes that are not UTF-8 become U+FFFD; columns count the characters that result. So do
   * private-use characters, which the evaluation keeps for values it does not know.
   */
  static String decode(byte[] bytes) {
    String text = MakeAssumptions.sanitize(new String(bytes, StandardCharsets.UTF_8));
    // A byte-order mark would stick to the first word; a space keeps the columns.
    return text.startsWith("\uFEFF") ? " " + text.substring(1) : text;
  }

  static Optional<Path> makefileOf(Path dir) {
    return MakefileNames.KBUILD_ORDER.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
  }

  public KbuildDirectory read(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    KbuildDirectory d = evaluate(dir);
    done.put(dir, d);
    return d;
  }

  /** A directory read already by this reader (as itself or as a parent), else read now. */
  private KbuildDirectory readOnce(Path dir) {
    KbuildDirectory cached = done.get(dir);
    if (cached != null) return cached;
    KbuildDirectory d = evaluate(dir);
    KbuildDirectory raced = done.putIfAbsent(dir, d);
    return raced != null ? raced : d;
  }

  private KbuildDirectory evaluate(Path dir) {
    Optional<Path> makefile = makefileIn(dir);
    KbuildDirectory d;
    if (makefile.isEmpty()) {
      d = new KbuildDirectory(dir, Optional.empty(), List.of(), List.of());
    } else {
      try {
        UsersMake outer = usersMake(dir);
        Reading r = new Reading(dir, makefile.get(), inheritedCcflags(dir), includedBy(dir, makefile.get()), outer);
        d = r.read();
      } catch (StackOverflowError e) {
        // nested thousands deep (conditionals, references, includes): what was read so far is dropped
        d = new KbuildDirectory(dir, makefile, List.of(), List.of(Notification.at("parse-failure", Level.WARNING,
            makefile.get().getFileName() + " is nested too deeply to be read (thousands of conditionals or"
            + " references within each other); the modules it builds are not analyzed",
            SourcePosition.startOf(makefile.get()))));
      }
    }
    return d;
  }

  /**
   * The {@code subdir-ccflags-y} of the directories above that build this one (each lists it as
   * {@code obj-y += dir/} or {@code obj-m += dir/}), within the tree read.
   */
  private List<String> inheritedCcflags(Path dir) {
    Path parent = dir.getParent();
    if (parent == null || !withinAncestors(parent) || makefileIn(parent).isEmpty()) return List.of();
    KbuildDirectory p = readOnce(parent);
    for (KbuildModel.Entry e : p.entries()) {
      if (!e.directory()) continue;
      try {
        if (parent.resolve(e.name()).normalize().equals(dir)) return p.subdirCcflags();
      } catch (InvalidPathException ex) {
        // not a directory name this system has
      }
    }
    return List.of();
  }

  /**
   * The directories as a whole: one whose Makefile another directory's Makefile includes
   * ({@code amdgpu/Makefile} includes {@code ../display/Makefile}) is only read on its own out of
   * the context it is written for, so it says nothing of what it could not follow there.
   */
  public static List<KbuildDirectory> settle(List<KbuildDirectory> dirs) {
    Map<Path, Path> includer = new HashMap<>();
    for (KbuildDirectory d : dirs) {
      for (Path f : d.files()) {
        if (d.makefile().isPresent() && !f.equals(d.makefile().get())) includer.putIfAbsent(f, d.directory());
      }
    }
    List<KbuildDirectory> out = new ArrayList<>(dirs.size());
    for (KbuildDirectory d : dirs) {
      Path by = d.makefile().map(includer::get).orElse(null);
      if (by == null || by.equals(d.directory()) || d.includedBy().isPresent()) {
        out.add(d);
        continue;
      }
      List<Notification> kept = d.notifications().stream().filter(n -> !n.id().equals(NOT_EVALUATED)).toList();
      out.add(new KbuildDirectory(d.directory(), d.makefile(), d.modules(), kept, d.entries(), d.composites(),
          d.assignments(), d.configUses(), d.mentioned(), d.opaque(), d.extraSymbols(), d.sources(), d.unknownWords(),
          d.subdirCcflags(), d.files(), Optional.of(by)));
    }
    return out;
  }

  /** The directory above whose Makefile includes {@code makefile} (nouveau/Kbuild includes nvkm/Kbuild), if any. */
  private Optional<Path> includedBy(Path dir, Path makefile) {
    for (Path a = dir.getParent(); a != null; a = a.getParent()) {
      if (!withinAncestors(a)) break;
      if (makefileIn(a).isEmpty()) continue;
      if (readOnce(a).files().contains(makefile)) return Optional.of(a);
    }
    return Optional.empty();
  }

  /** A directory above may be read for what it passes down: inside the tree, below the kernel tree's root. */
  private boolean withinAncestors(Path a) {
    if (env.tree().isEmpty() || !a.startsWith(env.tree().get())) return false;
    return env.sourceTree().isEmpty() || (a.startsWith(env.sourceTree().get()) && !a.equals(env.sourceTree().get()));
  }

  /** What the user's own make (KERNELRELEASE not set) passes to kbuild's pass: its exports. */
  private record UsersMake(Map<String, String> exported) {
    static final UsersMake NONE = new UsersMake(Map.of());
  }

  /**
   * The user's pass over an out-of-tree directory's Makefile: the variables it exports with a
   * value it knows ({@code export CONFIG_RTL8822BU = m}, {@code export KBUILD_EXTRA_SYMBOLS})
   * reach kbuild's pass through the environment.
   */
  private UsersMake usersMake(Path dir) {
    if (env.sourceTree().filter(dir::startsWith).isPresent()) return archMake(env.sourceTree().get());
    Optional<Path> file = MakefileNames.MAKE_ORDER.stream().map(dir::resolve).peek(inputs::lookedUp)
        .filter(Files::isRegularFile).findFirst();
    if (file.isEmpty()) return UsersMake.NONE;
    inputs.read(file.get());
    try {
      if (!decode(BoundedReader.read(file.get(), MakeEvaluator.MAX_BYTES)).contains("export")) {
        return UsersMake.NONE;
      }
    } catch (IOException e) {
      return UsersMake.NONE;
    }
    MakeEvaluator outer = new MakeEvaluator(env, dir, false, Map.of(), new MakeEvaluator.Listener() {}, inputs);
    outer.readMakefile(file.get());
    outsideValuesRead.addAll(outer.outsideValuesRead());
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : outer.exported()) {
      MakeText v = outer.finalValue(name);
      if (outer.variable(name) == null || !v.unconditional() || MakeAssumptions.containsUnknown(v.flat())) continue;
      out.put(name, v.flat().strip());
    }
    return new UsersMake(out);
  }

  private UsersMake archMake;

  /** The architectures whose Makefile kmodlint reads, by the {@code CONFIG_} symbol their .config sets. */
  private static final Map<String, String> ARCH_BY_CONFIG = Map.of("CONFIG_X86", "x86", "CONFIG_ARM64", "arm64",
      "CONFIG_ARM", "arm", "CONFIG_RISCV", "riscv", "CONFIG_PPC", "powerpc", "CONFIG_S390", "s390",
      "CONFIG_MIPS", "mips", "CONFIG_LOONGARCH", "loongarch");

  /**
   * Inside a kernel source tree, what the top Makefile's {@code include arch/$(SRCARCH)/Makefile}
   * exports to every directory's kbuild pass with a value known from the .config
   * ({@code export BITS}: {@code signal_$(BITS).o} in arch/x86/kernel is {@code signal_64.o}).
   * Nothing without a .config that names the architecture.
   */
  private synchronized UsersMake archMake(Path srctree) {
    if (archMake != null) return archMake;
    archMake = UsersMake.NONE;
    Map<String, String> config = env.kernelConfig().orElse(Map.of());
    String arch = null;
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(ARCH_BY_CONFIG).entrySet())
      if ("y".equals(config.get(e.getKey()))) arch = e.getValue();
    if (arch == null) return archMake;
    Path file = srctree.resolve("arch").resolve(arch).resolve("Makefile");
    inputs.lookedUp(file);
    if (!Files.isRegularFile(file)) return archMake;
    MakeEvaluator outer = new MakeEvaluator(env, file.getParent(), false, Map.of(), new MakeEvaluator.Listener() {},
        inputs);
    outer.readMakefile(file);
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : outer.exported()) {
      MakeText v = outer.finalValue(name);
      if (outer.variable(name) == null || !v.unconditional() || MakeAssumptions.containsUnknown(v.flat())) continue;
      out.put(name, v.flat().strip());
    }
    archMake = new UsersMake(out);
    return archMake;
  }

  /** A list of what a directory builds, as the file names it. */
  private record ListVariable(String name, BuildMode buildMode, Set<String> gates) {}

  /** A module a list declares; {@code buildMode} as {@link KbuildModule} has it. */
  private record Declaration(String name, BuildMode buildMode, SourcePosition at, Set<String> gates, Guard guard) {}

  /** The reading of one directory. */
  private final class Reading implements MakeEvaluator.Listener {
    private final Path dir;
    private final Path makefile;
    private final List<String> inherited;
    private final Optional<Path> includedBy;
    private final MakeEvaluator ev;
    private final Map<String, ListVariable> gatedLists = new LinkedHashMap<>();
    private final Map<String, Integer> firstAssigned = new HashMap<>();
    private final List<KbuildModel.Assignment> assignments = new ArrayList<>();
    private final Set<String> assignmentKeys = new HashSet<>();
    private final Set<String> generatedStems = new HashSet<>();
    private final List<Pattern> generatedPatterns = new ArrayList<>();
    private final Map<Path, Set<String>> stemsByDirectory = new HashMap<>();
    private final Set<String> mentioned = new HashSet<>();
    private final List<KbuildModel.ConfigUse> configUses = new ArrayList<>();
    private final Map<String, MakeText> finalValues = new HashMap<>();
    private final Map<String, List<Word>> finalWords = new HashMap<>();
    private final Map<String, CompileFlags> parsedFlags = new HashMap<>();
    private final Map<String, CompileFlags> flagsCache = new HashMap<>();
    private final List<Word> unknown = new ArrayList<>();
    /** Words of {@code foo-} lists, by place, with the CONFIG symbols whose being unset put them there. */
    private final Map<SourcePosition, Set<String>> notSetBy = new HashMap<>();
    /** Sources the files name anywhere, in branches not taken too ({@code ../misc/x.o}). */
    private final Set<Path> writtenSources = new HashSet<>();
    /** The stems of the targets of the files' rules, in branches not taken too. */
    private final Set<String> ruleTargets = new HashSet<>();
    private boolean flagsUnknown;
    private int unknownWords;
    private boolean mentionsExtraSymbols;

    Reading(Path dir, Path makefile, List<String> inherited, Optional<Path> includedBy, UsersMake outer) {
      this.dir = dir;
      this.makefile = makefile;
      this.inherited = inherited;
      this.includedBy = includedBy;
      this.ev = new MakeEvaluator(env, dir, true, outer.exported(), this, inputs);
    }

    KbuildDirectory read() {
      try {
        return readMakefile();
      } finally {
        outsideValuesRead.addAll(ev.outsideValuesRead());
      }
    }

    private KbuildDirectory readMakefile() {
      ev.readMakefile(makefile);
      for (Path f : ev.filesRead()) scanWritten(f);
      for (String list : GENERATED_LISTS) {
        for (Word w : words(list)) generatedStems.add(stem(w.text()));
      }
      List<KbuildModel.Entry> entries = new ArrayList<>();
      List<Declaration> declarations = declarations(entries);
      List<KbuildModule> modules = new ArrayList<>();
      Set<Path> sources = new HashSet<>();
      for (KbuildModel.Entry e : entries) e.source().ifPresent(sources::add);
      for (Declaration d : declarations) modules.add(module(d, sources));
      List<KbuildModel.Composite> composites = composites(declarations, sources);
      for (Path f : filesInDirectory()) {
        String n = f.getFileName().toString();
        if ((n.endsWith(".c") || n.endsWith(".S")) && !BUILD_OUTPUT.matcher(n).matches() && mentioned.contains(stem(n))) {
          sources.add(f);
        }
      }
      sources.addAll(writtenSources);
      List<Notification> notifications = new ArrayList<>(ev.notifications());
      // a Makefile that a parent's includes: read here on its own, out of the context it is written for
      if (includedBy.isEmpty()) summarizeUnfollowed(notifications);
      List<String> subdir = new ArrayList<>(inherited);
      subdir.addAll(certainWords("subdir-ccflags-y"));
      return new KbuildDirectory(dir, Optional.of(makefile), modules, notifications, entries, composites,
          assignments, configUses, mentioned, ev.opaque || unknownWords > 0, extraSymbols(), sources, unknownWords,
          subdir, ev.filesRead(), includedBy);
    }

    /**
     * One note per directory for what kmodlint could not follow: object words it cannot know,
     * includes and $(eval)s it could not read.
     */
    private void summarizeUnfollowed(List<Notification> out) {
      List<String> parts = new ArrayList<>();
      SourcePosition at = null;
      if (unknownWords > 0) {
        Word first = unknown.get(0);
        parts.add(unknownWords + " word(s) of its object lists cannot be known here (e.g. "
            + ev.known.display(first.text()) + ": " + String.join(", ", ev.known.reasons(first.text())) + ")");
        at = first.at();
      }
      List<MakeEvaluator.Unfollowed> u = ev.unfollowed();
      for (int k = 0; k < u.size() && k < 3; k++) parts.add(u.get(k).what());
      if (u.size() > 3) parts.add((u.size() - 3) + " more");
      if (at == null && !u.isEmpty()) at = u.get(0).at();
      if (parts.isEmpty()) return;
      // a word of an object list that cannot be known may be a whole module the analysis lacks
      out.add(Notification.at(NOT_EVALUATED, unknownWords > 0 ? Level.WARNING : Level.NOTE, "kmodlint does not follow all of "
          + dir.getFileName() + "/" + makefile.getFileName() + ": " + String.join("; ", parts)
          + "; what these would add to the build is unknown", at != null ? at : SourcePosition.startOf(makefile)));
    }

    // --- listener

    @Override
    public Optional<String> listVariable(String rawName) {
      Matcher m = LIST_NAME.matcher(rawName);
      // obj-$(CONFIG_X) is a list of kbuild's; obj-foo-$(CONFIG_X) is a variable like any other,
      // named obj-foo-y when X is y (drivers/media/usb/pvrusb2: obj-pvrusb2-sysfs-$(CONFIG_...))
      if (!m.matches() || !onlyReferences(m.group(2))) return Optional.empty();
      String suffix = m.group(2);
      Set<String> configs = new LinkedHashSet<>();
      Matcher c = CONFIG_REFERENCE.matcher(suffix);
      while (c.find()) configs.add(c.group(1));
      if (configs.isEmpty()) return Optional.empty();
      // a CONFIG symbol the file or the command line sets is the file's switch, not a gate
      for (String config : configs) if (!ev.fromKernelConfig(config)) return Optional.empty();
      boolean library = m.group(1).equals("lib");
      String name = m.group(1) + "-" + suffix.replace("${", "$(").replace("}", ")");
      boolean builtIn = suffix.startsWith("$(subst m,y,") || suffix.startsWith("${subst m,y,");
      BuildMode mode = library ? BuildMode.LIBRARY : builtIn ? BuildMode.BUILTIN : BuildMode.CONFIGURABLE;
      gatedLists.putIfAbsent(name, new ListVariable(name, mode, configs));
      return Optional.of(name);
    }

    /** True when {@code text} is one or more variable references and nothing else: {@code $(CONFIG_X)}. */
    private static boolean onlyReferences(String text) {
      int i = 0;
      while (i < text.length()) {
        if (text.charAt(i) != '$' || i + 1 >= text.length()) return false;
        char open = text.charAt(i + 1);
        if (open != '(' && open != '{') return false;
        char close = open == '(' ? ')' : '}';
        int depth = 0;
        int j = i + 1;
        for (; j < text.length(); j++) {
          if (text.charAt(j) == open) depth++;
          else if (text.charAt(j) == close && --depth == 0) break;
        }
        if (j >= text.length()) return false;
        i = j + 1;
      }
      return !text.isEmpty();
    }

    @Override
    public void assignment(String name, String rawName, SourcePosition at, String valueAsWritten, MakeText value,
        boolean evaluated) {
      if (evaluated) firstAssigned.putIfAbsent(name, firstAssigned.size());
      if (evaluated && name.endsWith("-") && rawName.contains("CONFIG_")) {
        // foo-$(CONFIG_X) += bar.o with X not set: which symbols left bar.o out
        Set<String> configs = new LinkedHashSet<>();
        Matcher c = CONFIG_REFERENCE.matcher(rawName);
        while (c.find()) configs.add(c.group(1));
        for (MakeText.Piece p : value.pieces) {
          if (!p.text().isBlank() && p.at() != null) notSetBy.computeIfAbsent(p.at(), k -> new LinkedHashSet<>()).addAll(configs);
        }
      }
      if (valueAsWritten.contains("KBUILD_EXTRA_SYMBOLS") || name.equals("KBUILD_EXTRA_SYMBOLS")) {
        mentionsExtraSymbols = true;
      }
      if (!assignmentKeys.add(name + "\u0000" + at)) return;
      assignments.add(new KbuildModel.Assignment(name, at, valueAsWritten));
      if (GENERATED_LISTS.contains(name)) {
        for (String w : MakeText.split(valueAsWritten)) generatedStems.add(stem(w));
      }
    }

    /**
     * What a rule makes: its targets, and for a static pattern rule ({@code $(objs): %.o: %.c})
     * the target pattern; targets as written, and as expanded.
     */
    @Override
    public void rule(MakefileSyntax.Parsed file, KbuildParser.RuleLineContext rule, List<Word> expanded) {
      List<String> targets = new ArrayList<>();
      for (TerminalNode n : rule.WORD()) {
        Token t = n.getSymbol();
        if (t.getStartIndex() >= 0 && t.getTokenIndex() >= 0) {
          targets.addAll(List.of(NOT_FILE_NAME_OR_PATTERN.split(file.word(t).text())));
        }
      }
      for (Word w : expanded) {
        if (!MakeAssumptions.containsUnknown(w.text())) targets.add(w.text());
      }
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

    @Override
    public void unknownAssignment(String rawName, SourcePosition at, Set<String> reasons) {
      String n = rawName.replaceAll("\\$[({][^)}]*[)}]", "X");
      if (n.startsWith("obj-") || n.startsWith("lib-") || n.matches(".*-(X|y|m|objs)")) {
        ev.opaque = true;
        ev.unfollowed("the list assigned at " + ev.place(at) + " is named by " + String.join(", ", reasons)
            + "; kmodlint does not know which one it is", at);
      } else if (n.toLowerCase(java.util.Locale.ROOT).contains("flags")) {
        flagsUnknown = true;
      }
    }

    // --- lists

    private MakeText finalValue(String name) {
      return finalValues.computeIfAbsent(name, ev::finalValue);
    }

    /** The words of a variable after the file; an unlistable value is one unknown word. */
    private List<Word> words(String name) {
      List<Word> cached = finalWords.get(name);
      if (cached != null) return cached;
      MakeText t = finalValue(name);
      List<Word> w = ev.words(t, Guard.TRUE);
      if (w == null) {
        w = List.of(new Word(ev.known.unknownString(name + ", which depends on too many conditions"),
            t.firstPosition(null), Guard.TRUE));
      } else if (w.size() > MAX_LIST_WORDS) {
        // no Makefile lists this many objects (amdgpu's largest list has about 800): a generated
        // or hostile file, read in part so that one list cannot hold up the tree
        Word first = w.get(0);
        ev.notifyOnce(EVAL_LIMIT, Level.WARNING, name + " lists " + w.size() + " words; kmodlint reads the first "
            + MAX_LIST_WORDS + " of them", first.at() != null ? first.at() : SourcePosition.startOf(makefile));
        w = List.copyOf(w.subList(0, MAX_LIST_WORDS));
      }
      finalWords.put(name, w);
      return w;
    }

    /** The words present in every world, none unknown: for flags passed down. */
    private List<String> certainWords(String name) {
      List<String> out = new ArrayList<>();
      for (Word w : words(name)) {
        if (w.guard().isTrue() && !MakeAssumptions.containsUnknown(w.text())) out.add(w.text());
      }
      return out;
    }

    private void countUnknown(Word w) {
      unknownWords++;
      if (unknown.size() < 5) unknown.add(w);
    }

    /** The object lists in the order the file first assigns them, the gated ones with their gates. */
    private List<ListVariable> lists() {
      List<ListVariable> all = new ArrayList<>();
      all.add(new ListVariable("obj-y", BuildMode.BUILTIN, Set.of()));
      all.add(new ListVariable("obj-m", BuildMode.MODULE, Set.of()));
      all.add(new ListVariable("lib-y", BuildMode.LIBRARY, Set.of()));
      all.add(new ListVariable("lib-m", BuildMode.LIBRARY, Set.of()));
      all.addAll(gatedLists.values());
      List<ListVariable> out = new ArrayList<>();
      for (ListVariable l : all) if (firstAssigned.containsKey(l.name())) out.add(l);
      out.sort((a, b) -> Integer.compare(firstAssigned.get(a.name()), firstAssigned.get(b.name())));
      return out;
    }

    private List<Declaration> declarations(List<KbuildModel.Entry> entries) {
      Map<String, Declaration> declared = new LinkedHashMap<>();
      for (ListVariable list : lists()) {
        BuildMode moduleMode = list.buildMode().ofModule();
        for (Word w : words(list.name())) {
          String text = w.text();
          SourcePosition at = w.at() != null ? w.at() : SourcePosition.startOf(makefile);
          if (MakeAssumptions.containsUnknown(text)) {
            countUnknown(w);
            continue;
          }
          mention(text);
          List<String> conditions = ev.known.describe(w.guard());
          if (text.endsWith("/")) {
            entries.add(new KbuildModel.Entry(text, list.buildMode(), list.gates(), at, true, Optional.empty(), false,
                conditions, CompileFlags.NONE));
            continue;
          }
          String base = objectBase(text);
          if (base == null) continue;
          Optional<Path> source = source(text);
          entries.add(new KbuildModel.Entry(text, list.buildMode(), list.gates(), at, false, source,
              source.isEmpty() && generated(text, list.gates()), conditions, flags(text, source, base, moduleMode)));
          Declaration old = declared.get(base);
          if (old == null) {
            declared.put(base, new Declaration(base, moduleMode, at, list.gates(), w.guard()));
          } else if (old.buildMode() == moduleMode && old.gates().equals(list.gates())) {
            // the same list again (or an equal one): listed in more worlds
            declared.put(base, new Declaration(base, old.buildMode(), old.at(), old.gates(), old.guard().cover(w.guard())));
          }
        }
      }
      return new ArrayList<>(declared.values());
    }

    /** The composite variables of {@code module} that have a value, as kbuild searches them. */
    private List<String> compositeVariables(String module) {
      List<String> out = new ArrayList<>();
      for (String suffix : List.of("-objs", "-y", "-m", "-")) {
        String v = module + suffix;
        if (ev.variable(v) != null && !finalValue(v).isEmpty()) out.add(v);
      }
      return out;
    }

    /** True when the kernel's .config is known and sets none of {@code gates}. */
    private boolean gatesOff(Set<String> gates) {
      outsideValuesRead.addAll(gates);
      if (gates.isEmpty() || env.kernelConfig().isEmpty()) return false;
      for (String g : gates) if (env.kernelConfig().get().containsKey(g)) return false;
      return true;
    }

    private KbuildModule module(Declaration d, Set<Path> sources) {
      List<String> vars = compositeVariables(d.name());
      List<KbuildObject> objects = new ArrayList<>();
      List<KbuildObject> unbuilt = new ArrayList<>();
      boolean analyzedAsBuilt = gatesOff(d.gates());
      if (vars.isEmpty()) {
        Optional<Path> source = source(d.name() + ".o");
        objects.add(new KbuildObject(d.name() + ".o", d.at(), source, List.of(),
            flags(d.name() + ".o", source, d.name(), d.buildMode())));
      } else {
        Map<String, Word> parts = new LinkedHashMap<>();
        Map<String, List<String>> partConditions = new HashMap<>();
        Set<String> linked = d.buildMode() == BuildMode.BUILTIN ? Set.of("-objs", "-y") : Set.of("-objs", "-y", "-m");
        for (String v : vars) {
          String suffix = v.substring(d.name().length());
          if (suffix.equals("-")) {
            // the parts the .config leaves out. A module it does not build at all is analyzed as
            // built, and the .config says nothing of its parts then: they all are (conditional)
            for (Word w : words(v)) {
              if (objectBase(w.text()) == null || MakeAssumptions.containsUnknown(w.text())) continue;
              Set<String> by = w.at() == null ? Set.of() : notSetBy.getOrDefault(w.at(), Set.of());
              String unset = String.join(", ", by.isEmpty() ? Set.of("a CONFIG symbol") : by);
              if (analyzedAsBuilt) {
                if (!parts.containsKey(w.text())) {
                  parts.put(w.text(), w);
                  partConditions.put(w.text(), List.of("when " + unset + " is set, which the kernel's .config does"
                      + " not set (nor " + String.join(", ", d.gates()) + ", which builds the module)"));
                }
              } else {
                Optional<Path> source = source(w.text());
                source.ifPresent(sources::add);
                unbuilt.add(new KbuildObject(w.text(), w.at() != null ? w.at() : d.at(), source,
                    List.of("when " + unset + " is set, which the kernel's .config does not set"), CompileFlags.NONE));
              }
            }
            continue;
          }
          if (!linked.contains(suffix)) continue;
          if (!analyzedAsBuilt) unbuilt.addAll(leftOutThrough(v, d));
          for (Word w : words(v)) {
            if (MakeAssumptions.containsUnknown(w.text())) {
              countUnknown(w);
              String shown = "<" + String.join(", ", ev.known.reasons(w.text())) + ">";
              parts.putIfAbsent(shown, new Word(shown, w.at(), w.guard()));
              continue;
            }
            if (objectBase(w.text()) == null) continue;
            Word old = parts.get(w.text());
            parts.put(w.text(), old == null ? w : new Word(w.text(), old.at(), old.guard().cover(w.guard())));
          }
        }
        for (Word w : parts.values()) {
          SourcePosition at = w.at() != null ? w.at() : d.at();
          if (w.text().startsWith("<")) {
            objects.add(new KbuildObject(w.text(), at, Optional.empty(), ev.known.describe(w.guard()), CompileFlags.NONE));
            continue;
          }
          mention(w.text());
          Optional<Path> source = source(w.text());
          source.ifPresent(sources::add);
          List<String> conditions = new ArrayList<>(ev.known.describe(w.guard()));
          conditions.addAll(partConditions.getOrDefault(w.text(), List.of()));
          objects.add(new KbuildObject(w.text(), at, source, conditions, flags(w.text(), source, d.name(), d.buildMode())));
        }
      }
      return new KbuildModule(d.name(), d.buildMode(), d.at(), objects, d.gates(), ev.known.describe(d.guard()), unbuilt);
    }

    /**
     * The parts a composite variable lists through another variable that the .config leaves
     * empty: {@code dvb-vb2-$(CONFIG_DVB_MMAP) := dvb_vb2.o} with DVB_MMAP not set, and
     * {@code dvb-core-objs := ... $(dvb-vb2-y)} (drivers/media/dvb-core): dvb_vb2.o is a part of
     * dvb-core that this configuration leaves out.
     */
    private List<KbuildObject> leftOutThrough(String composite, Declaration d) {
      List<KbuildObject> out = new ArrayList<>();
      for (KbuildModel.Assignment a : assignments) {
        if (!a.variable().equals(composite)) continue;
        Matcher r = PART_LIST_REFERENCE.matcher(a.value());
        while (r.find()) {
          String empty = r.group(1) + "-";
          if (ev.variable(empty) == null || empty.equals(d.name() + "-")) continue;
          for (Word w : words(empty)) {
            if (objectBase(w.text()) == null || MakeAssumptions.containsUnknown(w.text()) || w.at() == null) continue;
            Set<String> by = notSetBy.getOrDefault(w.at(), Set.of());
            if (by.isEmpty()) continue;
            Optional<Path> source = source(w.text());
            out.add(new KbuildObject(w.text(), w.at(), source,
                List.of("when " + String.join(", ", by) + " is set, which the kernel's .config does not set"), CompileFlags.NONE));
          }
        }
      }
      return out;
    }

    /**
     * One record per composite variable: of each listed module ({@code foo-} too, for the parts
     * a configuration leaves out), and of every other variable of the form {@code x-y},
     * {@code x-objs}, {@code x-m} (host programs, objects listed in a parent directory).
     */
    private List<KbuildModel.Composite> composites(List<Declaration> declarations, Set<Path> sources) {
      Map<String, String> variables = new LinkedHashMap<>();
      Map<String, BuildMode> modeOf = new HashMap<>();
      Map<String, Set<String>> gates = new HashMap<>();
      for (Declaration d : declarations) {
        modeOf.putIfAbsent(d.name(), d.buildMode());
        gates.putIfAbsent(d.name(), d.gates());
        for (String v : compositeVariables(d.name())) variables.putIfAbsent(v, d.name());
      }
      for (String v : ev.variableNames()) {
        Matcher m = COMPOSITE.matcher(v);
        if (m.matches() && !NOT_COMPOSITES.contains(m.group(1)) && !m.group(1).startsWith("$(")
            && !v.startsWith("CFLAGS_") && ev.variable(v) != null) {
          variables.putIfAbsent(v, m.group(1));
        }
      }
      List<KbuildModel.Composite> out = new ArrayList<>();
      for (Map.Entry<String, String> e : variables.entrySet()) {
        String v = e.getKey();
        String module = e.getValue();
        MakeVariable var = ev.variable(v);
        if (var == null) continue;
        SourcePosition at = var.assignedAt().isEmpty() ? SourcePosition.startOf(makefile) : var.assignedAt().get(0);
        List<KbuildModel.Part> parts = new ArrayList<>();
        for (Word w : words(v)) {
          if (MakeAssumptions.containsUnknown(w.text()) || objectBase(w.text()) == null) continue;
          mention(w.text());
          Optional<Path> source = source(w.text());
          source.ifPresent(sources::add);
          SourcePosition p = w.at() != null ? w.at() : at;
          parts.add(new KbuildModel.Part(w.text(), p, source, source.isEmpty() && generated(w.text(), gates.getOrDefault(module, Set.of())),
              ev.known.describe(w.guard()), flags(w.text(), source, module, modeOf.getOrDefault(module,
                  BuildMode.MODULE))));
        }
        out.add(new KbuildModel.Composite(module, v, at, parts));
      }
      return out;
    }

    private void mention(String word) {
      for (String piece : NOT_FILE_NAME.split(word)) if (!piece.isEmpty()) mentioned.add(stem(piece));
    }

    // --- flags

    /**
     * The preprocessor flags of one object, as kbuild's c_flags has them: KBUILD_CFLAGS (its
     * appends here, the parents' subdir-ccflags-y, this one's), ccflags-y, EXTRA_CFLAGS,
     * CFLAGS_obj.o, less the removals; then the per-object defines.
     */
    private CompileFlags flags(String object, Optional<Path> source, String module, BuildMode buildMode) {
      boolean assembly = source.map(s -> s.toString().endsWith(".S")).orElse(false);
      String stem = object.substring(0, object.length() - 2);
      String key = stem + (assembly ? "\u0000S" : "") + "\u0000" + module + "\u0000" + buildMode;
      CompileFlags cached = flagsCache.get(key);
      if (cached != null) return cached;
      FlagsReader flags = new FlagsReader(ev.cwd);
      List<String> words = new ArrayList<>(inherited);
      List<String> vars = assembly
          ? List.of("KBUILD_AFLAGS", "subdir-asflags-y", "asflags-y", "EXTRA_AFLAGS", "AFLAGS_" + stem + ".o")
          : List.of("KBUILD_CPPFLAGS", "KBUILD_CFLAGS", "subdir-ccflags-y", "ccflags-y", "EXTRA_CFLAGS",
              "CFLAGS_" + stem + ".o");
      List<String> removals = assembly ? List.of("asflags-remove-y", "AFLAGS_REMOVE_" + stem + ".o")
          : List.of("ccflags-remove-y", "CFLAGS_REMOVE_" + stem + ".o");
      for (String v : vars) words.addAll(flagWords(v, flags));
      List<String> remove = new ArrayList<>();
      for (String v : removals) remove.addAll(flagWords(v, flags));
      if (!remove.isEmpty()) {
        words.removeIf(w -> {
          for (String r : remove) if (MakeFunctions.matches(r, w)) return true;
          return false;
        });
      }
      String modname = nameFix(module.substring(module.lastIndexOf('/') + 1));
      String basename = nameFix(stem.substring(stem.lastIndexOf('/') + 1));
      String command = String.join(" ", words);
      String parsedKey = command + "\u0000" + (buildMode != BuildMode.BUILTIN) + "\u0000" + basename + "\u0000" + modname
          + "\u0000" + (flags.flags().complete() && !flagsUnknown);
      if (flagsUnknown) flags.incomplete();
      CompileFlags out = parsedFlags.get(parsedKey);
      if (out == null) {
        flags.read(command);
        if (buildMode != BuildMode.BUILTIN) flags.defineLast("MODULE", "1");
        flags.defineLast("KBUILD_BASENAME", "\"" + basename + "\"");
        flags.defineLast("KBUILD_MODNAME", "\"" + modname + "\"");
        flags.defineLast("__KBUILD_MODNAME", "kmod_" + modname);
        out = flags.flags();
        parsedFlags.put(parsedKey, out);
      }
      flagsCache.put(key, out);
      return out;
    }

    /** The certain words of a flags variable; the others make the flags incomplete. */
    private List<String> flagWords(String name, FlagsReader flags) {
      if (ev.variable(name) == null) return List.of();
      List<String> out = new ArrayList<>();
      for (Word w : words(name)) {
        if (!w.guard().isTrue() || MakeAssumptions.containsUnknown(w.text())) {
          flags.incomplete();
          continue;
        }
        out.add(w.text());
      }
      return out;
    }

    /** kbuild's name-fix: a module name as a C identifier. */
    private static String nameFix(String name) {
      return name.replace('-', '_').replace(',', '_');
    }

    // --- KBUILD_EXTRA_SYMBOLS

    /**
     * The Module.symvers files {@code KBUILD_EXTRA_SYMBOLS} names: as the kbuild pass sets it,
     * else as the user's make sets it (and exports it to the kbuild pass).
     */
    private List<Path> extraSymbols() {
      List<String> words = certainWords("KBUILD_EXTRA_SYMBOLS");
      // set by the user's make without export: modpost reads it only from the kbuild pass or the
      // environment, but people who write it mean it; exported, it came in with the environment
      if (ev.variable("KBUILD_EXTRA_SYMBOLS") == null && mentionsExtraSymbols) {
        MakeEvaluator outer = new MakeEvaluator(env, dir, false, Map.of(), new MakeEvaluator.Listener() {}, inputs);
        outer.readMakefile(makefile);
        outsideValuesRead.addAll(outer.outsideValuesRead());
        List<Word> w = outer.words(outer.finalValue("KBUILD_EXTRA_SYMBOLS"), Guard.TRUE);
        if (w != null) {
          for (Word x : w) {
            if (x.guard().isTrue() && !MakeAssumptions.containsUnknown(x.text())) words.add(x.text());
          }
        }
      }
      List<Path> out = new ArrayList<>();
      for (String s : words) {
        try {
          Path p = Path.of(s);
          Path resolved = (p.isAbsolute() ? p : dir.resolve(p)).normalize();
          if (!out.contains(resolved)) out.add(resolved);
        } catch (InvalidPathException e) {
          // not a path this system can have
        }
      }
      return out;
    }

    // --- sources

    private Optional<Path> source(String object) {
      String base = objectBase(object);
      if (base == null) return Optional.empty();
      for (String suffix : List.of(".c", ".S")) {
        try {
          Path source = dir.resolve(base + suffix).normalize();
          inputs.lookedUp(source);
          if (Files.isRegularFile(source)) return Optional.of(source);
        } catch (InvalidPathException e) {
          break;
        }
      }
      return Optional.empty();
    }

    private List<Path> filesInDirectory() {
      List<Path> out = new ArrayList<>();
      inputs.listed(dir);
      try (java.util.stream.Stream<Path> files = Files.list(dir)) {
        files.filter(Files::isRegularFile).forEach(out::add);
      } catch (IOException | java.io.UncheckedIOException e) {
        // an unreadable directory has no sources we can see
      }
      return out;
    }

    /**
     * An object without a .c/.S source that can still be made: a rule or targets list of the
     * file names it, or another input of the same name is there (foo.y, foo.asn1, foo.rs,
     * foo.c_shipped, foo.dts for foo.dtb.o). Build outputs (foo.ko, foo.mod.c) are not inputs.
     */
    /**
     * {@link #generated(String)}, or, for an object of a module the kernel's .config does not
     * build ({@code gates} all off), a target of a rule in a branch the .config does not take:
     * the module is analyzed as built, and the configuration that builds it reads that branch
     * (rust/Makefile: obj-$(CONFIG_RUST) += core.o, its rule under ifdef CONFIG_RUST).
     */
    private boolean generated(String object, Set<String> gates) {
      return generated(object) || (ruleTargets.contains(stem(object)) && gatesOff(gates));
    }

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
      if (parent == null) return false;
      return stemsByDirectory.computeIfAbsent(parent, d -> {
        Set<String> stems = new HashSet<>();
        inputs.listed(d);
        try (java.util.stream.Stream<Path> files = Files.list(d)) {
          files.forEach(f -> {
            String n = f.getFileName().toString();
            // neither the object itself (a prebuilt foo.o), a header nor what a build leaves is its input
            if (!n.endsWith(".h") && !BUILD_OUTPUT.matcher(n).matches()) stems.add(stem(n));
          });
        } catch (IOException | java.io.UncheckedIOException e) {
          // an unreadable directory has no inputs we can see
        }
        return stems;
      }).contains(stem);
    }

    /**
     * Records the CONFIG symbols every word of a file names and the base names of the files it
     * may name. Recipes count for the latter only: a shell command's CONFIG_ is no Kbuild
     * reference.
     */
    private void scanWritten(Path file) {
      MakefileSyntax.Parsed parsed = ev.parsedFile(file);
      if (parsed == null) return;
      new IterativeParseTreeWalker().walk(new ParseTreeListener() {
        @Override
        public void visitTerminal(TerminalNode node) {
          Token t = node.getSymbol();
          if (t.getStartIndex() < 0 || t.getTokenIndex() < 0) return;
          String text = t.getText();
          int type = t.getType();
          if (text.contains("KBUILD_EXTRA_SYMBOLS")) mentionsExtraSymbols = true;
          for (String piece : NOT_FILE_NAME.split(text)) {
            if (piece.isEmpty()) continue;
            mentioned.add(stem(piece));
            if (piece.endsWith(".o") || piece.endsWith(".c") || piece.endsWith(".S")) {
              String object = piece.endsWith(".o") ? piece : piece.substring(0, piece.length() - 2) + ".o";
              if (!object.startsWith("/")) source(object).ifPresent(writtenSources::add);
            }
          }
          if (type == KbuildLexer.RECIPE || type == KbuildLexer.DEFINE_LINE) return;
          Matcher m = CONFIG_NAME.matcher(text);
          SourcePosition at = parsed.position(t);
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
        public void enterEveryRule(ParserRuleContext ctx) {
          if (!(ctx instanceof KbuildParser.RuleLineContext rule)) return;
          for (TerminalNode n : rule.WORD())
            for (String piece : NOT_FILE_NAME_OR_PATTERN.split(n.getText())) if (!piece.isEmpty()) ruleTargets.add(stem(piece));
        }

        @Override
        public void exitEveryRule(ParserRuleContext ctx) {}
      }, parsed.tree());
    }
  }

  /** {@code foo} for {@code $(obj)/foo.asn1.o}: the name after the last slash, up to the first dot. */
  static String stem(String word) {
    String base = word.substring(word.lastIndexOf('/') + 1);
    int dot = base.indexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }

  /** {@code foo} for {@code foo.o}; null for anything else, such as a {@code dir/} descent. */
  static String objectBase(String word) {
    return word.length() > 2 && word.endsWith(".o") ? word.substring(0, word.length() - 2) : null;
  }
}
