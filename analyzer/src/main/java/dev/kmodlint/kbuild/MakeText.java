package dev.kmodlint.kbuild;

import dev.kmodlint.model.SourcePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Text as make would have it after expansion, in every world the evaluation considers at
 * once: a sequence of pieces, each present when its {@link Guard} holds. In a world, the text
 * is the concatenation of the pieces present there. Each piece also says where in the
 * Makefiles its characters were written, so that an object found in a list is placed on the
 * word that names it.
 *
 * <p>{@code raw} pieces are unexpanded Makefile text, the value of a recursive variable; the
 * result of an expansion has none.
 */
final class MakeText {
  record Piece(String text, SourcePosition at, Guard guard, boolean raw) {
    Piece {
      Objects.requireNonNull(text);
      Objects.requireNonNull(guard);
    }

    Piece and(Guard g) {
      Guard both = guard.and(g);
      if (both == null) return null;
      return both.equals(guard) ? this : new Piece(text, at, both, raw);
    }
  }

  /** One word of a text, with the conjunction of the worlds it is present in (or more). */
  record Word(String text, SourcePosition at, Guard guard) {}

  static final MakeText EMPTY = new MakeText(List.of());

  final List<Piece> pieces;
  /** The last {@link #words} asked for: a $(foreach) over a list asks for them at each turn. */
  private Guard wordsContext;
  private List<Word> wordsCache;

  MakeText(List<Piece> pieces) {
    this.pieces = Collections.unmodifiableList(pieces);
  }

  static MakeText of(String text, SourcePosition at) {
    return text.isEmpty() ? EMPTY : new MakeText(List.of(new Piece(text, at, Guard.TRUE, false)));
  }

  boolean isEmpty() {
    return pieces.isEmpty();
  }

  /** True when every piece is present in every world. */
  boolean unconditional() {
    for (Piece p : pieces) if (!p.guard().isTrue()) return false;
    return true;
  }

  /** The text when {@link #unconditional()}; else the pieces of every world run together. */
  String flat() {
    if (pieces.size() == 1) return pieces.get(0).text();
    StringBuilder sb = new StringBuilder();
    for (Piece p : pieces) sb.append(p.text());
    return sb.toString();
  }

  /** Position of the first piece, or {@code fallback}. */
  SourcePosition firstPosition(SourcePosition fallback) {
    for (Piece p : pieces) if (p.at() != null && !p.text().isBlank()) return p.at();
    return fallback;
  }

  MakeText and(Guard g) {
    if (g.isTrue()) return this;
    List<Piece> out = new ArrayList<>(pieces.size());
    for (Piece p : pieces) {
      Piece q = p.and(g);
      if (q != null) out.add(q);
    }
    return new MakeText(out);
  }

  /** Every piece placed at {@code at}. */
  MakeText at(SourcePosition at) {
    List<Piece> out = new ArrayList<>(pieces.size());
    for (Piece p : pieces) out.add(Objects.equals(p.at(), at) ? p : new Piece(p.text(), at, p.guard(), p.raw()));
    return new MakeText(out);
  }

  /** The assumption ids the pieces depend on. */
  List<Integer> assumptions() {
    List<Integer> out = new ArrayList<>();
    for (Piece p : pieces) {
      Guard g = p.guard();
      for (int k = 0; k < g.size(); k++) if (!out.contains(g.id(k))) out.add(g.id(k));
    }
    return out;
  }

  /** The text in one world: the pieces whose guard {@code world} implies. */
  String in(Guard world) {
    StringBuilder sb = new StringBuilder();
    for (Piece p : pieces) if (world.implies(p.guard())) sb.append(p.text());
    return sb.toString();
  }

  /** Builds a text piece by piece, merging neighbours that share guard and position. */
  static final class Builder {
    private final List<Piece> out = new ArrayList<>();
    /** The last piece, still growing: merging neighbours one by one must not copy the text each time. */
    private StringBuilder pending;
    private SourcePosition pendingAt;
    private Guard pendingGuard;
    private int length;

    Builder add(Piece p) {
      if (p == null || p.text().isEmpty()) return this;
      length += p.text().length();
      if (p.raw()) {
        flush();
        out.add(p);
        return this;
      }
      if (pending != null && pendingGuard.equals(p.guard()) && Objects.equals(pendingAt, p.at())) {
        pending.append(p.text());
        return this;
      }
      flush();
      pending = new StringBuilder(p.text());
      pendingAt = p.at();
      pendingGuard = p.guard();
      return this;
    }

