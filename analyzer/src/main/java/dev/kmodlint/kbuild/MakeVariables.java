package dev.kmodlint.kbuild;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Make variables of one Kbuild directory and a static expansion of them. Every branch of a
 * conditional is taken, so a variable assigned in several branches has several values, all
 * of which are expanded. What cannot be known statically ({@code $(shell ...)},
 * {@code $(call ...)} and other functions, undefined variables, {@code define} bodies, CONFIG
 * symbols) is unknown: a word containing it is dropped, never guessed.
 */
final class MakeVariables {
  /** Bounds that keep self-referencing or combinatorial Makefiles cheap. */
  private static final int MAX_VALUES = 16;
  private static final int MAX_ALTERNATIVES = 32;
  private static final int MAX_WORDS = 4096;
  private static final int MAX_DEPTH = 32;
  /**
   * Steps (words and references expanded) one directory's Makefiles may take. Kbuild files take
   * a few thousand; recursive variables that each use the one before twice ({@code V2 = $(V1)
   * $(V1)}) double the work per level and would take 2^40 steps at 40 levels.
   */
  static final long MAX_STEPS = 1_000_000;

  /**
   * One value a variable may have. Recursive ({@code =}) values keep their words as written and
   * are expanded on use; simple ({@code :=}) values are expanded when assigned.
   */
  private record Value(List<Word> words, boolean expanded, boolean complete) {
    static final Value UNKNOWN = new Value(List.of(), true, false);
  }

  /** {@code definite}: some assignment outside any conditional, so {@code ?=} has no effect. */
  private record Variable(List<Value> values, boolean definite) {}

  /** Words worked out, and whether nothing unknown was dropped on the way. */
  record Expansion(List<Word> words, boolean complete) {
    static final Expansion UNKNOWN = new Expansion(List.of(), false);
  }

  private final Map<String, Variable> variables = new HashMap<>();
  private long steps;
  private boolean truncated;

  /** True once {@link #MAX_STEPS} ran out: from then on every expansion is unknown. */
  boolean exhausted() {
    return steps > MAX_STEPS;
  }

  /** True when an expansion since the last call had more than {@value #MAX_WORDS} words and was cut there. */
  boolean takeTruncated() {
    boolean t = truncated;
    truncated = false;
    return t;
  }

  /** Applies {@code name op words}; {@code conditional} when inside an ifeq/ifdef branch. */
  void assign(String name, String op, List<Word> words, boolean conditional) {
    switch (op) {
      case "=" -> set(name, new Value(List.copyOf(words), false, true), conditional);
      case ":=", "::=", ":::=" -> {
        Expansion e = expand(words, new Scope(false, Map.of()));
        set(name, new Value(e.words(), true, e.complete()), conditional);
      }
      case "+=" -> append(name, words, conditional);
      case "?=" -> {
        // Treated as conditional: the environment or command line may have set the variable,
        // so this value is one possibility, never the only one.
        Variable v = variables.get(name);
        if (v == null || !v.definite()) set(name, new Value(List.copyOf(words), false, true), true);
      }
      default -> set(name, Value.UNKNOWN, conditional); // != runs a shell command
    }
  }

  /** A variable whose value the reader does not follow, e.g. a {@code define} block. */
  void assignUnknown(String name, boolean conditional) {
    set(name, Value.UNKNOWN, conditional);
  }

  private void set(String name, Value value, boolean conditional) {
    Variable old = variables.get(name);
    if (old == null || !conditional) {
      variables.put(name, new Variable(new ArrayList<>(List.of(value)), !conditional));
    } else if (old.values().size() < MAX_VALUES) {
      old.values().add(value);
    }
  }

  private void append(String name, List<Word> words, boolean conditional) {
    Variable old = variables.get(name);
    if (old == null) {
      set(name, new Value(List.copyOf(words), false, true), conditional);
      return;
    }
    List<Value> values = old.values();
    for (int i = 0; i < values.size(); i++) {
      Value v = values.get(i);
      List<Word> joined = new ArrayList<>(v.words());
      boolean complete = v.complete();
      if (v.expanded()) {
        Expansion e = expand(words, new Scope(false, Map.of()));
        joined.addAll(e.words());
        complete &= e.complete();
      } else {
        joined.addAll(words);
      }
      values.set(i, new Value(cap(joined), v.expanded(), complete));
    }
  }

