package dev.kmodlint.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import dev.kmodlint.model.FactInterner;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes and reads a tree of records in a compact binary form derived from the records
 * themselves: components in declaration order, strings through a table, no class names.
 * Nothing is written by hand per record, so a model record that gains a field on another
 * branch needs no change here; {@link #schema()} changes with it, and a cache keyed by the
 * schema then refuses the old entries instead of reading them wrongly.
 *
 * <p>Supported: records, sealed interfaces of records, enums, {@code String}, {@code Path},
 * primitives and their boxes, {@code Optional}, {@code List}, {@code Set}, {@code Map}. Any
 * other type makes the constructor throw, so an unsupported field is found at start-up.
 */
final class RecordCodec<T extends Record> {
  private final Class<T> root;
  private final String schema;
  /** One node per type met, built once: decoding then dispatches on nothing. */
  private final Map<Type, Node> nodes = new HashMap<>();
  private final Node rootNode;

  /** How values of one type are written and read. */
  private interface Node {
    void write(Writer w, Object v) throws IOException;

    Object read(Reader r) throws IOException;
  }

  /** Reference types are preceded by a null marker; primitives are not. */
  private interface NonNull extends Node {}

  RecordCodec(Class<T> root) {
    this.root = root;
    StringBuilder sb = new StringBuilder();
    this.rootNode = node(root, sb);
    this.schema = sha256(sb.toString());
  }

  /** A digest of every class, component name and type the codec walks: equal schemas read each other. */
  String schema() {
    return schema;
  }

  byte[] encode(T value) throws IOException {
    Writer w = new Writer();
    rootNode.write(w, value);
    ByteArrayOutputStream out = new ByteArrayOutputStream(w.body.size() + 64 * w.strings.size() + 16);
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(w.strings.size());
    for (String s : w.strings.keySet()) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      d.writeInt(b.length);
      d.write(b);
    }
    w.body.writeTo(d);
    d.flush();
    return out.toByteArray();
  }

  /** Throws on anything malformed: the caller treats it as a corrupt entry. */
  T decode(byte[] bytes) throws IOException {
    return decode(bytes, new FactInterner());
  }

  T decode(byte[] bytes, FactInterner interner) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      int n = in.getInt();
      if (n < 0 || n > bytes.length) throw new IOException("bad string table size " + n);
      String[] strings = new String[n];
      for (int i = 0; i < n; i++) {
        int len = in.getInt();
        if (len < 0 || len > in.remaining()) throw new IOException("bad string length " + len);
        strings[i] = interner.string(new String(bytes, in.position(), len, StandardCharsets.UTF_8));
        in.position(in.position() + len);
      }
      Object v = rootNode.read(new Reader(in, strings, interner));
      if (in.hasRemaining()) throw new IOException("trailing bytes");
      return root.cast(v);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException("truncated", e);
    }
  }

  private static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) return c;
    if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    if (t instanceof WildcardType w) return raw(w.getUpperBounds()[0]);
    throw new IllegalArgumentException("type not supported by the fact cache: " + t);
  }

  private static Type arg(Type t, int i) {
    if (t instanceof ParameterizedType p) return p.getActualTypeArguments()[i];
    throw new IllegalArgumentException("raw collection type " + t);
  }

  /** The node of {@code t}, describing every type it reaches into {@code schema} the first time. */
  private Node node(Type t, StringBuilder schema) {
    Node known = nodes.get(t);
    schema.append(t.getTypeName()).append(';');
    if (known != null) return known;
    if (t instanceof GenericArrayType) throw new IllegalArgumentException("arrays are not supported: " + t);
    Class<?> c = raw(t);
    // a recursive type (a sealed expression of expressions) finds this forwarder while being built
    Node[] built = new Node[1];
    nodes.put(t, new Node() {
      public void write(Writer w, Object v) throws IOException {
        built[0].write(w, v);
      }

      public Object read(Reader r) throws IOException {
        return built[0].read(r);
      }
    });
    Node inner = build(c, t, schema);
    Node n = inner instanceof NonNull ? nullable(inner) : inner;
    built[0] = n;
    nodes.put(t, n);
    return n;
  }

  private static Node nullable(Node inner) {
    return new Node() {
      public void write(Writer w, Object v) throws IOException {
        if (v == null) {
          w.out.writeByte(0);
        } else {
          w.out.writeByte(1);
          inner.write(w, v);
        }
      }

      public Object read(Reader r) throws IOException {
        byte tag = r.in.get();
        if (tag == 0) return null;
        if (tag != 1) throw new IOException("bad tag " + tag);
        return inner.read(r);
      }
    };
  }

  private Node build(Class<?> c, Type t, StringBuilder schema) {
    if (c == int.class) return new Node() {
      public void write(Writer w, Object v) throws IOException { w.out.writeInt((Integer) v); }
      public Object read(Reader r) { return r.in.getInt(); }
    };
    if (c == long.class) return new Node() {
      public void write(Writer w, Object v) throws IOException { w.out.writeLong((Long) v); }
      public Object read(Reader r) { return r.in.getLong(); }
    };
    if (c == boolean.class) return new Node() {
      public void write(Writer w, Object v) throws IOException { w.out.writeBoolean((Boolean) v); }
      public Object read(Reader r) { return r.in.get() != 0; }
    };
    if (c == double.class) return new Node() {
      public void write(Writer w, Object v) throws IOException { w.out.writeDouble((Double) v); }
      public Object read(Reader r) { return r.in.getDouble(); }
    };
    if (c == Integer.class) return (NonNull) nodeFor(int.class);
    if (c == Long.class) return (NonNull) nodeFor(long.class);
    if (c == Boolean.class) return (NonNull) nodeFor(boolean.class);
    if (c == Double.class) return (NonNull) nodeFor(double.class);
    if (c == String.class) return new NonNull() {
      public void write(Writer w, Object v) throws IOException { w.string((String) v); }
      public Object read(Reader r) throws IOException { return r.string(); }
    };
    if (c == Path.class) return new NonNull() {
      public void write(Writer w, Object v) throws IOException { w.string(v.toString()); }
      public Object read(Reader r) throws IOException { return r.path(); }
    };
    if (c.isEnum()) {
      Object[] constants = c.getEnumConstants();
      Map<String, Object> byName = new HashMap<>();
      for (Object e : constants) {
        byName.put(((Enum<?>) e).name(), e);
        schema.append(((Enum<?>) e).name()).append(',');
      }
      return new NonNull() {
        public void write(Writer w, Object v) throws IOException { w.string(((Enum<?>) v).name()); }
        public Object read(Reader r) throws IOException {
          Object e = byName.get(r.string());
          if (e == null) throw new IOException("unknown constant of " + c.getName());
          return e;
        }
      };
    }
    if (c == Optional.class) {
      Node element = node(arg(t, 0), schema);
      return new NonNull() {
        public void write(Writer w, Object v) throws IOException {
          Optional<?> o = (Optional<?>) v;
          w.out.writeBoolean(o.isPresent());
          if (o.isPresent()) element.write(w, o.get());
        }
        public Object read(Reader r) throws IOException {
          return r.in.get() != 0 ? Optional.ofNullable(element.read(r)) : Optional.empty();
        }
      };
    }
    if (c == List.class || c == Set.class) {
      Node element = node(arg(t, 0), schema);
      boolean list = c == List.class;
      return new NonNull() {
        public void write(Writer w, Object v) throws IOException {
          java.util.Collection<?> col = (java.util.Collection<?>) v;
          w.out.writeInt(col.size());
          for (Object e : col) element.write(w, e);
        }
        public Object read(Reader r) throws IOException {
          int n = r.size();
          if (list) {
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) out[i] = element.read(r);
            return java.util.Collections.unmodifiableList(java.util.Arrays.asList(out));
          }
          Set<Object> out = new LinkedHashSet<>();
          for (int i = 0; i < n; i++) out.add(element.read(r));
          return java.util.Collections.unmodifiableSet(out);
        }
      };
    }
    if (c == Map.class) {
      Node key = node(arg(t, 0), schema);
      Node value = node(arg(t, 1), schema);
      return new NonNull() {
        public void write(Writer w, Object v) throws IOException {
          Map<?, ?> m = (Map<?, ?>) v;
          w.out.writeInt(m.size());
          for (Map.Entry<?, ?> e : m.entrySet()) {
            key.write(w, e.getKey());
            value.write(w, e.getValue());
          }
        }
        public Object read(Reader r) throws IOException {
          int n = r.size();
          Map<Object, Object> out = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) out.put(key.read(r), value.read(r));
          return java.util.Collections.unmodifiableMap(out);
        }
      };
    }
    if (c.isInterface() && c.isSealed()) {
      Class<?>[] permitted = c.getPermittedSubclasses();
      Node[] subs = new Node[permitted.length];
      for (int i = 0; i < permitted.length; i++) subs[i] = node(permitted[i], schema);
      return new NonNull() {
        public void write(Writer w, Object v) throws IOException {
          for (int i = 0; i < permitted.length; i++) {
            if (permitted[i] == v.getClass()) {
              w.out.writeInt(i);
              subs[i].write(w, v);
              return;
            }
          }
          throw new IllegalArgumentException(v.getClass() + " not permitted by " + c);
        }
        public Object read(Reader r) throws IOException {
          int i = r.in.getInt();
          if (i < 0 || i >= subs.length) throw new IOException("bad subclass index " + i);
          return subs[i].read(r);
        }
      };
    }
    if (c.isRecord()) return record(c, schema);
    throw new IllegalArgumentException("type not supported by the fact cache: " + t);
  }

  private Node nodeFor(Class<?> primitive) {
    Node p = build(primitive, primitive, new StringBuilder());
    return new NonNull() {
      public void write(Writer w, Object v) throws IOException { p.write(w, v); }
      public Object read(Reader r) throws IOException { return p.read(r); }
    };
  }

  private Node record(Class<?> c, StringBuilder schema) {
    RecordComponent[] rc = c.getRecordComponents();
    Method[] accessors = new Method[rc.length];
    Class<?>[] raw = new Class<?>[rc.length];
    Node[] components = new Node[rc.length];
    for (int i = 0; i < rc.length; i++) {
      schema.append(rc[i].getName()).append(':');
      accessors[i] = rc[i].getAccessor();
      accessors[i].setAccessible(true);
      raw[i] = rc[i].getType();
      components[i] = node(rc[i].getGenericType(), schema);
    }
    Constructor<?> ctor;
    try {
      ctor = c.getDeclaredConstructor(raw);
      ctor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("record without canonical constructor: " + c, e);
    }
    return new NonNull() {
      public void write(Writer w, Object v) throws IOException {
        for (int i = 0; i < components.length; i++) {
          Object value;
          try {
            value = accessors[i].invoke(v);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
          components[i].write(w, value);
        }
      }

      public Object read(Reader r) throws IOException {
        Object[] args = new Object[components.length];
        for (int i = 0; i < args.length; i++) args[i] = components[i].read(r);
        try {
          return ctor.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IOException("cannot rebuild " + c.getSimpleName() + ": " + e, e);
        }
      }
    };
  }

  private static final class Writer {
    final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
    final DataOutputStream out = new DataOutputStream(body);
    final Map<String, Integer> strings = new LinkedHashMap<>();

    void string(String s) throws IOException {
      Integer i = strings.get(s);
      if (i == null) {
        i = strings.size();
        strings.put(s, i);
      }
      out.writeInt(i);
    }
  }

  private static final class Reader {
    final ByteBuffer in;
    final String[] strings;
    final Path[] paths;
    final FactInterner interner;

    Reader(ByteBuffer in, String[] strings, FactInterner interner) {
      this.in = in;
      this.strings = strings;
      this.paths = new Path[strings.length];
      this.interner = interner;
    }

    String string() throws IOException {
      int i = in.getInt();
      if (i < 0 || i >= strings.length) throw new IOException("bad string index " + i);
      return strings[i];
    }

    Path path() throws IOException {
      int i = in.getInt();
      if (i < 0 || i >= strings.length) throw new IOException("bad string index " + i);
      Path p = paths[i];
      if (p == null) p = paths[i] = interner.path(strings[i]);
      return p;
    }

    int size() throws IOException {
      int n = in.getInt();
      if (n < 0 || n > in.remaining()) throw new IOException("bad size " + n);
      return n;
    }
  }

  static String sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
