package dev.kmodlint.kbuild;

import dev.kmodlint.kbuild.MakeText.Piece;
import dev.kmodlint.kbuild.MakeText.Word;
import dev.kmodlint.kbuild.MakeVariable.Flavor;
import dev.kmodlint.kbuild.MakeVariable.Origin;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.text.BoundedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Evaluates Makefiles as GNU make reads them, without running anything: variables with their
 * flavours and origins, conditionals decided with the values at that point, the built-in
 * functions, {@code include}. What the file cannot know is carried as data
 * ({@link MakeAssumptions}): an unknown value is a marked character of the text; a conditional
 * that depends on one takes both branches, each in a world of its own whose additions are
 * guarded by the branch ({@link Guard}), and the worlds are merged again at {@code endif}.
 * {@code $(shell ...)} and {@code !=} are never run: their value is unknown.
 *
 * <p>Nothing thrown: a problem is a notification, and evaluation goes on. An expansion budget
 * bounds the work a Makefile can ask for (a recursive variable that doubles per level).
 */
final class MakeEvaluator {
  static final String EVAL_LIMIT = "kbuild-expansion-limit";
  static final String MAKE_ERROR = "kbuild-make-error";
  static final String NOT_EVALUATED = "kbuild-unevaluated";

  /** Work units (references, function calls, pieces) one directory may cost. */
  private static final long BUDGET = 20_000_000;
  /** What one statement (or one value read after the file) may cost. */
  private static final long STATEMENT_BUDGET = 500_000;
  /** Characters one expansion may produce. */
  private static final int MAX_TEXT = 2_000_000;
  /** Nested expansions ($($($(X))), recursive variables, $(call) recursion). */
  private static final int MAX_DEPTH = 64;
  /** Worlds enumerated to evaluate a function or a condition exactly. */
  static final int MAX_WORLDS = 64;
  private static final int MAX_INCLUDE_DEPTH = 16;
  private static final int MAX_FILES = 64;
  private static final int MAX_EVAL_DEPTH = 16;
  static final long MAX_BYTES = 4L << 20;
  /** Names the environment may set: upper-case identifiers (ARCH, KVER, DEBUG). */
  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  /** Hooks for the Kbuild interpretation that reads the evaluation. */
  interface Listener {
    /** An internal variable name for an assignment whose name is written {@code rawName}, or empty. */
    default Optional<String> listVariable(String rawName) {
      return Optional.empty();
    }

    /**
     * An assignment statement, evaluated ({@code evaluated}) or in a branch make skips;
     * {@code rawName} as written, {@code value} its raw pieces.
     */
    default void assignment(String name, String rawName, SourcePosition at, String valueAsWritten, MakeText value,
        boolean evaluated) {}

    /** An assignment to a variable whose name depends on {@code reasons}: which one is unknown. */
    default void unknownAssignment(String rawName, SourcePosition at, Set<String> reasons) {}

    /** A rule line, with its targets as expanded. */
    default void rule(MakefileSyntax.Parsed file, KbuildParser.RuleLineContext rule, List<Word> targets) {}
  }

  final KbuildEnvironment env;
  final Path dir;
  /** Where relative paths are resolved: the source tree for in-tree Makefiles, else the directory. */
  final Path cwd;
  final Path treeRoot;
  final boolean inTree;
  final MakeAssumptions known = new MakeAssumptions();
  private final Listener listener;
  /** What the reading looked at, for a cache of it. */
  final MakefileInputs inputs;
  private final List<Notification> notifications = new ArrayList<>();
  private final Set<String> notified = new HashSet<>();
  private final MakeFunctions functions = new MakeFunctions(this);

  private final Table root = new Table(null);
  private Table table = root;
  Guard context = Guard.TRUE;
  /** Temporary variables of $(foreach) and $(call), innermost first. */
  private Frame locals;
  private final Set<String> expanding = new HashSet<>();
  private int depth;
  private int evalDepth;
  private long steps;
  private long statementLimit = STATEMENT_BUDGET;
  private boolean exhausted;
  private boolean statementExhausted;
  /** After the file is read: expanding to look, so $(eval) and $(error) do nothing. */
  private boolean looking;
  boolean opaque;
  private final Deque<Path> including = new ArrayDeque<>();
  private final Map<Path, MakefileSyntax.Parsed> parsed = new HashMap<>();
  private final List<Path> filesRead = new ArrayList<>();
  private final Set<String> kernelConfigNames = new HashSet<>();
  /** Whether this is kbuild's pass, where the kernel's release and version are set from outside. */
  private final boolean kbuildPass;
  /** The variables of the kernel's version read so far (KERNELRELEASE, VERSION...): see {@link #outsideValuesRead()}. */
  private final Set<String> versionNamesRead = new HashSet<>();
  private static final Set<String> VERSION_NAMES = Set.of("KERNELRELEASE", "VERSION", "PATCHLEVEL", "SUBLEVEL");
  private final Map<String, MakeVariable> kernelConfigValues = new HashMap<>();
  private MakefileSyntax.Parsed currentFile;

  MakeEvaluator(KbuildEnvironment env, Path dir, boolean kbuildPass, Listener listener) {
    this(env, dir, kbuildPass, Map.of(), listener);
  }

  /**
   * {@code environment}: variables the process environment gives, as the user's make exports
   * them to kbuild's pass ({@code export CONFIG_FOO = m} beside {@code $(MAKE) -C $(KDIR) M=...}).
   */
  MakeEvaluator(KbuildEnvironment env, Path dir, boolean kbuildPass, Map<String, String> environment,
      Listener listener) {
    this(env, dir, kbuildPass, environment, listener, MakefileInputs.NONE);
  }

  /** The same, the files read and directories looked into recorded in {@code inputs}. */
  MakeEvaluator(KbuildEnvironment env, Path dir, boolean kbuildPass, Map<String, String> environment,
      Listener listener, MakefileInputs inputs) {
    this.env = env;
    this.inputs = inputs;
    this.kbuildPass = kbuildPass;
    this.dir = dir.toAbsolutePath().normalize();
    this.listener = listener;
    Optional<Path> srctree = env.sourceTree().filter(this.dir::startsWith);
    this.inTree = srctree.isPresent();
    this.cwd = srctree.orElse(this.dir);
    this.treeRoot = env.tree().filter(t -> this.dir.startsWith(t)).or(() -> srctree).orElse(this.dir);
    predefine(kbuildPass, srctree);
    for (Map.Entry<String, String> e : environment.entrySet()) {
      MakeVariable old = root.get(e.getKey());
      if (old == null || old.origin() == Origin.ENVIRONMENT) {
        root.own.put(e.getKey(), MakeVariable.simple(Origin.ENVIRONMENT, MakeText.of(e.getValue(), null)));
      }
    }
  }

  /** Names exported ({@code export X = v}, {@code export X}) and not unexported since, in order. */
  private final Set<String> exported = new LinkedHashSet<>();

