package dev.kmodlint.kbuild;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * When a piece of Makefile text is present: a conjunction of literals "assumption A takes one of
 * the choices in mask M". An assumption is something the file cannot decide (an
 * {@code ifeq} on a variable set outside it, a {@code CONFIG_} symbol without a .config); its
 * choices are its possible outcomes. {@link #TRUE} is the empty conjunction: always present.
 *
 * <p>An assumption id carries its number of choices in its low three bits, so that a guard can
 * complement a mask without a registry; {@link MakeAssumptions} hands the ids out.
 */
final class Guard {
  static final Guard TRUE = new Guard(new int[0], new int[0]);

  /** Sorted assumption ids. */
  private final int[] ids;
  /** For each id, the bit set of the choices allowed; never empty, never all of them. */
  private final int[] masks;

  private List<Guard> negation;

  private Guard(int[] ids, int[] masks) {
    this.ids = ids;
    this.masks = masks;
  }

  static int choices(int id) {
    return id & 7;
  }

  static int fullMask(int id) {
    return (1 << choices(id)) - 1;
  }

  /** The literal "assumption {@code id} takes a choice in {@code mask}"; TRUE when the mask allows all. */
  static Guard of(int id, int mask) {
    int m = mask & fullMask(id);
    if (m == fullMask(id)) return TRUE;
    if (m == 0) throw new IllegalArgumentException("empty choice set");
    return new Guard(new int[] {id}, new int[] {m});
  }

  boolean isTrue() {
    return ids.length == 0;
  }

  int size() {
    return ids.length;
  }

  int id(int i) {
    return ids[i];
  }

  int mask(int i) {
    return masks[i];
  }

  /** The choices this guard allows for {@code id}: all of them when it does not constrain it. */
  int maskOf(int id) {
    int i = Arrays.binarySearch(ids, id);
    return i >= 0 ? masks[i] : fullMask(id);
  }

  /** Both at once, or null when no world satisfies both. */
  Guard and(Guard o) {
    if (o.isTrue()) return this;
    if (isTrue()) return o;
    int[] outIds = new int[ids.length + o.ids.length];
    int[] outMasks = new int[outIds.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < ids.length || j < o.ids.length) {
      if (j == o.ids.length || (i < ids.length && ids[i] < o.ids[j])) {
        outIds[n] = ids[i];
        outMasks[n++] = masks[i++];
      } else if (i == ids.length || o.ids[j] < ids[i]) {
        outIds[n] = o.ids[j];
        outMasks[n++] = o.masks[j++];
      } else {
        int m = masks[i] & o.masks[j];
        if (m == 0) return null;
        outIds[n] = ids[i];
        outMasks[n++] = m;
        i++;
        j++;
      }
    }
    return new Guard(Arrays.copyOf(outIds, n), Arrays.copyOf(outMasks, n));
  }

  boolean consistentWith(Guard o) {
    return and(o) != null;
  }

  /** True when every world this guard allows, {@code o} allows too. */
  boolean implies(Guard o) {
    for (int k = 0; k < o.ids.length; k++) {
      if ((maskOf(o.ids[k]) & ~o.masks[k]) != 0) return false;
    }
    return true;
  }

  /**
   * The worlds this guard excludes, as disjoint conjunctions: not(l1 and l2) is (not l1) or
   * (l1 and not l2).
   */
  List<Guard> not() {
    List<Guard> cached = negation;
    if (cached != null) return cached;
    List<Guard> out = new ArrayList<>();
    Guard prefix = TRUE;
    for (int k = 0; k < ids.length; k++) {
      int complement = fullMask(ids[k]) & ~masks[k];
      out.add(prefix.and(of(ids[k], complement)));
      prefix = prefix.and(of(ids[k], masks[k]));
    }
    negation = List.copyOf(out);
    return negation;
  }

  /**
   * The strongest conjunction that both guards imply: the worlds of either, and possibly more.
   * Used where the exact disjunction cannot be written as one conjunction.
   */
  Guard cover(Guard o) {
    if (isTrue() || o.isTrue()) return TRUE;
    int[] outIds = new int[Math.min(ids.length, o.ids.length)];
    int[] outMasks = new int[outIds.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < ids.length && j < o.ids.length) {
      if (ids[i] < o.ids[j]) {
        i++;
      } else if (o.ids[j] < ids[i]) {
        j++;
      } else {
        int m = masks[i] | o.masks[j];
        if (m != fullMask(ids[i])) {
          outIds[n] = ids[i];
          outMasks[n++] = m;
        }
        i++;
        j++;
      }
    }
    return n == 0 ? TRUE : new Guard(Arrays.copyOf(outIds, n), Arrays.copyOf(outMasks, n));
  }

  /**
   * Exactly the worlds of either guard, when one conjunction says so (they differ in the
   * answers to one question at most, or one implies the other); else null.
   */
  Guard union(Guard o) {
    if (implies(o)) return o;
    if (o.implies(this)) return this;
    if (ids.length != o.ids.length) return null;
    int differing = -1;
    for (int k = 0; k < ids.length; k++) {
      if (ids[k] != o.ids[k]) return null;
      if (masks[k] != o.masks[k]) {
        if (differing >= 0) return null;
        differing = k;
      }
    }
    if (differing < 0) return this;
    int m = masks[differing] | o.masks[differing];
    Guard rest = without(ids[differing]);
    return rest.and(of(ids[differing], m));
  }

  /** This guard without its literals on {@code id}. */
  Guard without(int id) {
    int i = Arrays.binarySearch(ids, id);
    if (i < 0) return this;
    int[] outIds = new int[ids.length - 1];
    int[] outMasks = new int[outIds.length];
    System.arraycopy(ids, 0, outIds, 0, i);
    System.arraycopy(masks, 0, outMasks, 0, i);
    System.arraycopy(ids, i + 1, outIds, i, ids.length - i - 1);
    System.arraycopy(masks, i + 1, outMasks, i, ids.length - i - 1);
    return outIds.length == 0 ? TRUE : new Guard(outIds, outMasks);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Guard g && Arrays.equals(ids, g.ids) && Arrays.equals(masks, g.masks);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ids) + Arrays.hashCode(masks);
  }

  @Override
  public String toString() {
    if (isTrue()) return "TRUE";
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < ids.length; k++) {
      if (k > 0) sb.append(" & ");
      sb.append('A').append(ids[k] >> 3).append('=').append(Integer.toBinaryString(masks[k]));
    }
    return sb.toString();
  }
}
