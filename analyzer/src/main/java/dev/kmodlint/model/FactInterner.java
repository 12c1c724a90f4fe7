package dev.kmodlint.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One object for each value the facts of a run repeat. Every C file that includes a header
 * gets the facts of the header's declarations (a prototype, an inline function and what it
 * calls, a variable), equal from file to file, and the names of a file's facts repeat each
 * other: held once each, the facts of a whole tree take a fraction of the memory. Shares equal
 * strings and paths, and equal records that are elements of a list or set (a fact among many:
 * a function, a reference, a notification); a record is otherwise rebuilt only when one of its
 * components was shared. Values are compared as records compare (components, by value), so a
 * shared fact is equal to the one it replaces; merging the facts of a module's objects, which
 * compares them field by field, is quick when equal fields are the same object. Safe for
 * concurrent use.
 */
public final class FactInterner {
  private final Map<String, String> strings = new ConcurrentHashMap<>();
  private final Map<String, Path> paths = new ConcurrentHashMap<>();
  private final Map<Object, Object> elements = new ConcurrentHashMap<>();
  private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

  /** A record type's components and canonical constructor. */
  private record Shape(Method[] accessors, Constructor<?> constructor) {}

  // get first: a hit (most strings of a run were seen before) takes no lock, where putIfAbsent
  // and computeIfAbsent lock the bin even to find what is there; they were an eighth of a warm
  // run of a whole tree, two threads contending on the same names
  public String string(String s) {
    String known = strings.get(s);
    if (known != null) return known;
    known = strings.putIfAbsent(s, s);
    return known != null ? known : s;
  }

  public Path path(String s) {
    Path known = paths.get(s);
    return known != null ? known : paths.computeIfAbsent(s, Path::of);
  }

  private Path path(Path p) {
    String s = p.toString();
    Path known = paths.get(s);
    if (known != null) return known;
    known = paths.putIfAbsent(s, p);
    return known != null ? known : p;
  }

  /** Forgets what was shared: the values handed out stay as they are. */
  public void clear() {
    strings.clear();
    paths.clear();
    elements.clear();
  }

  /** {@code value} with every repeated part shared: equal to it, records and collections immutable as given. */
  @SuppressWarnings("unchecked")
  public <T> T of(T value) {
    return (T) value(value, false);
  }

  private Object value(Object v, boolean element) {
    if (v == null) return null;
    if (v instanceof String s) return string(s);
    if (v instanceof Path p) return path(p);
    if (v instanceof Record r) return element ? element(r) : record(r);
    if (v instanceof Optional<?> o) {
      if (o.isEmpty()) return o;
      Object in = value(o.get(), false);
      return in == o.get() ? o : Optional.of(in);
    }
    if (v instanceof List<?> l) {
      Object[] out = l.toArray();
      return changed(out) ? Collections.unmodifiableList(Arrays.asList(out)) : l;
    }
    if (v instanceof Set<?> s) {
      Object[] out = s.toArray();
      return changed(out) ? Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(out))) : s;
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      boolean changed = false;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object k = value(e.getKey(), true);
        Object x = value(e.getValue(), false);
        changed |= k != e.getKey() || x != e.getValue();
        out.put(k, x);
      }
      return changed ? Collections.unmodifiableMap(out) : m;
    }
    return v; // enums, numbers, booleans
  }

  /** Replaces each element of {@code a} by its shared one; true when any was replaced. */
  private boolean changed(Object[] a) {
    boolean changed = false;
    for (int i = 0; i < a.length; i++) {
      Object x = value(a[i], true);
      changed |= x != a[i];
      a[i] = x;
    }
    return changed;
  }

  private Object element(Record r) {
    Object known = elements.get(r);
    if (known != null) return known;
    Object made = record(r);
    known = elements.putIfAbsent(made, made);
    return known != null ? known : made;
  }

  private Object record(Record r) {
    Shape shape = shapes.get(r.getClass());
    if (shape == null) shape = shapes.computeIfAbsent(r.getClass(), FactInterner::shape);
    Object[] args = new Object[shape.accessors.length];
    boolean changed = false;
    try {
      for (int i = 0; i < args.length; i++) {
        Object c = shape.accessors[i].invoke(r);
        args[i] = value(c, false);
        changed |= args[i] != c;
      }
      return changed ? shape.constructor.newInstance(args) : r;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot rebuild " + r.getClass().getName(), e);
    }
  }

  private static Shape shape(Class<?> c) {
    RecordComponent[] rc = c.getRecordComponents();
    Method[] accessors = new Method[rc.length];
    Class<?>[] types = new Class<?>[rc.length];
    for (int i = 0; i < rc.length; i++) {
      accessors[i] = rc[i].getAccessor();
      accessors[i].setAccessible(true);
      types[i] = rc[i].getType();
    }
    try {
      Constructor<?> k = c.getDeclaredConstructor(types);
      k.setAccessible(true);
      return new Shape(accessors, k);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("no canonical constructor of " + c.getName(), e);
    }
  }

  @Override
  public String toString() {
    return "FactInterner[" + strings.size() + " strings, " + paths.size() + " paths, " + elements.size() + " facts]";
  }
}