  Set<String> exported() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(exported));
  }

  // ---------------------------------------------------------------------------------------
  // Variables

  private static final MakeVariable UNDEFINED = MakeVariable.simple(Origin.DEFAULT, MakeText.EMPTY);

  /** Variables of one world, over those of the world it was forked from. */
  private static final class Table {
    final Table parent;
    final Map<String, MakeVariable> own = new HashMap<>();

    Table(Table parent) {
      this.parent = parent;
    }

    /** The variable as this world sees it; {@link #UNDEFINED} after undefine; null if never set. */
    MakeVariable get(String name) {
      for (Table t = this; t != null; t = t.parent) {
        MakeVariable v = t.own.get(name);
        if (v != null) return v;
      }
      return null;
    }
  }

  /** A binding of $(foreach) or $(call): {@code name} is {@code value} (a simple variable). */
  private record Frame(Frame outer, Map<String, MakeText> values) {}

  private void predefine(boolean kbuildPass, Optional<Path> srctree) {
    SourcePosition none = null;
    String d = dir.toString();
    // Kbuild.include, before every Kbuild file
    set("comma", ",");
    set("quote", "\"");
    set("squote", "'");
    set("empty", "");
    set("space", " ");
    set("space_escape", "_-_SPACE_-_");
    set("pound", "#");
    set("dot-target", known.unknownString("$(dot-target), set per target"));
    set("MAKE", "make");
    set("CURDIR", inTree ? cwd.toString() : d);
    set("PWD", inTree ? cwd.toString() : d);
    set("MAKEFILE_LIST", "");
    if (kbuildPass) {
      // scripts/Makefile.build clears these before it includes the Kbuild file
      for (String v : List.of("obj-y", "obj-m", "lib-y", "lib-m", "always-y", "always-m", "targets", "subdir-y",
          "subdir-m", "EXTRA_AFLAGS", "EXTRA_CFLAGS", "EXTRA_CPPFLAGS", "EXTRA_LDFLAGS", "asflags-y", "ccflags-y",
          "rustflags-y", "cppflags-y", "ldflags-y", "subdir-asflags-y", "subdir-ccflags-y")) {
        set(v, "");
      }
      String rel = srctree.map(s -> s.relativize(dir).toString()).orElse(d);
      if (rel.isEmpty()) rel = ".";
      set("src", rel);
      set("obj", rel);
      set("KERNELRELEASE", env.kernelRelease().orElseGet(
          () -> String.valueOf(known.unknown("KERNELRELEASE, the target kernel's release", true))));
      if (inTree) {
        set("KBUILD_EXTMOD", "");
      } else {
        set("M", d);
        set("KBUILD_EXTMOD", d);
      }
      String[] version = env.kernelVersion().map(v -> v.split("\\.")).orElse(new String[0]);
      setOrUnknown("VERSION", version.length > 0 ? version[0] : null, "VERSION, the target kernel's version");
      setOrUnknown("PATCHLEVEL", version.length > 1 ? version[1] : null, "PATCHLEVEL, the target kernel's version");
      setOrUnknown("SUBLEVEL", version.length > 2 ? version[2] : null, "SUBLEVEL, the target kernel's version");
    } else {
      // the user's own make: KERNELRELEASE is not set yet
      set("KERNELRELEASE", "");
    }
    if (kbuildPass) {
      // the kernel's own flags, not this Makefile's: they are the kernel build context's part
      for (String v : List.of("KBUILD_CFLAGS", "KBUILD_CPPFLAGS", "KBUILD_AFLAGS", "KBUILD_LDFLAGS",
          "KBUILD_CFLAGS_MODULE", "KBUILD_AFLAGS_MODULE", "LINUXINCLUDE", "NOSTDINC_FLAGS")) {
        root.own.put(v, MakeVariable.simple(Origin.ENVIRONMENT, MakeText.EMPTY));
      }
      // exported by the kernel's top Makefile: defined, with values only the real build knows
      for (String v : List.of("ARCH", "SRCARCH", "SUBARCH", "CROSS_COMPILE", "CC", "LD", "AR", "NM", "OBJCOPY",
          "OBJDUMP", "HOSTCC", "HOSTCXX", "KERNELVERSION", "EXTRAVERSION", "LLVM", "CONFIG_SHELL", "PERL",
          "PYTHON3", "AWK", "objtree", "abs_srctree", "abs_objtree", "MAKECMDGOALS", "Q", "quiet")) {
        root.own.put(v, MakeVariable.simple(Origin.ENVIRONMENT,
            MakeText.of(known.unknownString(v + ", set by the kernel's build"), none)));
      }
      if (srctree.isPresent()) {
        set("srctree", srctree.get().toString());
        set("objtree", srctree.get().toString());
      } else {
        root.own.put("srctree", MakeVariable.simple(Origin.ENVIRONMENT,
            MakeText.of(known.unknownString("srctree, the kernel source tree, which is not scanned"), none)));
      }
    }
    for (Map.Entry<String, String> e : env.commandLine().entrySet()) {
      root.own.put(e.getKey(), MakeVariable.simple(Origin.COMMAND_LINE, MakeText.of(e.getValue(), none)));
    }
  }

  private void set(String name, String value) {
    root.own.put(name, MakeVariable.simple(Origin.FILE, MakeText.of(value, null)));
  }

  private void setOrUnknown(String name, String value, String reason) {
    set(name, value != null ? value : known.unknownString(reason));
  }

  /**
   * The variable as the current world sees it, with the values from outside the file: the
   * kernel's CONFIG symbols ({@code auto.conf}), or one question per symbol when there is no
   * .config. Null when nothing defines it.
   */
  MakeVariable variable(String name) {
    return variable(table, name);
  }

  private MakeVariable variable(Table t, String name) {
    if (kbuildPass && VERSION_NAMES.contains(name)) versionNamesRead.add(name);
    MakeVariable v = t.get(name);
    if (v == UNDEFINED) return null;
    if (v != null) return v;
    if (name.startsWith("CONFIG_") && name.length() > 7) return kernelConfig(name);
    return null;
  }

  private MakeVariable kernelConfig(String name) {
    MakeVariable cached = kernelConfigValues.get(name);
    if (cached != null || kernelConfigValues.containsKey(name)) return cached;
    MakeVariable v;
    if (env.kernelConfig().isPresent()) {
      String value = env.kernelConfig().get().get(name);
      v = value == null ? null : MakeVariable.simple(Origin.FILE, MakeText.of(value, null));
    } else {
      int id = known.named("config:" + name, "when " + name + " is {} (no kernel .config given)",
          List.of("y", "m", "not set"));
      MakeText value = new MakeText.Builder().add("y", null, Guard.of(id, 1)).add("m", null, Guard.of(id, 2)).build();
      v = new MakeVariable(Flavor.SIMPLE, Origin.FILE, value, List.of(Guard.of(id, 3)), List.of());
    }
    kernelConfigValues.put(name, v);
    kernelConfigNames.add(name);
    return v;
  }

  /**
   * What the evaluation read of the kernel's values from outside the file: the {@code CONFIG_}
   * symbols it looked up and, in kbuild's pass, the variables of the kernel's release and
   * version. Another kernel whose values of these are the same reads the file the same way.
   */
  Set<String> outsideValuesRead() {
    Set<String> out = new HashSet<>(kernelConfigNames);
    out.addAll(versionNamesRead);
    return out;
  }

  /** True when {@code CONFIG_X} has the kernel configuration's value here (no assignment of the file or command line). */
  boolean fromKernelConfig(String name) {
    if (!name.startsWith("CONFIG_")) return false;
    MakeVariable v = table.get(name);
    return v == null;
  }

  static boolean environmentName(String name) {
    return ENVIRONMENT_NAME.matcher(name).matches();
  }

  /**
   * True when an undefined {@code name} may still have a value from outside the file: a name
   * the environment may set, for an out-of-tree Makefile (whose users pass KSRC, KVER, DEBUG...).
   * In a kernel tree, what the kernel's build sets is defined already and the rest is not set.
   * CONFIG symbols are the .config's (absent: not set) or, without one, questions of their own.
   */
  boolean outsideValue(String name) {
    return !inTree && environmentName(name) && !name.startsWith("CONFIG_");
  }

  /** Every variable name the file defined (and the kernel values it read). */
  Set<String> variableNames() {
    Set<String> out = new TreeSet<>();
    for (Table t = table; t != null; t = t.parent) {
      for (Map.Entry<String, MakeVariable> e : t.own.entrySet()) if (e.getValue() != UNDEFINED) out.add(e.getKey());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------
  // Expansion

  /**
   * Counts work; false, and unknown results, once the statement's budget is spent (until the
   * next statement) or the directory's (for good).
   */
  private boolean spend(long units) {
    if (exhausted || statementExhausted) return false;
    steps += units;
    if (steps > statementLimit || steps > BUDGET) {
      statementExhausted = true;
      if (steps > BUDGET) exhausted = true;
      notifyOnce(EVAL_LIMIT, Level.WARNING, "the Makefile asks for more expansion work than kmodlint allows (a"
          + " variable that grows at each level?); the values it asks for there are unknown", currentPosition());
      return false;
    }
    return true;
  }

  /** A new statement, or a value read after the file: a budget of its own. */
  private void newStatement() {
    statementExhausted = false;
    statementLimit = steps + STATEMENT_BUDGET;
  }

  private SourcePosition currentPosition() {
    return currentFile == null ? SourcePosition.startOf(dir) : SourcePosition.startOf(currentFile.file());
  }

  MakeText unknown(String reason, SourcePosition at) {
    return MakeText.of(known.unknownString(reason), at);
  }

  private MakeText budgetUnknown(SourcePosition at) {
    return unknown("values past kmodlint's expansion budget", at);
  }

  /** Expands {@code s} (written at {@code at}) where {@code ctx} holds. */
  MakeText expand(String s, SourcePosition at, Guard ctx) {
    if (s.indexOf('$') < 0) return MakeText.of(s, at);
    if (!spend(1)) return budgetUnknown(at);
    if (depth >= MAX_DEPTH) {
      notifyOnce(EVAL_LIMIT, Level.WARNING, "references nest deeper than " + MAX_DEPTH
          + " levels; kmodlint takes the deeper values as unknown", at);
      return unknown("references nested too deep", at);
    }
    depth++;
    try {
      MakeText.Builder b = new MakeText.Builder();
      StringBuilder literal = new StringBuilder();
      int n = s.length();
      int i = 0;
      while (i < n) {
        char c = s.charAt(i);
        if (c != '$') {
          literal.append(c);
          i++;
          continue;
        }
        if (i + 1 == n) break; // a lone '$' at the end expands to nothing
        char next = s.charAt(i + 1);
        if (next == '$') {
          literal.append('$');
          i += 2;
          continue;
        }
        if (literal.length() > 0) {
          b.add(literal.toString(), at, Guard.TRUE);
          literal.setLength(0);
        }
        if (next == '(' || next == '{') {
          int end = close(s, i + 1);
          if (end < 0) {
            // make stops with "unterminated variable reference"; the parse already reported it
            b.add(unknown("an unterminated variable reference", at));
            break;
          }
          MakeText r = reference(s.substring(i + 2, end), next, at, ctx);
          if (!spend(r.pieces.size())) return budgetUnknown(at);
          b.add(r);
          i = end + 1;
        } else {
          MakeText r = variableValue(String.valueOf(next), at, ctx);
          if (!spend(r.pieces.size())) return budgetUnknown(at);
          b.add(r);
          i += 2;
        }
        if (b.length() > MAX_TEXT) {
          spend(STATEMENT_BUDGET);
          return budgetUnknown(at);
        }
      }
      if (literal.length() > 0) b.add(literal.toString(), at, Guard.TRUE);
      return b.build();
    } finally {
      depth--;
    }
  }

  /** Index of the parenthesis closing the one at {@code open}, counting only its own kind, as make does. */
  static int close(String s, int open) {
    char o = s.charAt(open);
    char c = o == '(' ? ')' : '}';
    int count = 0;
    for (int i = open; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == o) {
        count++;
      } else if (ch == c && --count == 0) {
        return i;
      }
    }
    return -1;
  }

  static boolean wholeReference(String s) {
    return s.length() >= 3 && s.charAt(0) == '$' && (s.charAt(1) == '(' || s.charAt(1) == '{')
        && close(s, 1) == s.length() - 1;
  }

  /**
   * A raw piece of a value: a word that is one reference keeps the places of the words it
   * stands for ({@code OBJS := a.o b.o ... $(OBJS)}); otherwise every word made is placed on
   * this one ({@code $(NAME).o}).
   */
  MakeText expandPiece(Piece p, Guard ctx) {
    MakeText t = expand(p.text(), p.at(), ctx);
    return wholeReference(p.text()) || p.at() == null ? t : t.at(p.at());
  }

  /** The expansion of raw pieces (a recursive variable's value, or a value to assign with :=). */
  MakeText expandRaw(MakeText raw, Guard ctx) {
    MakeText.Builder b = new MakeText.Builder();
    for (Piece p : raw.pieces) {
      Guard g = ctx.and(p.guard());
      if (g == null) continue;
      if (!p.raw()) {
        b.add(p);
      } else {
        MakeText e = expandPiece(p, g);
        if (!spend(e.pieces.size())) return budgetUnknown(p.at());
        b.add(e, p.guard());
      }
    }
    return b.build();
  }

  private MakeText reference(String inner, char open, SourcePosition at, Guard ctx) {
    int blank = -1;
    for (int k = 0; k < inner.length(); k++) {
      char ch = inner.charAt(k);
      if (ch == ' ' || ch == '\t') {
        blank = k;
        break;
      }
      if (ch == '$' || ch == ':' || ch == open || ch == ',') break;
    }
    if (blank > 0) {
      String name = inner.substring(0, blank);
      if (MakeFunctions.isFunction(name)) {
        if (!spend(1)) return budgetUnknown(at);
        int k = blank;
        while (k < inner.length() && (inner.charAt(k) == ' ' || inner.charAt(k) == '\t')) k++;
        return functions.call(name, inner.substring(k), open, at, ctx);
      }
    }
    MakeText nameText = inner.indexOf('$') >= 0 ? expand(inner, at, ctx) : MakeText.of(inner, at);
    MakeText.Builder b = new MakeText.Builder();
    for (World w : worlds(ctx, List.of(nameText))) {
      if (w == null) return unknown("a variable name that depends on too many conditions", at);
      String s = w.strings().get(0);
      MakeText value;
      if (MakeAssumptions.containsUnknown(s)) {
        value = unknown("a variable whose name depends on " + String.join(", ", known.reasons(s)), at);
      } else {
        Guard g = ctx.and(w.guard());
        value = g == null ? MakeText.EMPTY : referenceOf(s, at, g);
      }
      b.add(value, w.guard().isTrue() ? Guard.TRUE : w.guard());
    }
    return b.build();
  }

  /** {@code $(NAME)} or the substitution reference {@code $(NAME:from=to)}, name already expanded. */
  private MakeText referenceOf(String s, SourcePosition at, Guard ctx) {
    int colon = s.indexOf(':');
    if (colon >= 0) {
      int eq = s.indexOf('=', colon + 1);
      if (eq >= 0) {
        String from = s.substring(colon + 1, eq);
        String to = s.substring(eq + 1);
        MakeText value = variableValue(s.substring(0, colon), at, ctx);
        if (from.indexOf('%') < 0) {
          from = "%" + from;
          to = "%" + to;
        }
        String pattern = from;
        String replacement = to;
        return wordwise(value, ctx, w -> MakeFunctions.patsubst(pattern, replacement, w));
      }
    }
    return variableValue(s, at, ctx);
  }

  /** The value of variable {@code name} where {@code ctx} holds. */
  MakeText variableValue(String name, SourcePosition at, Guard ctx) {
    for (Frame f = locals; f != null; f = f.outer()) {
      MakeText v = f.values().get(name);
      if (v != null) return v;
    }
    MakeVariable v = variable(name);
    if (v == null) {
      if (outsideValue(name)) return unknown(name + ", set outside the file", at);
      return MakeText.EMPTY;
    }
    if (!spend(1)) return budgetUnknown(at);
    MakeText.Builder b = new MakeText.Builder();
    boolean recursive = false;
    for (Piece p : v.value().pieces) {
      if (p.raw()) recursive = true;
    }
    if (!recursive) {
      for (Piece p : v.value().pieces) if (ctx.consistentWith(p.guard())) b.add(p);
      return b.build();
    }
    if (!expanding.add(name)) {
      notifyOnce(MAKE_ERROR, Level.WARNING, "recursive variable " + name + " references itself (eventually):"
          + " make stops here; kmodlint takes the inner reference as unknown", at);
      return unknown(name + ", which references itself", at);
    }
    try {
      return expandRaw(v.value(), ctx);
    } finally {
      expanding.remove(name);
    }
  }

  /** The value of a recursive variable for $(call), where it may refer to itself. */
  MakeText callValue(String name, SourcePosition at, Guard ctx, List<MakeText> args) {
    MakeVariable v = variable(name);
    if (v == null) {
      if (outsideValue(name)) return unknown("$(call " + name + "), a function defined outside the file", at);
      return MakeText.EMPTY;
    }
    Map<String, MakeText> bound = new HashMap<>();
    bound.put("0", MakeText.of(name, at));
    for (int k = 0; k < args.size(); k++) bound.put(String.valueOf(k + 1), args.get(k));
    // the arguments of an enclosing $(call) are not visible beyond this call's own
    for (Frame f = locals; f != null; f = f.outer()) {
      for (String key : f.values().keySet()) {
        if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) bound.putIfAbsent(key, MakeText.EMPTY);
      }
    }
    Frame saved = locals;
    locals = new Frame(locals, bound);
    boolean wasExpanding = expanding.remove(name);
    try {
      return expandRaw(v.value(), ctx);
    } finally {
      locals = saved;
      if (wasExpanding) expanding.add(name);
    }
  }

  /** Runs {@code body} with {@code name} bound to {@code value} ($(foreach)). */
  MakeText withLocal(String name, MakeText value, java.util.function.Supplier<MakeText> body) {
    Frame saved = locals;
    locals = new Frame(locals, Map.of(name, value));
    try {
      return body.get();
    } finally {
      locals = saved;
    }
  }

  boolean isLocal(String name) {
    for (Frame f = locals; f != null; f = f.outer()) if (f.values().containsKey(name)) return true;
    return false;
  }

  /** Applies {@code f} to each word ({@code null}: dropped); positions and guards kept. */
  MakeText wordwise(MakeText text, Guard ctx, java.util.function.UnaryOperator<String> f) {
    List<Word> words = words(text, ctx);
    if (words == null) return unknown("a list that depends on too many conditions", text.firstPosition(null));
    List<Word> out = new ArrayList<>(words.size());
    for (Word w : words) {
      String r = f.apply(w.text());
      if (r != null && !r.isEmpty()) out.add(new Word(r, w.at(), w.guard()));
    }
    spend(out.size() / 8 + 1);
    return MakeText.ofWords(out);
  }

  /** The words of {@code text} in every world where {@code ctx} holds; null when too many. */
  List<Word> words(MakeText text, Guard ctx) {
    return text.words(ctx);
  }

  // ---------------------------------------------------------------------------------------
  // Worlds and decisions

  /** One combination of answers, with the texts as they read under it. */
  record World(Guard guard, List<String> strings) {}

  /**
   * Every combination of answers to the questions the texts depend on, within {@code ctx};
   * a list holding one null when there are more than {@link #MAX_WORLDS}.
   */
  List<World> worlds(Guard ctx, List<MakeText> texts) {
    List<Integer> ids = new ArrayList<>();
    for (MakeText t : texts) for (int id : t.assumptions()) if (!ids.contains(id)) ids.add(id);
    if (ids.isEmpty()) {
      List<String> strings = new ArrayList<>();
      for (MakeText t : texts) strings.add(t.flat());
      return List.of(new World(Guard.TRUE, strings));
    }
    List<Guard> combos = new ArrayList<>(List.of(Guard.TRUE));
    for (int id : ids) {
      int allowed = ctx.maskOf(id);
      List<Guard> next = new ArrayList<>();
      for (Guard g : combos) {
        for (int bit = 0; bit < Guard.choices(id); bit++) {
          if ((allowed & (1 << bit)) == 0) continue;
          Guard h = g.and(Guard.of(id, 1 << bit));
          if (h != null) next.add(h);
        }
      }
      if (next.size() > MAX_WORLDS) {
        List<World> none = new ArrayList<>();
        none.add(null);
        return none;
      }
      combos = next;
    }
    List<World> out = new ArrayList<>();
    for (Guard g : combos) {
      Guard full = ctx.and(g);
      if (full == null) continue;
      List<String> strings = new ArrayList<>();
      for (MakeText t : texts) strings.add(t.in(full));
      out.add(new World(g, strings));
    }
    return out;
  }

  /** How a test comes out: decided, or true exactly where {@code yes} holds and false where {@code no}. */
  record Outcome(Boolean decided, Guard yes, Guard no) {
    static final Outcome TRUE = new Outcome(Boolean.TRUE, null, null);
    static final Outcome FALSE = new Outcome(Boolean.FALSE, null, null);

    static Outcome of(boolean b) {
      return b ? TRUE : FALSE;
    }
  }

  /** Per world: TRUE, FALSE, or null when the world's values do not tell. */
  interface Test {
    Boolean in(List<String> strings);
  }

  /**
   * Decides {@code test} on {@code texts}: exactly when it follows from the answers to one
   * question (CONFIG_X is y), else on a new question that {@code what} describes.
   */
  Outcome decide(Guard ctx, List<MakeText> texts, Test test, String kind, String what, SourcePosition at) {
    List<World> worlds = worlds(ctx, texts);
    Set<String> why = new LinkedHashSet<>();
    if (worlds.size() == 1 && worlds.get(0) == null) {
      why.add("more conditions than kmodlint follows");
    } else {
      Map<Guard, Boolean> results = new LinkedHashMap<>();
      boolean undecided = false;
      for (World w : worlds) {
        Boolean r = test.in(w.strings());
        if (r == null) {
          undecided = true;
          for (String s : w.strings()) why.addAll(known.reasons(s));
        }
        results.put(w.guard(), r);
      }
      if (!undecided) {
        if (!results.containsValue(Boolean.FALSE)) return Outcome.TRUE;
        if (!results.containsValue(Boolean.TRUE)) return Outcome.FALSE;
        Outcome exact = separable(results);
        if (exact != null) return exact;
      }
      for (World w : worlds) {
        for (int k = 0; k < w.guard().size(); k++) why.add(subject(known.assumption(w.guard().id(k)).what()));
      }
    }
    String description = "when " + what + " at " + place(at) + " {} (it depends on " + String.join(", ", why) + ")";
    // the same test of the same unknown values is the same question: ifdef DEBUG twice agrees
    int id = worlds.size() == 1 && worlds.get(0) != null
        ? known.named("test:" + kind + "\u0000" + String.join("\u0000", worlds.get(0).strings()), description,
            List.of("holds", "does not hold"))
        : known.assume(description, List.of("holds", "does not hold"));
    return new Outcome(null, Guard.of(id, 1), Guard.of(id, 2));
  }

  /** "CONFIG_X (no kernel .config given)" of "when CONFIG_X is {} (no kernel .config given)". */
  private static String subject(String what) {
    return what.replaceFirst("^when ", "").replace(" is {}", "").replace(" {}", "");
  }

  /** True where the answer to one question is in some set, false elsewhere: that question's literal. */
  private static Outcome separable(Map<Guard, Boolean> results) {
    Set<Integer> ids = new LinkedHashSet<>();
    for (Guard g : results.keySet()) for (int k = 0; k < g.size(); k++) ids.add(g.id(k));
    for (int id : ids) {
      int yes = 0;
      int no = 0;
      for (Map.Entry<Guard, Boolean> e : results.entrySet()) {
        int m = e.getKey().maskOf(id);
        if (e.getValue()) yes |= m;
        else no |= m;
      }
      if ((yes & no) == 0 && yes != 0 && no != 0) return new Outcome(null, Guard.of(id, yes), Guard.of(id, no));
    }
    return null;
  }

  /** Whether {@code text}, stripped, is empty: the test of $(if), $(or), $(and), ifdef. */
  Outcome emptiness(MakeText text, Guard ctx, String what, SourcePosition at) {
    return decide(ctx, List.of(text), s -> {
      String v = s.get(0).strip();
      if (v.isEmpty()) return Boolean.FALSE;
      for (int k = 0; k < v.length(); k++) {
        char c = v.charAt(k);
        if (!MakeAssumptions.isUnknown(c) || known.nonEmpty(c)) return Boolean.TRUE;
      }
      return null;
    }, "nonempty", what, at);
  }

  /** ifeq: equal strings. An unknown value equals nothing for sure, except that a non-empty one is not "". */
  Outcome equality(MakeText a, MakeText b, Guard ctx, String what, SourcePosition at) {
    return decide(ctx, List.of(a, b), s -> {
      String x = s.get(0);
      String y = s.get(1);
      boolean ux = MakeAssumptions.containsUnknown(x);
      boolean uy = MakeAssumptions.containsUnknown(y);
      if (!ux && !uy) return x.equals(y);
      if ((x.isEmpty() && surelyNonEmpty(y)) || (y.isEmpty() && surelyNonEmpty(x))) return Boolean.FALSE;
      return null;
    }, "eq", what, at);
  }

  private boolean surelyNonEmpty(String s) {
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (!MakeAssumptions.isUnknown(c) || known.nonEmpty(c)) return true;
    }
    return false;
  }

  String place(SourcePosition at) {
    if (at == null) return dir.getFileName() + "/Makefile";
    return at.file().getFileName() + ":" + at.line();
  }

  // ---------------------------------------------------------------------------------------
  // Worlds of the file: forks at undecidable conditionals, merged after

  /**
   * Runs each body in a world of its own, where its literal holds, and merges the worlds into
   * the current one. The literals must cover every world between them, without overlap.
   */
  void fork(List<Guard> literals, List<Runnable> bodies) {
    Table base = table;
    Guard outer = context;
    List<Table> worlds = new ArrayList<>();
    List<Guard> used = new ArrayList<>();
    for (int k = 0; k < literals.size(); k++) {
      Guard g = outer.and(literals.get(k));
      if (g == null) continue;
      Table t = new Table(base);
      table = t;
      context = g;
      try {
        bodies.get(k).run();
      } finally {
        table = base;
        context = outer;
      }
      worlds.add(t);
      used.add(literals.get(k));
    }
    merge(base, worlds, used);
  }

  /** {@code body} only where {@code g} holds (and nothing elsewhere). */
  void onlyWhere(Guard g, Runnable body) {
    if (context.implies(g)) {
      body.run();
      return;
    }
    List<Guard> literals = new ArrayList<>();
    List<Runnable> bodies = new ArrayList<>();
    literals.add(g);
    bodies.add(body);
    for (Guard n : g.not()) {
      literals.add(n);
      bodies.add(() -> {});
    }
    fork(literals, bodies);
  }

  private void merge(Table base, List<Table> worlds, List<Guard> literals) {
    if (worlds.size() == 1) {
      // a single world: the others were impossible here
      base.own.putAll(worlds.get(0).own);
      return;
    }
    Set<String> names = new LinkedHashSet<>();
    for (Table t : worlds) names.addAll(t.own.keySet());
    for (String name : names) {
      List<MakeVariable> vs = new ArrayList<>();
      boolean same = true;
      for (Table t : worlds) {
        MakeVariable v = variable(t, name);
        if (!vs.isEmpty() && v != vs.get(0)) same = false;
        vs.add(v);
      }
      if (same) {
        MakeVariable v = vs.get(0);
        base.own.put(name, v == null ? UNDEFINED : v);
        continue;
      }
      base.own.put(name, mergeVariable(vs, literals));
      spend(1);
    }
  }

  private static MakeVariable mergeVariable(List<MakeVariable> vs, List<Guard> literals) {
    // the pieces every world begins with stay as they are
    int prefix = Integer.MAX_VALUE;
    List<Piece> first = null;
    for (MakeVariable v : vs) {
      List<Piece> p = v == null ? List.of() : v.value().pieces;
      if (first == null) {
        first = p;
        prefix = p.size();
      } else {
        int k = 0;
        while (k < prefix && k < p.size() && p.get(k).equals(first.get(k))) k++;
        prefix = k;
      }
    }
    MakeText.Builder b = new MakeText.Builder();
    for (int k = 0; k < prefix; k++) b.add(first.get(k));
    List<Guard> defined = new ArrayList<>();
    Flavor flavor = null;
    Origin origin = null;
    LinkedHashSet<SourcePosition> places = new LinkedHashSet<>();
    boolean sameDefinedness = true;
    List<Guard> firstDefined = null;
    for (int i = 0; i < vs.size(); i++) {
      MakeVariable v = vs.get(i);
      List<Guard> d = v == null ? List.of() : v.definedWhen();
      if (firstDefined == null) firstDefined = d;
      else if (!firstDefined.equals(d)) sameDefinedness = false;
      if (v == null) continue;
      List<Piece> p = v.value().pieces;
      for (int k = prefix; k < p.size(); k++) b.add(p.get(k).and(literals.get(i)));
      for (Guard g : d) {
        Guard h = g.and(literals.get(i));
        if (h != null) defined.add(h);
      }
      flavor = flavor == null || flavor == v.flavor() ? v.flavor() : Flavor.MIXED;
      if (origin == null || v.origin() == Origin.FILE || v.origin() == Origin.OVERRIDE) origin = v.origin();
      places.addAll(v.assignedAt());
    }
    if (sameDefinedness && firstDefined != null) defined = firstDefined;
    return new MakeVariable(flavor, origin, b.build(), simplify(defined), new ArrayList<>(places));
  }

  private static List<Guard> simplify(List<Guard> dnf) {
    for (Guard g : dnf) if (g.isTrue()) return MakeVariable.ALWAYS;
    // the literals of one question that together allow every answer are always
    if (dnf.size() > 1) {
      boolean single = true;
      int id = -1;
      int mask = 0;
      for (Guard g : dnf) {
        if (g.size() != 1 || (id >= 0 && g.id(0) != id)) {
          single = false;
          break;
        }
        id = g.id(0);
        mask |= g.mask(0);
      }
      if (single) return List.of(Guard.of(id, mask));
    }
    return dnf.size() > 16 ? List.copyOf(dnf.subList(0, 16)) : List.copyOf(dnf);
  }

  // ---------------------------------------------------------------------------------------
  // Reading files

  /** Reads {@code file} as the Makefile of the directory. */
  void readMakefile(Path file) {
    readFile(file.toAbsolutePath().normalize(), null);
  }

  /** The files read, each once, in the order first read. */
  List<Path> filesRead() {
    return List.copyOf(new LinkedHashSet<>(filesRead));
  }

  /** The parse of a file read. */
  MakefileSyntax.Parsed parsedFile(Path file) {
    return parsed.get(file);
  }

  List<Notification> notifications() {
    return notifications;
  }

  /** Text of a file, decoded as the reader decodes Makefiles; null (and a notification) when unreadable. */
  private String readText(Path path, SourcePosition from) {
    inputs.read(path);
    try {
      return KbuildReader.decode(BoundedReader.read(path, MAX_BYTES));
    } catch (IOException e) {
      notifications.add(Notification.at(KbuildReader.READ_ERROR, Level.WARNING,
          "cannot read " + path + ": " + BoundedReader.reason(e) + "; it is not read as a Kbuild file",
          from != null ? from : SourcePosition.startOf(path)));
      return null;
    }
  }

  private void readFile(Path path, SourcePosition from) {
    if (including.contains(path)) {
      unfollowed(path.getFileName() + " includes itself (through "
          + String.join(", ", including.stream().map(p -> p.getFileName().toString()).toList())
          + "); make would loop, kmodlint reads it once", from != null ? from : SourcePosition.startOf(path));
      return;
    }
    if (including.size() >= MAX_INCLUDE_DEPTH || filesRead.size() >= MAX_FILES) {
      notifyOnce(EVAL_LIMIT, Level.WARNING, "includes nest deeper than " + MAX_INCLUDE_DEPTH + " files or number more"
          + " than " + MAX_FILES + "; " + path.getFileName() + " and the files past it are not read",
          from != null ? from : SourcePosition.startOf(path));
      opaque = true;
      return;
    }
    MakefileSyntax.Parsed file = parsed.get(path);
    if (file == null) {
      String text = readText(path, from);
      if (text == null) return;
      file = MakefileSyntax.parse(path, text);
      parsed.put(path, file);
      notifications.addAll(file.notifications());
    }
    filesRead.add(path);
    MakeVariable list = root.get("MAKEFILE_LIST");
    if (list != null && table == root) {
      root.own.put("MAKEFILE_LIST", list.withValue(Flavor.SIMPLE, Origin.FILE,
          new MakeText.Builder().add(list.value()).add(" " + path, null, Guard.TRUE).build(), null));
    }
    including.push(path);
    MakefileSyntax.Parsed saved = currentFile;
    currentFile = file;
    try {
      walkFile(file);
    } finally {
      currentFile = saved;
      including.pop();
    }
  }

  private void walkFile(MakefileSyntax.Parsed file) {
    for (KbuildParser.BlockContext block : file.tree().block()) walk(file, block);
  }

  private void walk(MakefileSyntax.Parsed file, KbuildParser.BlockContext block) {
    if (block == null) return;
    for (KbuildParser.LineContext line : block.line()) {
      if (line.conditional() == null) newStatement();
      try {
        line(file, line);
      } catch (RuntimeException e) {
        // a construct this evaluator mishandles must not lose the rest of the file
        notifyOnce(MAKE_ERROR, Level.WARNING, "kmodlint could not evaluate this line ("
            + e.getClass().getSimpleName() + "); the rest of the file is read", file.position(line.getStart()));
      }
    }
  }

  private void line(MakefileSyntax.Parsed file, KbuildParser.LineContext line) {
    if (line.conditional() != null) {
      conditional(file, line.conditional());
    } else if (line.defineBlock() != null) {
      define(file, line.defineBlock());
    } else if (line.statement() != null) {
      KbuildParser.StatementContext s = line.statement();
      if (s.assignment() != null) assignment(file, s.assignment());
      else if (s.includeDirective() != null) include(file, s.includeDirective());
      else if (s.ruleLine() != null) rule(file, s.ruleLine());
      else if (s.otherDirective() != null) otherDirective(file, s.otherDirective());
      else if (s.expressionLine() != null) expressionLine(file, s.expressionLine());
      else if (s.exportDirective() != null) exportDirective(file, s.exportDirective());
      // export/unexport lists and recipes change nothing kmodlint reads
    }
  }

  // --- conditionals

  private void conditional(MakefileSyntax.Parsed file, KbuildParser.ConditionalContext c) {
    List<KbuildParser.ConditionContext> conditions = new ArrayList<>();
    List<KbuildParser.BlockContext> blocks = new ArrayList<>();
    conditions.add(c.ifLine() == null ? null : c.ifLine().condition());
    blocks.add(c.block());
    for (KbuildParser.ElseBranchContext e : c.elseBranch()) {
      conditions.add(e.condition());
      blocks.add(e.block());
    }
    chain(file, conditions, blocks, 0);
  }

  private void chain(MakefileSyntax.Parsed file, List<KbuildParser.ConditionContext> conditions,
      List<KbuildParser.BlockContext> blocks, int from) {
    if (from >= blocks.size()) return;
    KbuildParser.ConditionContext cond = conditions.get(from);
    if (cond == null) {
      if (from == 0) {
        // an if line the parser could not read: its branches are all possible
        List<Guard> lits = new ArrayList<>();
        int id = known.assume("when an unreadable conditional at " + place(file.position(blocks.get(0).getStart()))
            + " {}", List.of("holds", "does not hold"));
        lits.add(Guard.of(id, 1));
        lits.add(Guard.of(id, 2));
        fork(lits, List.of(() -> walk(file, blocks.get(0)), () -> chain(file, conditions, blocks, 1)));
        return;
      }
      walk(file, blocks.get(from));
      for (int k = from + 1; k < blocks.size(); k++) skipped(file, blocks.get(k));
      return;
    }
    Outcome o = condition(file, cond);
    if (o.decided() != null) {
      if (o.decided()) {
        walk(file, blocks.get(from));
        for (int k = from + 1; k < blocks.size(); k++) skipped(file, blocks.get(k));
      } else {
        skipped(file, blocks.get(from));
        chain(file, conditions, blocks, from + 1);
      }
      return;
    }
    fork(List.of(o.yes(), o.no()), List.of(() -> walk(file, blocks.get(from)),
        () -> chain(file, conditions, blocks, from + 1)));
  }

  private Outcome condition(MakefileSyntax.Parsed file, KbuildParser.ConditionContext c) {
    SourcePosition at = file.position(c.getStart());
    String written = file.text(c.getStart(), c.getStop());
    boolean negate = c.IFNEQ() != null || c.IFNDEF() != null;
    Outcome o;
    if (c.IFDEF() != null || c.IFNDEF() != null) {
      o = ifdef(file, c.value(), at, written);
    } else {
      KbuildParser.ComparisonContext cmp = c.comparison();
      if (cmp == null) return decideUnreadable(at, written);
      String a;
      String b;
      if (cmp.QUOTED().size() == 2) {
        a = unquote(cmp.QUOTED(0).getText());
        b = unquote(cmp.QUOTED(1).getText());
      } else if (cmp.argument().size() == 2) {
        a = argumentText(file, cmp.argument(0)).strip();
        b = argumentText(file, cmp.argument(1)).strip();
      } else {
        return decideUnreadable(at, written);
      }
      o = equality(expand(a, at, context), expand(b, at, context), context, written, at);
    }
    if (!negate) return o;
    if (o.decided() != null) return Outcome.of(!o.decided());
    return new Outcome(null, o.no(), o.yes());
  }

  private Outcome decideUnreadable(SourcePosition at, String written) {
    int id = known.assume("when " + written + " at " + place(at) + " {} (kmodlint cannot read it)",
        List.of("holds", "does not hold"));
    return new Outcome(null, Guard.of(id, 1), Guard.of(id, 2));
  }

  private static String unquote(String q) {
    return q.length() >= 2 ? q.substring(1, q.length() - 1) : q;
  }

  private static String argumentText(MakefileSyntax.Parsed file, KbuildParser.ArgumentContext a) {
    if (a.getStart() == null || a.getStop() == null || a.getStop().getTokenIndex() < a.getStart().getTokenIndex()) {
      return "";
    }
    return file.text(a.getStart(), a.getStop());
  }

  /** ifdef NAME: true when the variable's value (unexpanded) is not empty. */
  private Outcome ifdef(MakefileSyntax.Parsed file, KbuildParser.ValueContext value, SourcePosition at,
      String written) {
    String rawName = value == null ? "" : valueText(file, value.VALUE_WORD());
    MakeText nameText = expand(rawName, at, context);
    List<Word> names = words(nameText, context);
    if (names == null || names.size() != 1 || !names.get(0).guard().isTrue()
        || MakeAssumptions.containsUnknown(names.get(0).text())) {
      if (names != null && names.isEmpty()) return Outcome.FALSE;
      return emptiness(unknown("the variable name of " + written, at), context, written, at);
    }
    String name = names.get(0).text();
    MakeVariable v = variable(name);
    if (v == null) {
      if (!outsideValue(name)) return Outcome.FALSE;
      return emptiness(unknown(name + ", set outside the file", at), context, written, at);
    }
    // the raw value: ifdef does not expand it
    MakeText.Builder b = new MakeText.Builder();
    for (Piece p : v.value().pieces) {
      if (context.consistentWith(p.guard())) b.add(new Piece(p.text(), p.at(), p.guard(), false));
    }
    return decide(context, List.of(b.build()), s -> !s.get(0).isBlank(), "ifdef", written, at);
  }

  /** Records what a skipped branch assigns, for rules about what is written (EXTRA_CFLAGS). */
  private void skipped(MakefileSyntax.Parsed file, KbuildParser.BlockContext block) {
    if (block == null) return;
    for (KbuildParser.LineContext line : block.line()) {
      if (line.conditional() != null) {
        KbuildParser.ConditionalContext c = line.conditional();
        skipped(file, c.block());
        for (KbuildParser.ElseBranchContext e : c.elseBranch()) skipped(file, e.block());
      } else if (line.statement() != null && line.statement().assignment() != null) {
        KbuildParser.AssignmentContext a = line.statement().assignment();
        if (a.variableName() == null || a.ASSIGN_OP() == null) continue;
        String raw = valueText(file, a.variableName().WORD());
        if (raw.indexOf('$') >= 0) continue;
        listener.assignment(raw, raw, file.position(a.variableName().getStart()), writtenValue(file, a.value()),
            a.value() == null ? MakeText.EMPTY : rawValue(file, a.value().VALUE_WORD()), false);
      }
    }
  }

  // --- assignments

  /** The raw pieces of a value: each written word at its place, the blanks between kept. */
  MakeText rawValue(MakefileSyntax.Parsed file, List<TerminalNode> tokens) {
    MakeText.Builder b = new MakeText.Builder();
    Token previous = null;
    for (TerminalNode n : tokens) {
      Token t = n.getSymbol();
      if (t.getStartIndex() < 0 || t.getTokenIndex() < 0) continue;
      SourcePosition at = file.position(t);
      if (previous != null) {
        String gap = MakefileSyntax.logical(file.between(previous, t));
        b.add(new Piece(gap.isEmpty() ? " " : gap, at, Guard.TRUE, true));
      }
      b.add(new Piece(MakefileSyntax.logical(t.getText()), at, Guard.TRUE, true));
      previous = t;
    }
    return b.build();
  }

  private static String valueText(MakefileSyntax.Parsed file, List<TerminalNode> tokens) {
    StringBuilder sb = new StringBuilder();
    Token previous = null;
    for (TerminalNode n : tokens) {
      Token t = n.getSymbol();
      if (t.getStartIndex() < 0 || t.getTokenIndex() < 0) continue;
      if (previous != null) {
        String gap = MakefileSyntax.logical(file.between(previous, t));
        sb.append(gap.isEmpty() ? " " : gap);
      }
      sb.append(MakefileSyntax.logical(t.getText()));
      previous = t;
    }
    return sb.toString();
  }

  private static String writtenValue(MakefileSyntax.Parsed file, KbuildParser.ValueContext v) {
    if (v == null) return "";
    List<String> words = new ArrayList<>();
    for (TerminalNode n : v.VALUE_WORD()) {
      Token t = n.getSymbol();
      if (t.getStartIndex() >= 0 && t.getTokenIndex() >= 0) words.add(file.word(t).text());
    }
    return String.join(" ", words);
  }

  private void assignment(MakefileSyntax.Parsed file, KbuildParser.AssignmentContext a) {
    if (a.variableName() == null || a.ASSIGN_OP() == null) return;
    boolean override = false;
    boolean export = false;
    for (KbuildParser.ModifierContext m : a.modifier()) {
      if (m.OVERRIDE() != null) override = true;
      if (m.EXPORT() != null) export = true;
    }
    String rawName = valueText(file, a.variableName().WORD());
    SourcePosition at = file.position(a.variableName().getStart());
    MakeText value = a.value() == null ? MakeText.EMPTY : rawValue(file, a.value().VALUE_WORD());
    if (export) {
      MakeText n = expand(rawName, at, context);
      if (n.unconditional() && !MakeAssumptions.containsUnknown(n.flat())) exported.add(n.flat().strip());
    }
    assign(rawName, a.ASSIGN_OP().getText(), value, at, override, writtenValue(file, a.value()));
  }

  private void assign(String rawName, String op, MakeText value, SourcePosition at, boolean override,
      String written) {
    Optional<String> list = listener.listVariable(rawName);
    if (list.isPresent()) {
      assignNamed(list.get(), rawName, op, value, at, override, written);
      return;
    }
    MakeText nameText = expand(rawName, at, context);
    List<Word> names = words(nameText, context);
    if (names == null) {
      notifyOnce(EVAL_LIMIT, Level.WARNING, "the name " + rawName + " depends on more conditions than kmodlint"
          + " follows; the assignment is not read", at);
      opaque = true;
      return;
    }
    for (Word n : names) {
      if (MakeAssumptions.containsUnknown(n.text())) {
        if (!looking) listener.unknownAssignment(rawName, at, known.reasons(n.text()));
        continue;
      }
      String name = n.text();
      onlyWhere(n.guard(), () -> assignNamed(name, rawName, op, value, at, override, written));
    }
  }

  void assignNamed(String name, String rawName, String op, MakeText raw, SourcePosition at, boolean override,
      String written) {
    listener.assignment(name, rawName, at, written, raw, true);
    MakeVariable old = variable(name);
    if (old != null && !override && (old.origin() == Origin.COMMAND_LINE || old.origin() == Origin.OVERRIDE)) return;
    Origin origin = override ? Origin.OVERRIDE : Origin.FILE;
    MakeVariable updated;
    switch (op) {
      case "=" -> updated = fresh(old, Flavor.RECURSIVE, origin, raw, at);
      case ":=", "::=", ":::=" -> updated = fresh(old, Flavor.SIMPLE, origin, expandRaw(raw, context), at);
      case "?=" -> {
        if (old == null) {
          updated = fresh(null, Flavor.RECURSIVE, origin, raw, at);
        } else if (old.alwaysDefined() || definedHere(old)) {
          return;
        } else {
          // defined in some worlds only: the value applies in the others
          for (Guard undefined : undefinedWhere(old)) {
            onlyWhere(undefined, () -> assignNamed(name, rawName, "=", raw, at, override, written));
          }
          return;
        }
      }
      case "+=" -> {
        if (old == null) {
          updated = fresh(null, Flavor.RECURSIVE, origin, raw, at);
        } else {
          MakeText added = old.flavor() == Flavor.SIMPLE ? expandRaw(raw, context) : raw;
          MakeText.Builder b = new MakeText.Builder().add(old.value());
          if (!added.isEmpty()) {
            Guard space = nonEmptyCover(old.value());
            if (space != null) b.add(new Piece(" ", at, space, old.flavor() != Flavor.SIMPLE));
            b.add(added);
          }
          Origin o = override ? Origin.OVERRIDE
              : old.origin() == Origin.ENVIRONMENT || old.origin() == Origin.DEFAULT ? Origin.FILE : old.origin();
          updated = old.withValue(old.flavor(), o, b.build(), at);
        }
      }
      default -> updated = fresh(old, Flavor.SIMPLE, origin,
          unknown("the output of a shell command (" + name + " " + op + "), never run", at), at);
    }
    table.own.put(name, updated);
  }

  private boolean definedHere(MakeVariable v) {
    for (Guard g : v.definedWhen()) if (context.implies(g)) return true;
    return false;
  }

  /** Disjoint guards of the worlds where {@code v} is not defined. */
  private List<Guard> undefinedWhere(MakeVariable v) {
    List<Guard> out = new ArrayList<>(List.of(Guard.TRUE));
    for (Guard d : v.definedWhen()) {
      List<Guard> next = new ArrayList<>();
      for (Guard u : out) {
        for (Guard n : d.not()) {
          Guard h = u.and(n);
          if (h != null) next.add(h);
        }
      }
      out = next;
      if (out.size() > 16) return out.subList(0, 16);
    }
    return out;
  }

  /** Where a value has text: TRUE when some piece always has it; null when it never has. */
  private static Guard nonEmptyCover(MakeText t) {
    Guard g = null;
    for (Piece p : t.pieces) {
      if (p.text().isEmpty()) continue;
      if (p.guard().isTrue()) return Guard.TRUE;
      g = g == null ? p.guard() : g.cover(p.guard());
    }
    return g;
  }

  private static MakeVariable fresh(MakeVariable old, Flavor f, Origin o, MakeText value, SourcePosition at) {
    List<SourcePosition> places = new ArrayList<>();
    if (old != null) places.addAll(old.assignedAt());
    if (at != null) places.add(at);
    return new MakeVariable(f, o, value, MakeVariable.ALWAYS, places);
  }

  private void define(MakefileSyntax.Parsed file, KbuildParser.DefineBlockContext d) {
    if (d.WORD().isEmpty()) return;
    boolean override = false;
    for (KbuildParser.ModifierContext m : d.modifier()) if (m.OVERRIDE() != null) override = true;
    String rawName = valueText(file, d.WORD());
    SourcePosition at = file.position(d.WORD(0).getSymbol());
    String op = d.ASSIGN_OP() == null ? "=" : d.ASSIGN_OP().getText();
    StringBuilder body = new StringBuilder();
    boolean firstNewline = true;
    for (int k = 0; k < d.getChildCount(); k++) {
      if (!(d.getChild(k) instanceof TerminalNode n)) continue;
      int type = n.getSymbol().getType();
      if (type == KbuildLexer.NEWLINE) {
        if (firstNewline) {
          firstNewline = false;
          continue;
        }
        body.append('\n');
      } else if (type == KbuildLexer.DEFINE_LINE && !firstNewline) {
        body.append(n.getText());
      } else if (type == KbuildLexer.ENDEF) {
        break;
      }
    }
    String text = body.toString();
    if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
    MakeText raw = text.isEmpty() ? MakeText.EMPTY : new MakeText(List.of(new Piece(text, at, Guard.TRUE, true)));
    assign(rawName, op, raw, at, override, text);
  }

  /** {@code export A B} / {@code unexport A}: what the user's make passes to the make it runs. */
  private void exportDirective(MakefileSyntax.Parsed file, KbuildParser.ExportDirectiveContext d) {
    if (d.WORD().isEmpty()) return;
    SourcePosition at = file.position(d.getStart());
    List<Word> names = words(expand(valueText(file, d.WORD()), at, context), context);
    if (names == null) return;
    for (Word w : names) {
      if (!w.guard().isTrue() || MakeAssumptions.containsUnknown(w.text())) continue;
      if (d.EXPORT() != null) exported.add(w.text());
      else exported.remove(w.text());
    }
  }

  private void otherDirective(MakefileSyntax.Parsed file, KbuildParser.OtherDirectiveContext d) {
    if (d.UNDEFINE() == null || d.value() == null) return;
    SourcePosition at = file.position(d.getStart());
    MakeText names = expand(valueText(file, d.value().VALUE_WORD()), at, context);
    List<Word> words = words(names, context);
    if (words == null) return;
    for (Word w : words) {
      MakeVariable old = variable(w.text());
      if (old != null && (old.origin() == Origin.COMMAND_LINE) && d.OVERRIDE() == null) continue;
      onlyWhere(w.guard(), () -> table.own.put(w.text(), UNDEFINED));
    }
  }

  // --- include, rules, expression lines, eval

  private void include(MakefileSyntax.Parsed file, KbuildParser.IncludeDirectiveContext d) {
    if (d.value() == null) return;
    boolean optional = d.INCLUDE() == null;
    SourcePosition at = file.position(d.getStart());
    MakeText names = expandRaw(rawValue(file, d.value().VALUE_WORD()), context);
    List<Word> words = words(names, context);
    if (words == null) {
      notifyOnce(EVAL_LIMIT, Level.WARNING, "the include at " + place(at) + " depends on more conditions than"
          + " kmodlint follows; it is not read", at);
      opaque = true;
      return;
    }
    for (Word w : words) {
      String name = w.text();
      if (MakeAssumptions.containsUnknown(name)) {
        unfollowed("include of " + known.display(name) + " is not read: its name depends on "
            + String.join(", ", known.reasons(name)), at);
        opaque = true;
        continue;
      }
      Optional<Path> target = resolveInclude(name);
      if (target.isEmpty()) {
        if (!optional && !name.contains("*")) {
          unfollowed("include " + name + " at " + place(at) + ": no such file in the tree"
              + " (make stops unless a rule makes it); kmodlint reads on without it", at);
        }
        continue;
      }
      if (!target.get().startsWith(treeRoot)) {
        unfollowed("include " + name + " at " + place(at) + " is outside the scanned tree"
            + " and is not read", at);
        opaque = true;
        continue;
      }
      Path p = target.get();
      onlyWhere(w.guard(), () -> readFile(p, at));
    }
  }

  /** An include as make finds it: absolute, else against its working directory, else (leniently) the Makefile's. */
  Optional<Path> resolveInclude(String name) {
    try {
      Path p = Path.of(name);
      List<Path> candidates = p.isAbsolute() ? List.of(p) : List.of(cwd.resolve(p), dir.resolve(p));
      for (Path c : candidates) {
        Path n = c.normalize();
        inputs.lookedUp(n);
        if (Files.isRegularFile(n)) return Optional.of(n);
      }
    } catch (InvalidPathException e) {
      // not a file name this system can have
    }
    return Optional.empty();
  }

  private void rule(MakefileSyntax.Parsed file, KbuildParser.RuleLineContext r) {
    List<Word> targets = List.of();
    if (!r.WORD().isEmpty()) {
      List<Word> w = words(expandRaw(rawValue(file, r.WORD()), context), context);
      if (w != null) targets = w;
      // a target-specific assignment (foo.o: CFLAGS += -DX) applies to that target only: ignored
    }
    listener.rule(file, r, targets);
  }

  private void expressionLine(MakefileSyntax.Parsed file, KbuildParser.ExpressionLineContext e) {
    if (e.WORD().isEmpty()) return;
    // for what it does: $(eval ...), $(foreach ... $(eval ...)), $(error ...); the result is not a statement
    expand(valueText(file, e.WORD()), file.position(e.getStart()), context);
  }

  /** {@code $(eval text)}: the expanded text read as Makefile lines, here. */
  void eval(MakeText text, SourcePosition at, Guard ctx) {
    if (looking) return;
    if (evalDepth >= MAX_EVAL_DEPTH) {
      notifyOnce(EVAL_LIMIT, Level.WARNING, "$(eval) nests deeper than " + MAX_EVAL_DEPTH + " levels; the deeper"
          + " text is not read", at);
      opaque = true;
      return;
    }
    List<World> worlds = worlds(ctx, List.of(text));
    if (worlds.size() == 1 && worlds.get(0) == null) {
      unfollowed("the text of $(eval) at " + place(at) + " depends on more conditions than"
          + " kmodlint follows; it is not read", at);
      opaque = true;
      return;
    }
    List<Guard> literals = new ArrayList<>();
    List<Runnable> bodies = new ArrayList<>();
    for (World w : worlds) {
      String s = w.strings().get(0);
      if (s.isBlank()) continue;
      if (MakeAssumptions.containsUnknown(s)) {
        unfollowed("$(eval) at " + place(at) + " reads text that depends on "
            + String.join(", ", known.reasons(s)) + "; what it defines is unknown", at);
        opaque = true;
        continue;
      }
      literals.add(w.guard());
      bodies.add(() -> evalString(s, at));
    }
    if (bodies.isEmpty()) return;
    Guard here = ctx;
    if (worlds.size() == 1) {
      onlyWhere(here, bodies.get(0));
      return;
    }
    onlyWhere(here, () -> {
      List<Guard> lits = new ArrayList<>();
      List<Runnable> runs = new ArrayList<>();
      for (World w : worlds) {
        int k = literals.indexOf(w.guard());
        lits.add(w.guard());
        runs.add(k >= 0 ? bodies.get(k) : () -> {});
      }
      fork(lits, runs);
    });
  }

  private void evalString(String text, SourcePosition at) {
    Path file = at != null ? at.file() : currentPosition().file();
    MakefileSyntax.Parsed p = MakefileSyntax.parse(file, MakeAssumptions.sanitize(text), at != null ? at
        : SourcePosition.startOf(file));
    if (!p.notifications().isEmpty()) {
      unfollowed("the text $(eval) reads at " + place(at) + " does not parse as Makefile"
          + " lines; kmodlint reads what it can of it", at);
    }
    evalDepth++;
    MakefileSyntax.Parsed saved = currentFile;
    try {
      walkFile(p);
    } finally {
      currentFile = saved;
      evalDepth--;
    }
  }

  /**
   * $(error): make stops reading here. Said when every world reaches it; one that only some
   * worlds reach may be none the real build is in.
   */
  void error(String message, SourcePosition at, Guard ctx) {
    if (looking || !ctx.isTrue()) return;
    notify(MAKE_ERROR, Level.WARNING, "make stops with $(error " + known.display(message).strip() + ") at "
        + place(at), at);
  }

  /** Something of the file not followed: said once per directory, with the others. */
  record Unfollowed(String what, SourcePosition at) {}

  private final List<Unfollowed> unfollowed = new ArrayList<>();

  void unfollowed(String what, SourcePosition at) {
    if (looking || unfollowed.size() >= 50) return;
    Unfollowed u = new Unfollowed(what, at);
    if (!unfollowed.contains(u)) unfollowed.add(u);
  }

  List<Unfollowed> unfollowed() {
    return List.copyOf(unfollowed);
  }

  /** Expands {@code raw} without side effects: for reading the variables after the file. */
  MakeText look(MakeText raw) {
    boolean saved = looking;
    looking = true;
    newStatement();
    try {
      return expandRaw(raw, Guard.TRUE);
    } finally {
      looking = saved;
    }
  }

  /** The value of {@code name} after the file, expanded as Kbuild would use it. */
  MakeText finalValue(String name) {
    boolean saved = looking;
    looking = true;
    newStatement();
    try {
      return variableValue(name, null, Guard.TRUE);
    } finally {
      looking = saved;
    }
  }

  // --- notifications

  void notify(String id, Level level, String message, SourcePosition at) {
    if (notifications.size() > 200) return;
    Notification n = at != null ? Notification.at(id, level, message, at) : Notification.of(id, level, message);
    if (notified.add(id + "\u0000" + message + "\u0000" + at)) notifications.add(n);
  }

  /** One notification of this kind per directory. */
  void notifyOnce(String id, Level level, String message, SourcePosition at) {
    if (notified.add(id + "\u0000once")) notify(id, level, message, at);
  }

  /** A file the evaluation may read: inside the tree. */
  boolean readable(Path p) {
    return p.toAbsolutePath().normalize().startsWith(treeRoot);
  }
}
