package dev.kmodlint.kbuild;

import dev.kmodlint.kbuild.MakeEvaluator.Outcome;
import dev.kmodlint.kbuild.MakeEvaluator.World;
import dev.kmodlint.kbuild.MakeText.Piece;
import dev.kmodlint.kbuild.MakeText.Word;
import dev.kmodlint.model.SourcePosition;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * GNU make's built-in functions over {@link MakeText}: each world's text gets what make would
 * give it, and what make would get from outside ({@code $(shell)}, files outside the tree) is
 * an unknown value. Word functions work word by word, so a word present in some worlds only
 * stays so; the others enumerate the worlds their arguments depend on.
 */
final class MakeFunctions {
  /** Name -> most arguments (the last takes the rest, commas included); 0: any number. */
  private static final Map<String, Integer> ARITY = new LinkedHashMap<>();

  static {
    for (String f : List.of("strip", "sort", "words", "firstword", "lastword", "dir", "notdir", "suffix", "basename",
        "wildcard", "realpath", "abspath", "value", "origin", "flavor", "error", "warning", "info", "eval", "shell",
        "guile")) {
      ARITY.put(f, 1);
    }
    for (String f : List.of("findstring", "filter", "filter-out", "word", "addsuffix", "addprefix", "join", "file")) {
      ARITY.put(f, 2);
    }
    for (String f : List.of("subst", "patsubst", "wordlist", "if", "foreach", "let")) ARITY.put(f, 3);
    ARITY.put("intcmp", 5);
    for (String f : List.of("or", "and", "call")) ARITY.put(f, 0);
  }

  /** Results of one $(wildcard) at most, so that a pattern over a huge tree stays cheap. */
  private static final int MAX_MATCHES = 10_000;

  private final MakeEvaluator ev;

  MakeFunctions(MakeEvaluator ev) {
    this.ev = ev;
  }

  static boolean isFunction(String name) {
    return ARITY.containsKey(name);
  }

  /** Splits at the commas outside nested references of the same parenthesis kind, as make does. */
  static List<String> arguments(String text, char open, int max) {
    char close = open == '(' ? ')' : '}';
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == open) {
        depth++;
      } else if (c == close) {
        depth--;
      } else if (c == ',' && depth == 0 && (max == 0 || out.size() < max - 1)) {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }

  MakeText call(String name, String argText, char open, SourcePosition at, Guard ctx) {
    List<String> args = arguments(argText, open, ARITY.get(name));
    return switch (name) {
      case "if" -> ifFunction(args, at, ctx);
      case "or" -> or(args, 0, at, ctx);
      case "and" -> and(args, 0, MakeText.EMPTY, at, ctx);
      case "foreach" -> foreach(args, at, ctx);
      case "call" -> callFunction(args, at, ctx);
      case "shell" -> ev.unknown("$(shell " + abbreviate(argText) + "), never run", at);
      case "guile", "let", "intcmp" -> ev.unknown("$(" + name + " ...), which kmodlint does not evaluate", at);
      case "file" -> ev.unknown("$(file ...), which kmodlint does not run", at);
      case "value" -> valueFunction(arg(args, 0, at, ctx), at, ctx);
      case "origin", "flavor" -> originOrFlavor(name, arg(args, 0, at, ctx), at, ctx);
      case "eval" -> {
        ev.eval(arg(args, 0, at, ctx), at, ctx);
        yield MakeText.EMPTY;
      }
      case "error" -> {
        MakeText m = arg(args, 0, at, ctx);
        ev.error(m.flat(), at, ctx);
        yield MakeText.EMPTY;
      }
      case "warning", "info" -> {
        arg(args, 0, at, ctx);
        yield MakeText.EMPTY;
      }
      default -> expanded(name, args, at, ctx);
    };
  }

  private MakeText arg(List<String> args, int i, SourcePosition at, Guard ctx) {
    return i < args.size() ? ev.expand(args.get(i), at, ctx) : MakeText.EMPTY;
  }