  /** The words of an object list: every known word of every value, in order. */
  List<Word> expandList(List<Word> words) {
    return expand(words, new Scope(false, Map.of())).words();
  }

  /** Like {@link #expandList}, also telling whether some word could not be evaluated. */
  Expansion expandListChecked(List<Word> words) {
    return expand(words, new Scope(false, Map.of()));
  }

  /**
   * The names a variable-name word stands for. CONFIG symbols stay as {@code $(CONFIG_X)}, since
   * they select obj-y/obj-m in the kernel's configuration; other unknown references stay as
   * written, so the name simply matches nothing.
   */
  List<String> expandName(String text) {
    List<String> names = expandText(text, new Scope(true, Map.of()));
    return names == null ? List.of(text) : names;
  }

  /**
   * The words a file name in an include directive stands for; {@code fallback} gives values
   * for variables Kbuild or the caller would set, such as {@code src}.
   */
  List<Word> expandPath(Word word, Map<String, String> fallback) {
    return expandWord(word, new Scope(false, fallback)).words();
  }

  /** How one expansion treats what it does not know, and how deep it already is. */
  private static final class Scope {
    final boolean keepUnknown;
    final Map<String, String> fallback;
    /** Variables being expanded, to stop at self-references. */
    final Set<String> active = new HashSet<>();
    /** Depth of computed names such as $($(X)), which recurse without naming a variable. */
    final int nesting;

    Scope(boolean keepUnknown, Map<String, String> fallback) {
      this(keepUnknown, fallback, 0);
    }

    private Scope(boolean keepUnknown, Map<String, String> fallback, int nesting) {
      this.keepUnknown = keepUnknown;
      this.fallback = fallback;
      this.nesting = nesting;
    }

    Scope forName() {
      Scope inner = new Scope(false, fallback, nesting + 1);
      inner.active.addAll(active);
      return inner;
    }
  }

  private Expansion expand(List<Word> words, Scope scope) {
    List<Word> out = new ArrayList<>();
    boolean complete = true;
    for (Word w : words) {
      Expansion e = expandWord(w, scope);
      out.addAll(e.words());
      complete &= e.complete();
      if (out.size() > MAX_WORDS) return new Expansion(cap(out), false);
    }
    return new Expansion(out, complete);
  }

  private Expansion expandWord(Word word, Scope scope) {
    String text = word.text();
    if (text.indexOf('$') < 0) return new Expansion(List.of(word), true);
    if (++steps > MAX_STEPS) return Expansion.UNKNOWN;
    // A word that is one reference keeps the positions of the words it stands for, so an
    // object listed in "OBJS := a.o b.o" is placed where it is written.
    if (isWholeReference(text)) {
      Reference ref = Reference.parse(text.substring(2, text.length() - 1));
      if (ref != null) {
        String name = resolveName(ref.name(), scope);
        List<Expansion> values = name == null ? null : values(name, scope);
        if (values != null) {
          List<Word> out = new ArrayList<>();
          boolean complete = true;
          for (Expansion e : values) {
            for (Word w : e.words()) out.add(w.withText(ref.substitute(w.text())));
            complete &= e.complete();
          }
          return new Expansion(cap(out), complete);
        }
        String fallback = name == null ? null : scope.fallback.get(name);
        if (fallback == null) return Expansion.UNKNOWN;
      }
    }
    List<String> texts = expandText(text, scope);
    if (texts == null) return Expansion.UNKNOWN;
    List<Word> out = new ArrayList<>();
    for (String t : texts) for (String part : t.trim().split("[ \t]+")) if (!part.isEmpty()) out.add(word.withText(part));
    return new Expansion(cap(out), true);
  }