    private void flush() {
      if (pending == null) return;
      out.add(new Piece(pending.toString(), pendingAt, pendingGuard, false));
      pending = null;
    }

    Builder add(String text, SourcePosition at, Guard g) {
      return text.isEmpty() ? this : add(new Piece(text, at, g, false));
    }

    Builder add(MakeText t) {
      for (Piece p : t.pieces) add(p);
      return this;
    }

    /** Appends {@code t} present only where {@code g} holds. */
    Builder add(MakeText t, Guard g) {
      for (Piece p : t.pieces) add(p.and(g));
      return this;
    }

    int length() {
      return length;
    }

    MakeText build() {
      flush();
      return out.isEmpty() ? EMPTY : new MakeText(new ArrayList<>(out));
    }
  }

  /** Words as a text: separated by single blanks, each present where its guard holds. */
  static MakeText ofWords(List<Word> words) {
    Builder b = new Builder();
    boolean first = true;
    for (Word w : words) {
      if (!first) b.add(" ", w.at(), w.guard());
      b.add(w.text(), w.at(), w.guard());
      first = false;
    }
    return b.build();
  }

  static boolean blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b';
  }

  /** Whitespace-separated words of a plain string, each placed at {@code at}. */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && blank(s.charAt(i))) i++;
      int start = i;
      while (i < n && !blank(s.charAt(i))) i++;
      if (i > start) out.add(s.substring(start, i));
    }
    return out;
  }

  /** The most partial states {@link #words} keeps before it merges them approximately. */
  private static final int MAX_STATES = 64;
  private static final int GIVE_UP_STATES = 4096;

  /**
   * The words of the text in every world where {@code context} holds, at once. A word present
   * in only some worlds carries their guard (relative to the context); the same word (text and
   * place) found in several worlds is one word whose guard is their union, or covers it. Null
   * when the worlds within one word are too many to follow.
   *
   * <p>Worked left to right with one state per way the current word may read so far, so that a
   * list grown by a hundred conditional {@code +=} costs a hundred steps, not 2^100: states
   * reading the same partial word are merged when one guard says exactly where they are.
   */
  List<Word> words(Guard context) {
    if (unconditional()) return plainWords();
    synchronized (this) {
      if (context.equals(wordsContext)) return wordsCache;
    }
    List<Word> out = guardedWords(context);
    synchronized (this) {
      wordsContext = context;
      wordsCache = out == null ? null : List.copyOf(out);
      return wordsCache;
    }
  }

  private List<Word> guardedWords(Guard context) {
    Map<Key, Word> emitted = new LinkedHashMap<>();
    List<State> states = new ArrayList<>(List.of(new State(Guard.TRUE, "", null)));
    boolean[] sealed = sealedFrom(context);
    for (int i = 0; i < pieces.size(); i++) {
      Piece p = pieces.get(i);
      if (!context.consistentWith(p.guard()) || p.text().isEmpty()) continue;
      if (sealed[i]) {
        // no piece from here on can extend a word begun before: each is complete already
        for (State s : states) {
          if (!s.word.isEmpty()) emit(s.word, s.at, s.guard, emitted);
          s.word = "";
          s.at = null;
        }
      }
      List<String> atoms = atoms(p.text());
      if (p.guard().isTrue()) {
        for (State s : states) for (String atom : atoms) step(s, atom, p.at(), emitted);
        states = merge(states);
        continue;
      }
      List<State> next = new ArrayList<>();
      for (State s : states) {
        Guard present = s.guard.and(p.guard());
        if (present != null && context.consistentWith(present)) {
          State t = new State(present, s.word, s.at);
          for (String atom : atoms) step(t, atom, p.at(), emitted);
          next.add(t);
        }
        for (Guard absent : p.guard().not()) {
          Guard g = s.guard.and(absent);
          if (g != null && context.consistentWith(g)) next.add(new State(g, s.word, s.at));
        }
      }
      states = merge(next);
      if (states.size() > GIVE_UP_STATES) return null;
    }
    for (State s : states) if (!s.word.isEmpty()) emit(s.word, s.at, s.guard, emitted);
    return new ArrayList<>(emitted.values());
  }

  /**
   * For each piece: true when it and every piece after it, up to one always present that
   * begins with a blank, begin with a blank, so that no word begun before it can grow.
   */
  private boolean[] sealedFrom(Guard context) {
    boolean[] out = new boolean[pieces.size()];
    boolean sealed = true;
    for (int i = pieces.size() - 1; i >= 0; i--) {
      Piece p = pieces.get(i);
      if (p.text().isEmpty() || !context.consistentWith(p.guard())) {
        out[i] = sealed;
        continue;
      }
      boolean blankStart = blank(p.text().charAt(0));
      if (!blankStart) sealed = false;
      else if (p.guard().isTrue()) sealed = true;
      out[i] = sealed && blankStart;
    }
    return out;
  }

  private List<Word> plainWords() {
    List<Word> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    SourcePosition at = null;
    for (Piece p : pieces) {
      String t = p.text();
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (blank(c)) {
          if (word.length() > 0) {
            out.add(new Word(word.toString(), at, Guard.TRUE));
            word.setLength(0);
          }
        } else {
          if (word.length() == 0) at = p.at();
          word.append(c);
        }
      }
    }
    if (word.length() > 0) out.add(new Word(word.toString(), at, Guard.TRUE));
    return out;
  }

  private record Key(String text, SourcePosition at) {}

  private static final class State {
    final Guard guard;
    String word;
    SourcePosition at;

    State(Guard guard, String word, SourcePosition at) {
      this.guard = guard;
      this.word = word;
      this.at = at;
    }
  }

  private static void step(State s, String atom, SourcePosition at, Map<Key, Word> emitted) {
    if (blank(atom.charAt(0))) {
      if (!s.word.isEmpty()) emit(s.word, s.at, s.guard, emitted);
      s.word = "";
      s.at = null;
    } else {
      if (s.word.isEmpty()) s.at = at;
      s.word = s.word + atom;
    }
  }

  private static void emit(String text, SourcePosition at, Guard g, Map<Key, Word> emitted) {
    Key k = new Key(text, at);
    Word old = emitted.get(k);
    if (old == null) {
      emitted.put(k, new Word(text, at, g));
    } else {
      Guard u = old.guard().union(g);
      emitted.put(k, new Word(text, at, u != null ? u : old.guard().cover(g)));
    }
  }

  /**
   * States reading the same partial word become one where their worlds make one guard. Past
   * {@link #MAX_STATES}, states at a word boundary are merged approximately (their guard then
   * covers more worlds than they stand for): the words that follow are still right, their guards
   * may be wider.
   */
  private static List<State> merge(List<State> states) {
    if (states.size() < 2) return states;
    boolean allEmpty = true;
    for (State s : states) allEmpty &= s.word.isEmpty();
    // between words, where each world stands no longer matters: what follows depends on the
    // pieces that follow, whose guards say it
    if (allEmpty) return new ArrayList<>(List.of(new State(Guard.TRUE, "", null)));
    Map<Key, List<State>> byWord = new LinkedHashMap<>();
    for (State s : states) byWord.computeIfAbsent(new Key(s.word, s.at), k -> new ArrayList<>()).add(s);
    List<State> out = new ArrayList<>();
    for (List<State> same : byWord.values()) {
      List<State> merged = new ArrayList<>(same);
      boolean changed = merged.size() <= 2 * MAX_STATES;
      while (changed && merged.size() > 1) {
        changed = false;
        outer:
        for (int i = 0; i < merged.size(); i++) {
          for (int j = i + 1; j < merged.size(); j++) {
            Guard u = merged.get(i).guard.union(merged.get(j).guard);
            if (u != null) {
              State a = merged.get(i);
              merged.set(i, new State(u, a.word, a.at));
              merged.remove(j);
              changed = true;
              break outer;
            }
          }
        }
      }
      out.addAll(merged);
    }
    if (out.size() > MAX_STATES) {
      Map<Key, State> approx = new LinkedHashMap<>();
      List<State> kept = new ArrayList<>();
      for (State s : out) {
        if (!s.word.isEmpty()) {
          kept.add(s);
          continue;
        }
        Key k = new Key("", null);
        State old = approx.get(k);
        approx.put(k, old == null ? s : new State(old.guard.cover(s.guard), "", null));
      }
      kept.addAll(approx.values());
      out = kept;
    }
    return out;
  }

  /** Alternating runs of blanks and of other characters. */
  private static List<String> atoms(String t) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < t.length()) {
      boolean ws = blank(t.charAt(i));
      int start = i;
      while (i < t.length() && blank(t.charAt(i)) == ws) i++;
      out.add(t.substring(start, i));
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Piece p : pieces) {
      sb.append('[').append(p.text());
      if (!p.guard().isTrue()) sb.append(" @").append(p.guard());
      sb.append(']');
    }
    return sb.toString();
  }
}