  /** The functions whose arguments are all expanded first. */
  private MakeText expanded(String name, List<String> raw, SourcePosition at, Guard ctx) {
    List<MakeText> a = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) a.add(arg(raw, i, at, ctx));
    MakeText first = a.get(0);
    return switch (name) {
      case "strip" -> ev.wordwise(first, ctx, w -> w);
      case "sort" -> sort(first, ctx, at);
      case "dir" -> ev.wordwise(first, ctx, MakeFunctions::dir);
      case "notdir" -> ev.wordwise(first, ctx, MakeFunctions::notdir);
      case "suffix" -> ev.wordwise(first, ctx, MakeFunctions::suffix);
      case "basename" -> ev.wordwise(first, ctx, MakeFunctions::basename);
      case "abspath" -> ev.wordwise(first, ctx, this::abspath);
      case "realpath" -> ev.wordwise(first, ctx, this::realpath);
      case "wildcard" -> wildcard(first, ctx, at);
      case "subst" -> withParameters(ctx, List.of(first, get(a, 1)), at,
          (g, p) -> subst(p.get(0), p.get(1), get(a, 2), g));
      case "patsubst" -> withParameters(ctx, List.of(first, get(a, 1)), at,
          (g, p) -> ev.wordwise(get(a, 2), g, w -> patsubst(p.get(0), p.get(1), w)));
      case "filter", "filter-out" -> withParameters(ctx, List.of(first), at,
          (g, p) -> filter(MakeText.split(p.get(0)), get(a, 1), g, name.equals("filter")));
      case "addprefix" -> withParameters(ctx, List.of(first), at,
          (g, p) -> ev.wordwise(get(a, 1), g, w -> p.get(0) + w));
      case "addsuffix" -> withParameters(ctx, List.of(first), at,
          (g, p) -> ev.wordwise(get(a, 1), g, w -> w + p.get(0)));
      case "findstring" -> withParameters(ctx, List.of(first, get(a, 1)), at, (g, p) -> {
        if (p.get(1).contains(p.get(0))) return MakeText.of(p.get(0), at);
        if (MakeAssumptions.containsUnknown(p.get(0)) || MakeAssumptions.containsUnknown(p.get(1))) {
          return ev.unknown("$(findstring) over " + String.join(", ", ev.known.reasons(p.get(0) + p.get(1))), at);
        }
        return MakeText.EMPTY;
      });
      case "words", "firstword", "lastword", "word", "wordlist", "join" -> counting(name, a, at, ctx);
      default -> ev.unknown("$(" + name + ")", at);
    };
  }

  private static MakeText get(List<MakeText> a, int i) {
    return i < a.size() ? a.get(i) : MakeText.EMPTY;
  }

  /**
   * Runs {@code f} once per world of the parameters (patterns, prefixes), each run present in
   * its world only; the list argument stays word by word inside {@code f}.
   */
  private MakeText withParameters(Guard ctx, List<MakeText> params, SourcePosition at,
      BiFunction<Guard, List<String>, MakeText> f) {
    boolean plain = true;
    for (MakeText p : params) plain &= p.unconditional();
    if (plain) {
      List<String> s = new ArrayList<>();
      for (MakeText p : params) s.add(p.flat());
      return f.apply(ctx, s);
    }
    List<World> worlds = ev.worlds(ctx, params);
    if (worlds.size() == 1 && worlds.get(0) == null) return ev.unknown("arguments that depend on too many conditions", at);
    MakeText.Builder b = new MakeText.Builder();
    for (World w : worlds) {
      Guard g = ctx.and(w.guard());
      if (g != null) b.add(f.apply(g, w.strings()), w.guard());
    }
    return b.build();
  }

  // --- text functions

  /** {@code $(subst from,to,text)}, piece by piece so that places and guards stay. */
  private MakeText subst(String from, String to, MakeText text, Guard ctx) {
    if (MakeAssumptions.containsUnknown(from)) {
      return ev.unknown("$(subst) of " + String.join(", ", ev.known.reasons(from)), text.firstPosition(null));
    }
    MakeText.Builder b = new MakeText.Builder();
    List<Piece> pieces = text.pieces;
    int last = -1;
    for (int k = pieces.size() - 1; k >= 0; k--) {
      if (ctx.consistentWith(pieces.get(k).guard())) {
        last = k;
        break;
      }
    }
    for (int k = 0; k < pieces.size(); k++) {
      Piece p = pieces.get(k);
      if (!ctx.consistentWith(p.guard())) continue;
      String t = from.isEmpty() ? (k == last ? p.text() + to : p.text()) : p.text().replace(from, to);
      b.add(t, p.at(), p.guard());
    }
    return b.build();
  }

  /** One word through {@code $(patsubst pattern,replacement,word)}; {@code %} is the stem. */
  static String patsubst(String pattern, String replacement, String word) {
    int p = percent(pattern);
    if (p < 0) return word.equals(unescape(pattern)) ? unescape(replacement) : word;
    String prefix = unescape(pattern.substring(0, p));
    String suffix = pattern.substring(p + 1);
    if (word.length() < prefix.length() + suffix.length() || !word.startsWith(prefix) || !word.endsWith(suffix)) {
      return word;
    }
    String stem = word.substring(prefix.length(), word.length() - suffix.length());
    int q = percent(replacement);
    return q < 0 ? unescape(replacement) : unescape(replacement.substring(0, q)) + stem + replacement.substring(q + 1);
  }

  /** The first {@code %} not escaped with a backslash. */
  private static int percent(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '%' || s.charAt(i + 1) == '\\')) {
        i++;
      } else if (c == '%') {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(String s) {
    return s.indexOf('\\') < 0 ? s : s.replace("\\%", "%");
  }

  static boolean matches(String pattern, String word) {
    int p = percent(pattern);
    if (p < 0) return word.equals(unescape(pattern));
    String prefix = unescape(pattern.substring(0, p));
    String suffix = pattern.substring(p + 1);
    return word.length() >= prefix.length() + suffix.length() && word.startsWith(prefix) && word.endsWith(suffix);
  }

  /** $(filter) keeps the words some pattern matches; a word it cannot tell about (unknown) stays, unknown. */
  private MakeText filter(List<String> patterns, MakeText text, Guard ctx, boolean keep) {
    boolean unknownPattern = false;
    for (String p : patterns) unknownPattern |= MakeAssumptions.containsUnknown(p);
    boolean u = unknownPattern;
    return ev.wordwise(text, ctx, w -> {
      boolean matched = false;
      for (String p : patterns) matched |= matches(p, w);
      if (matched == keep) return w;
      if (u || MakeAssumptions.containsUnknown(w)) {
        return MakeAssumptions.containsUnknown(w) ? w : ev.known.unknownString("$(filter) with a pattern that is"
            + " not known");
      }
      return null;
    });
  }

  static String dir(String w) {
    int slash = w.lastIndexOf('/');
    return slash < 0 ? "./" : w.substring(0, slash + 1);
  }

  static String notdir(String w) {
    int slash = w.lastIndexOf('/');
    return slash < 0 ? w : w.substring(slash + 1);
  }

  static String suffix(String w) {
    int dot = w.lastIndexOf('.');
    int slash = w.lastIndexOf('/');
    return dot > slash ? w.substring(dot) : null;
  }

  static String basename(String w) {
    int dot = w.lastIndexOf('.');
    int slash = w.lastIndexOf('/');
    return dot > slash ? w.substring(0, dot) : w;
  }

  private MakeText sort(MakeText text, Guard ctx, SourcePosition at) {
    List<Word> words = ev.words(text, ctx);
    if (words == null) return ev.unknown("a list that depends on too many conditions", at);
    TreeMap<String, Word> sorted = new TreeMap<>();
    for (Word w : words) {
      Word old = sorted.get(w.text());
      sorted.put(w.text(), old == null ? w : new Word(w.text(), old.at(), old.guard().cover(w.guard())));
    }
    return MakeText.ofWords(new ArrayList<>(sorted.values()));
  }

  /** Functions of the exact word count or order: per world, exact. */
  private MakeText counting(String name, List<MakeText> a, SourcePosition at, Guard ctx) {
    List<World> worlds = ev.worlds(ctx, a);
    if (worlds.size() == 1 && worlds.get(0) == null) {
      return ev.unknown("$(" + name + ") of a list that depends on too many conditions", at);
    }
    MakeText.Builder b = new MakeText.Builder();
    for (World w : worlds) {
      List<String> s = w.strings();
      b.add(countingIn(name, s, at), w.guard());
    }
    return b.build();
  }

  private MakeText countingIn(String name, List<String> s, SourcePosition at) {
    List<String> list = MakeText.split(s.get(s.size() - 1));
    switch (name) {
      case "words" -> {
        for (String w : list) {
          if (MakeAssumptions.containsUnknown(w)) return ev.unknown("the number of words of " + String.join(", ",
              ev.known.reasons(w)), at);
        }
        return MakeText.of(String.valueOf(list.size()), at);
      }
      case "firstword" -> {
        return list.isEmpty() ? MakeText.EMPTY : MakeText.of(list.get(0), at);
      }
      case "lastword" -> {
        if (!list.isEmpty() && MakeAssumptions.containsUnknown(list.get(list.size() - 1))) {
          return ev.unknown("the last word of a list with values kmodlint does not know", at);
        }
        return list.isEmpty() ? MakeText.EMPTY : MakeText.of(list.get(list.size() - 1), at);
      }
      case "word" -> {
        Integer n = number(s.get(0));
        if (n == null || n < 1) return ev.unknown("$(word) with index " + ev.known.display(s.get(0)), at);
        for (int k = 0; k < Math.min(n, list.size()); k++) {
          if (MakeAssumptions.containsUnknown(list.get(k))) {
            return ev.unknown("a word of a list with values kmodlint does not know", at);
          }
        }
        return n <= list.size() ? MakeText.of(list.get(n - 1), at) : MakeText.EMPTY;
      }
      case "wordlist" -> {
        Integer from = number(s.get(0));
        Integer to = s.size() > 2 ? number(s.get(1)) : null;
        if (from == null || to == null || from < 1) return ev.unknown("$(wordlist) with unknown bounds", at);
        for (int k = 0; k < Math.min(to, list.size()); k++) {
          if (MakeAssumptions.containsUnknown(list.get(k))) {
            return ev.unknown("words of a list with values kmodlint does not know", at);
          }
        }
        List<String> out = new ArrayList<>();
        for (int k = from; k <= to && k <= list.size(); k++) out.add(list.get(k - 1));
        return MakeText.of(String.join(" ", out), at);
      }
      case "join" -> {
        List<String> x = MakeText.split(s.get(0));
        List<String> y = MakeText.split(s.size() > 1 ? s.get(1) : "");
        List<String> out = new ArrayList<>();
        for (int k = 0; k < Math.max(x.size(), y.size()); k++) {
          out.add((k < x.size() ? x.get(k) : "") + (k < y.size() ? y.get(k) : ""));
        }
        return MakeText.of(String.join(" ", out), at);
      }
      default -> {
        return ev.unknown("$(" + name + ")", at);
      }
    }
  }

  private static Integer number(String s) {
    try {
      return Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // --- conditional functions

  private MakeText ifFunction(List<String> args, SourcePosition at, Guard ctx) {
    MakeText cond = arg(args, 0, at, ctx);
    Outcome o = ev.emptiness(cond, ctx, "$(if " + abbreviate(args.get(0)) + ",...)", at);
    if (o.decided() != null) return o.decided() ? arg(args, 1, at, ctx) : arg(args, 2, at, ctx);
    MakeText.Builder b = new MakeText.Builder();
    Guard yes = ctx.and(o.yes());
    Guard no = ctx.and(o.no());
    if (yes != null) b.add(arg(args, 1, at, yes), o.yes());
    if (no != null) b.add(arg(args, 2, at, no), o.no());
    return b.build();
  }

  private MakeText or(List<String> args, int i, SourcePosition at, Guard ctx) {
    if (i >= args.size()) return MakeText.EMPTY;
    MakeText v = arg(args, i, at, ctx);
    Outcome o = ev.emptiness(v, ctx, "$(or ...)", at);
    if (o.decided() != null) return o.decided() ? v : or(args, i + 1, at, ctx);
    MakeText.Builder b = new MakeText.Builder();
    b.add(v, o.yes());
    Guard no = ctx.and(o.no());
    if (no != null) b.add(or(args, i + 1, at, no), o.no());
    return b.build();
  }

  private MakeText and(List<String> args, int i, MakeText last, SourcePosition at, Guard ctx) {
    if (i >= args.size()) return last;
    MakeText v = arg(args, i, at, ctx);
    Outcome o = ev.emptiness(v, ctx, "$(and ...)", at);
    if (o.decided() != null) return o.decided() ? and(args, i + 1, v, at, ctx) : MakeText.EMPTY;
    Guard yes = ctx.and(o.yes());
    return yes == null ? MakeText.EMPTY : new MakeText.Builder().add(and(args, i + 1, v, at, yes), o.yes()).build();
  }

  private MakeText foreach(List<String> args, SourcePosition at, Guard ctx) {
    if (args.size() < 3) return MakeText.EMPTY;
    MakeText var = ev.expand(args.get(0), at, ctx);
    String name = var.flat().strip();
    if (!var.unconditional() || MakeAssumptions.containsUnknown(name)) {
      return ev.unknown("$(foreach) over a variable name kmodlint does not know", at);
    }
    MakeText list = ev.expand(args.get(1), at, ctx);
    List<Word> words = ev.words(list, ctx);
    if (words == null) return ev.unknown("$(foreach) over a list that depends on too many conditions", at);
    MakeText.Builder b = new MakeText.Builder();
    boolean first = true;
    for (Word w : words) {
      Guard g = ctx.and(w.guard());
      if (g == null) continue;
      MakeText body = ev.withLocal(name, MakeText.of(w.text(), w.at()), () -> ev.expand(args.get(2), at, g));
      if (!first) b.add(" ", at, w.guard());
      b.add(body, w.guard());
      first = false;
      if (b.length() > 1_000_000) return ev.unknown("a $(foreach) too large to follow", at);
    }
    return b.build();
  }

  private MakeText callFunction(List<String> args, SourcePosition at, Guard ctx) {
    MakeText nameText = arg(args, 0, at, ctx);
    String name = nameText.flat().strip();
    if (!nameText.unconditional() || MakeAssumptions.containsUnknown(name)) {
      return ev.unknown("$(call) of a function whose name kmodlint does not know", at);
    }
    List<MakeText> values = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) values.add(arg(args, i, at, ctx));
    if (isFunction(name)) {
      return ev.unknown("$(call " + name + ",...)", at);
    }
    return ev.callValue(name, at, ctx, values);
  }

  private MakeText valueFunction(MakeText nameText, SourcePosition at, Guard ctx) {
    String name = nameText.flat().strip();
    if (!nameText.unconditional() || MakeAssumptions.containsUnknown(name)) {
      return ev.unknown("$(value) of a variable whose name kmodlint does not know", at);
    }
    MakeVariable v = ev.variable(name);
    if (v == null) return ev.outsideValue(name) ? ev.unknown(name + ", set outside the file", at) : MakeText.EMPTY;
    MakeText.Builder b = new MakeText.Builder();
    for (Piece p : v.value().pieces) {
      if (ctx.consistentWith(p.guard())) b.add(new Piece(p.text(), p.at(), p.guard(), false));
    }
    return b.build();
  }

  private MakeText originOrFlavor(String function, MakeText nameText, SourcePosition at, Guard ctx) {
    String name = nameText.flat().strip();
    if (!nameText.unconditional() || MakeAssumptions.containsUnknown(name)) {
      return ev.unknown("$(" + function + ") of a variable whose name kmodlint does not know", at);
    }
    if (ev.isLocal(name)) return MakeText.of(function.equals("origin") ? "automatic" : "simple", at);
    MakeVariable v = ev.variable(name);
    if (v == null) {
      return ev.outsideValue(name) ? ev.unknown("$(" + function + " " + name + "), set outside the file", at)
          : MakeText.of("undefined", at);
    }
    String value = function.equals("origin") ? v.origin().makeName : v.flavor().makeName;
    if (v.alwaysDefined()) return MakeText.of(value, at);
    MakeText.Builder b = new MakeText.Builder();
    List<Guard> defined = v.definedWhen();
    if (defined.size() == 1) {
      b.add(value, at, defined.get(0));
      for (Guard n : defined.get(0).not()) b.add("undefined", at, n);
      return b.build();
    }
    return ev.unknown("$(" + function + " " + name + "), defined in some configurations only", at);
  }

  // --- files

  private String abspath(String w) {
    if (MakeAssumptions.containsUnknown(w)) return w;
    try {
      Path p = Path.of(w);
      return (p.isAbsolute() ? p : ev.cwd.resolve(p)).normalize().toString();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** $(realpath): existing files only, and only inside the tree (else not known). */
  private String realpath(String w) {
    if (MakeAssumptions.containsUnknown(w)) return w;
    try {
      Path p = Path.of(w);
      Path abs = (p.isAbsolute() ? p : ev.cwd.resolve(p)).normalize();
      if (!ev.readable(abs)) return ev.known.unknownString("$(realpath) of " + w + ", outside the scanned tree");
      ev.inputs.lookedUp(abs);
      if (!Files.exists(abs)) return null;
      Path real = abs.toRealPath();
      return ev.readable(real) ? real.toString() : ev.known.unknownString("$(realpath) of " + w + ", outside the tree");
    } catch (IOException | InvalidPathException | SecurityException e) {
      return null;
    }
  }

  /** $(wildcard): matched against the tree as it is, read-only; outside the tree, not known. */
  private MakeText wildcard(MakeText patterns, Guard ctx, SourcePosition at) {
    List<Word> words = ev.words(patterns, ctx);
    if (words == null) return ev.unknown("$(wildcard) of patterns that depend on too many conditions", at);
    List<Word> out = new ArrayList<>();
    for (Word w : words) {
      String pattern = w.text();
      if (MakeAssumptions.containsUnknown(pattern)) {
        out.add(new Word(ev.known.unknownString("$(wildcard " + ev.known.display(pattern) + ")"), w.at(), w.guard()));
        continue;
      }
      List<String> matches = glob(pattern);
      if (matches == null) {
        out.add(new Word(ev.known.unknownString("$(wildcard " + pattern + "), outside the scanned tree"), w.at(),
            w.guard()));
        continue;
      }
      for (String m : matches) out.add(new Word(m, w.at(), w.guard()));
    }
    return MakeText.ofWords(out);
  }

  /** Matches of one pattern, in make's spelling (relative when the pattern is); null outside the tree. */
  List<String> glob(String pattern) {
    boolean absolute = pattern.startsWith("/");
    String[] parts = pattern.split("/+");
    Path base = absolute ? Path.of("/") : ev.cwd;
    List<Map.Entry<Path, String>> current = new ArrayList<>(List.of(Map.entry(base, absolute ? "/" : "")));
    for (int k = 0; k < parts.length; k++) {
      String part = parts[k];
      if (part.isEmpty()) continue;
      boolean last = k == parts.length - 1;
      List<Map.Entry<Path, String>> next = new ArrayList<>();
      for (Map.Entry<Path, String> e : current) {
        String prefix = e.getValue().isEmpty() || e.getValue().endsWith("/") ? e.getValue() : e.getValue() + "/";
        if (!hasGlob(part)) {
          Path p;
          try {
            p = e.getKey().resolve(part).normalize();
          } catch (InvalidPathException ex) {
            continue;
          }
          if (!inside(p) && !(last ? false : ev.treeRoot.startsWith(p))) return null;
          ev.inputs.lookedUp(p);
          if (last ? Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.exists(p) : Files.isDirectory(p)) {
            next.add(Map.entry(p, prefix + part));
          }
          continue;
        }
        Path d = e.getKey();
        if (!inside(d)) return null;
        Pattern re = Pattern.compile(globRegex(part));
        List<String> names = new ArrayList<>();
        ev.inputs.listed(d);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
          for (Path c : s) {
            String n = c.getFileName().toString();
            if (n.startsWith(".") && !part.startsWith(".")) continue;
            if (re.matcher(n).matches() && (last || Files.isDirectory(c))) names.add(n);
            if (names.size() > MAX_MATCHES) break;
          }
        } catch (IOException | SecurityException | java.nio.file.DirectoryIteratorException ex) {
          continue;
        }
        names.sort(null);
        for (String n : names) next.add(Map.entry(d.resolve(n), prefix + n));
      }
      current = next;
      if (current.size() > MAX_MATCHES) current = current.subList(0, MAX_MATCHES);
      if (current.isEmpty()) break;
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<Path, String> e : current) out.add(pattern.endsWith("/") ? e.getValue() + "/" : e.getValue());
    return out;
  }

  private boolean inside(Path p) {
    return ev.readable(p);
  }

  private static boolean hasGlob(String part) {
    return part.indexOf('*') >= 0 || part.indexOf('?') >= 0 || part.indexOf('[') >= 0;
  }

  private static String globRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> sb.append(".*");
        case '?' -> sb.append('.');
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            sb.append("\\[");
          } else {
            String set = glob.substring(i + 1, end).replace("\\", "\\\\");
            if (set.startsWith("!")) set = "^" + set.substring(1);
            sb.append('[').append(set).append(']');
            i = end;
          }
        }
        case '\\' -> {
          if (i + 1 < glob.length()) sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
        }
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }

  static String abbreviate(String s) {
    String t = s.strip().replaceAll("\\s+", " ");
    return t.length() > 40 ? t.substring(0, 37) + "..." : t;
  }


}