  /**
   * The texts {@code text} may expand to, one per combination of variable values; null when
   * some reference in it is unknown (unless the scope keeps unknown references as written).
   */
  private List<String> expandText(String text, Scope scope) {
    List<StringBuilder> results = new ArrayList<>(List.of(new StringBuilder()));
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$' || i + 1 == text.length()) {
        for (StringBuilder r : results) r.append(c);
        i++;
        continue;
      }
      char next = text.charAt(i + 1);
      if (next == '$') {
        for (StringBuilder r : results) r.append('$');
        i += 2;
        continue;
      }
      String inner;
      int end;
      if (next == '(' || next == '{') {
        end = referenceEnd(text, i);
        if (end < 0) return null;
        inner = text.substring(i + 2, end - 1);
      } else {
        end = i + 2;
        inner = String.valueOf(next);
      }
      List<String> values = referenceTexts(inner, scope);
      if (values == null) {
        if (!scope.keepUnknown) return null;
        values = List.of(text.substring(i, end));
      }
      List<StringBuilder> combined = new ArrayList<>();
      for (StringBuilder r : results) {
        for (String v : values) {
          if (combined.size() < MAX_ALTERNATIVES) combined.add(new StringBuilder(r).append(v));
        }
      }
      results = combined;
      i = end;
    }
    List<String> out = new ArrayList<>();
    for (StringBuilder r : results) out.add(r.toString());
    return out;
  }

  /** The texts one reference ({@code inner} is what is between the parentheses) stands for. */
  private List<String> referenceTexts(String inner, Scope scope) {
    if (++steps > MAX_STEPS) return null;
    Reference ref = Reference.parse(inner);
    if (ref == null) return null;
    String name = resolveName(ref.name(), scope);
    if (name == null) return null;
    if (name.startsWith("CONFIG_")) return scope.keepUnknown ? List.of("$(" + name + ")") : null;
    List<Expansion> values = values(name, scope);
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (Expansion e : values) {
        if (!e.complete()) continue;
        StringBuilder joined = new StringBuilder();
        for (Word w : e.words()) {
          if (joined.length() > 0) joined.append(' ');
          joined.append(ref.substitute(w.text()));
        }
        out.add(joined.toString());
      }
    }
    if (out.isEmpty() && scope.fallback.containsKey(name)) out.add(scope.fallback.get(name));
    return out.isEmpty() ? null : out;
  }

  /** A computed name such as {@code $($(X)-y)} must come out as a single word. */
  private String resolveName(String name, Scope scope) {
    if (name.indexOf('$') < 0) return name;
    if (scope.nesting >= MAX_DEPTH) return null;
    List<String> names = expandText(name, scope.forName());
    if (names == null || names.size() != 1) return null;
    String n = names.get(0).trim();
    return n.isEmpty() || n.contains(" ") || n.contains("\t") ? null : n;
  }

  /**
   * Each value of {@code name} expanded, or null when the variable is unknown here. A lookup of
   * {@code arm-obj-y} also takes the values of {@code arm-obj-$(CONFIG_EFI)}: with every
   * configuration considered, CONFIG_EFI may be y (drivers/firmware/efi, drivers/xen do this).
   */
  private List<Expansion> values(String name, Scope scope) {
    if (name.startsWith("CONFIG_")) return null;
    List<String> names = new ArrayList<>();
    if (variables.containsKey(name)) names.add(name);
    if (name.endsWith("-y") || name.endsWith("-m")) {
      for (String key : variables.keySet()) {
        if (!key.equals(name) && key.contains("$(CONFIG_")
            && CONFIG_RUN.matcher(key).replaceAll(name.substring(name.length() - 1)).equals(name)) names.add(key);
      }
      names.sort(null);
    }
    if (names.isEmpty() || scope.active.contains(name) || scope.active.size() >= MAX_DEPTH) return null;
    scope.active.add(name);
    try {
      List<Expansion> out = new ArrayList<>();
      for (String n : names) {
        for (Value value : variables.get(n).values()) {
          out.add(value.expanded() ? new Expansion(value.words(), value.complete())
              : expand(value.words(), scope));
        }
      }
      return out;
    } finally {
      scope.active.remove(name);
    }
  }

  private static final java.util.regex.Pattern CONFIG_RUN =
      java.util.regex.Pattern.compile("(?:\\$\\(CONFIG_\\w+\\))+");

  private List<Word> cap(List<Word> words) {
    if (words.size() <= MAX_WORDS) return words;
    truncated = true;
    return List.copyOf(words.subList(0, MAX_WORDS));
  }

  static int maxWords() {
    return MAX_WORDS;
  }

  private static final java.util.regex.Pattern FUNCTION = java.util.regex.Pattern.compile("\\$[({]([a-z-]+)[ \t]");
  private static final java.util.regex.Pattern SIMPLE_REFERENCE =
      java.util.regex.Pattern.compile("\\$[({]([A-Za-z0-9_.-]+)[)}]");

  /**
   * Why {@code word} cannot be evaluated, for a notification: the make function it calls, or a
   * variable it names that no line sets (make's command line may). Empty for the rest, which
   * make itself rejects or leaves empty (a variable that references itself, an unclosed
   * reference, a name computed from nothing).
   */
  java.util.Optional<String> unevaluated(Word word, Map<String, String> fallback) {
    java.util.regex.Matcher f = FUNCTION.matcher(word.text());
    if (f.find()) return java.util.Optional.of("$(" + f.group(1) + " ...), a make function kmodlint does not evaluate");
    if (word.text().replaceAll(SIMPLE_REFERENCE.pattern(), "").contains("$")) return java.util.Optional.empty();
    java.util.regex.Matcher v = SIMPLE_REFERENCE.matcher(word.text());
    while (v.find()) {
      String name = v.group(1);
      if (!name.startsWith("CONFIG_") && !variables.containsKey(name) && !fallback.containsKey(name))
        return java.util.Optional.of("$(" + name + "), which no line of the Makefile sets (make's command line or"
            + " environment may)");
    }
    return java.util.Optional.empty();
  }

  private static boolean isWholeReference(String text) {
    return text.length() > 3 && text.charAt(0) == '$'
        && (text.charAt(1) == '(' || text.charAt(1) == '{') && referenceEnd(text, 0) == text.length();
  }

  /** Index just past the reference whose '$' is at {@code dollar}, or -1 when it is not closed. */
  static int referenceEnd(String text, int dollar) {
    char open = text.charAt(dollar + 1);
    char close = open == '(' ? ')' : '}';
    int depth = 0;
    for (int i = dollar + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * A variable reference: a name, optionally with a substitution {@code $(NAME:from=to)}. A
   * function call ({@code $(call f,x)}, {@code $(shell ...)}, ...) is not one: make tells them
   * apart by the blank or comma after the first word.
   */
  private record Reference(String name, String from, String to) {

    static Reference parse(String inner) {
      int depth = 0;
      for (int i = 0; i < inner.length(); i++) {
        char c = inner.charAt(i);
        if (c == '(' || c == '{') {
          depth++;
        } else if (c == ')' || c == '}') {
          depth--;
        } else if (depth == 0 && (c == ' ' || c == '\t' || c == ',')) {
          return null;
        } else if (depth == 0 && c == ':') {
          int eq = inner.indexOf('=', i + 1);
          if (eq < 0) return null;
          return new Reference(inner.substring(0, i), inner.substring(i + 1, eq), inner.substring(eq + 1));
        }
      }
      return inner.isEmpty() ? null : new Reference(inner, null, null);
    }

    /** {@code $(X:.c=.o)} replaces a suffix; {@code $(X:%.c=%.o)} is a pattern substitution. */
    String substitute(String word) {
      if (from == null || from.isEmpty()) return word;
      int p = from.indexOf('%');
      if (p < 0) {
        return word.endsWith(from) ? word.substring(0, word.length() - from.length()) + to : word;
      }
      String prefix = from.substring(0, p);
      String suffix = from.substring(p + 1);
      if (word.length() < prefix.length() + suffix.length() || !word.startsWith(prefix) || !word.endsWith(suffix)) {
        return word;
      }
      String stem = word.substring(prefix.length(), word.length() - suffix.length());
      int q = to.indexOf('%');
      return q < 0 ? to : to.substring(0, q) + stem + to.substring(q + 1);
    }
  }
}
