package dev.kmodlint.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
  private final Map<Class<?>, Plan> plans = new ConcurrentHashMap<>();

  /** How one record class is taken apart and put back together. */
  private record Plan(Method[] accessors, Type[] types, Constructor<?> constructor) {}

  RecordCodec(Class<T> root) {
    this.root = root;
    StringBuilder sb = new StringBuilder();
    describe(root, sb, new LinkedHashSet<>());
    this.schema = sha256(sb.toString());
  }

  /** A digest of every class, component name and type the codec walks: equal schemas read each other. */
  String schema() {
    return schema;
  }

  byte[] encode(T value) throws IOException {
    Writer w = new Writer();
    w.value(value, root);
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
    DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
    int n = d.readInt();
    if (n < 0 || n > bytes.length) throw new IOException("bad string table size " + n);
    String[] strings = new String[n];
    for (int i = 0; i < n; i++) {
      int len = d.readInt();
      if (len < 0 || len > bytes.length) throw new IOException("bad string length " + len);
      byte[] b = new byte[len];
      d.readFully(b);
      strings[i] = new String(b, StandardCharsets.UTF_8);
    }
    Reader r = new Reader(d, strings);
    Object v = r.value(root);
    if (d.read() != -1) throw new IOException("trailing bytes");
    return root.cast(v);
  }

  private Plan plan(Class<?> c) {
    return plans.computeIfAbsent(c, k -> {
      RecordComponent[] rc = k.getRecordComponents();
      Method[] acc = new Method[rc.length];
      Type[] types = new Type[rc.length];
      Class<?>[] raw = new Class<?>[rc.length];
      for (int i = 0; i < rc.length; i++) {
        acc[i] = rc[i].getAccessor();
        acc[i].setAccessible(true);
        types[i] = rc[i].getGenericType();
        raw[i] = rc[i].getType();
      }
      try {
        Constructor<?> ctor = k.getDeclaredConstructor(raw);
        ctor.setAccessible(true);
        return new Plan(acc, types, ctor);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record without canonical constructor: " + k, e);
      }
    });
  }

  private static Class<?> raw(Type t) {
    if (t instanceof Class<?> c) return c;
    if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
    if (t instanceof WildcardType w) return raw(w.getUpperBounds()[0]);
    throw new IllegalArgumentException("unsupported type " + t);
  }

  private static Type arg(Type t, int i) {
    if (t instanceof ParameterizedType p) return p.getActualTypeArguments()[i];
    throw new IllegalArgumentException("raw collection type " + t);
  }

  private void describe(Type t, StringBuilder sb, Set<Type> seen) {
    if (t instanceof GenericArrayType) throw new IllegalArgumentException("arrays are not supported: " + t);
    Class<?> c = raw(t);
    sb.append(t.getTypeName()).append(';');
    if (!seen.add(t)) return;
    if (c.isRecord()) {
      for (RecordComponent rc : c.getRecordComponents()) {
        sb.append(rc.getName()).append(':');
        describe(rc.getGenericType(), sb, seen);
      }
      plan(c);
    } else if (c.isEnum()) {
      for (Object e : c.getEnumConstants()) sb.append(((Enum<?>) e).name()).append(',');
    } else if (c.isInterface() && c.isSealed()) {
      for (Class<?> p : c.getPermittedSubclasses()) describe(p, sb, seen);
    } else if (c == Optional.class || c == List.class || c == Set.class) {
      describe(arg(t, 0), sb, seen);
    } else if (c == Map.class) {
      describe(arg(t, 0), sb, seen);
      describe(arg(t, 1), sb, seen);
    } else if (!(c == String.class || c == Path.class || c.isPrimitive() || c == Integer.class || c == Long.class
        || c == Boolean.class || c == Double.class)) {
      throw new IllegalArgumentException("type not supported by the fact cache: " + t);
    }
  }

  private final class Writer {
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

    void value(Object v, Type t) throws IOException {
      Class<?> c = raw(t);
      if (c == int.class) { out.writeInt((Integer) v); return; }
      if (c == long.class) { out.writeLong((Long) v); return; }
      if (c == boolean.class) { out.writeBoolean((Boolean) v); return; }
      if (c == double.class) { out.writeDouble((Double) v); return; }
      if (v == null) { out.writeByte(0); return; }
      out.writeByte(1);
      if (c == String.class) string((String) v);
      else if (c == Path.class) string(v.toString());
      else if (c == Integer.class) out.writeInt((Integer) v);
      else if (c == Long.class) out.writeLong((Long) v);
      else if (c == Boolean.class) out.writeBoolean((Boolean) v);
      else if (c == Double.class) out.writeDouble((Double) v);
      else if (c.isEnum()) string(((Enum<?>) v).name());
      else if (c == Optional.class) {
        Optional<?> o = (Optional<?>) v;
        out.writeBoolean(o.isPresent());
        if (o.isPresent()) value(o.get(), arg(t, 0));
      } else if (c == List.class || c == Set.class) {
        java.util.Collection<?> col = (java.util.Collection<?>) v;
        out.writeInt(col.size());
        for (Object e : col) value(e, arg(t, 0));
      } else if (c == Map.class) {
        Map<?, ?> m = (Map<?, ?>) v;
        out.writeInt(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
          value(e.getKey(), arg(t, 0));
          value(e.getValue(), arg(t, 1));
        }
      } else if (c.isInterface() && c.isSealed()) {
        Class<?>[] permitted = c.getPermittedSubclasses();
        int i = 0;
        while (i < permitted.length && permitted[i] != v.getClass()) i++;
        if (i == permitted.length) throw new IllegalArgumentException(v.getClass() + " not permitted by " + c);
        out.writeInt(i);
        value(v, permitted[i]);
      } else if (c.isRecord()) {
        Plan p = plan(c);
        for (int i = 0; i < p.accessors.length; i++) {
          try {
            value(p.accessors[i].invoke(v), p.types[i]);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
        }
      } else {
        throw new IllegalArgumentException("type not supported by the fact cache: " + t);
      }
    }
  }

  private final class Reader {
    final DataInputStream in;
    final String[] strings;
    final Map<Integer, Path> paths = new HashMap<>();

    Reader(DataInputStream in, String[] strings) {
      this.in = in;
      this.strings = strings;
    }

    String string() throws IOException {
      int i = in.readInt();
      if (i < 0 || i >= strings.length) throw new IOException("bad string index " + i);
      return strings[i];
    }

    int size() throws IOException {
      int n = in.readInt();
      if (n < 0 || n > in.available()) throw new IOException("bad size " + n);
      return n;
    }

    Object value(Type t) throws IOException {
      Class<?> c = raw(t);
      if (c == int.class) return in.readInt();
      if (c == long.class) return in.readLong();
      if (c == boolean.class) return in.readBoolean();
      if (c == double.class) return in.readDouble();
      int tag = in.readByte();
      if (tag == 0) return null;
      if (tag != 1) throw new IOException("bad tag " + tag);
      if (c == String.class) return string();
      if (c == Path.class) {
        int i = in.readInt();
        if (i < 0 || i >= strings.length) throw new IOException("bad string index " + i);
        return paths.computeIfAbsent(i, k -> Path.of(strings[k]));
      }
      if (c == Integer.class) return in.readInt();
      if (c == Long.class) return in.readLong();
      if (c == Boolean.class) return in.readBoolean();
      if (c == Double.class) return in.readDouble();
      if (c.isEnum()) {
        String name = string();
        for (Object e : c.getEnumConstants()) if (((Enum<?>) e).name().equals(name)) return e;
        throw new IOException("no constant " + name + " in " + c.getName());
      }
      if (c == Optional.class) return in.readBoolean() ? Optional.ofNullable(value(arg(t, 0))) : Optional.empty();
      if (c == List.class) {
        int n = size();
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(value(arg(t, 0)));
        return java.util.Collections.unmodifiableList(out);
      }
      if (c == Set.class) {
        int n = size();
        Set<Object> out = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) out.add(value(arg(t, 0)));
        return java.util.Collections.unmodifiableSet(out);
      }
      if (c == Map.class) {
        int n = size();
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) out.put(value(arg(t, 0)), value(arg(t, 1)));
        return java.util.Collections.unmodifiableMap(out);
      }
      if (c.isInterface() && c.isSealed()) {
        Class<?>[] permitted = c.getPermittedSubclasses();
        int i = in.readInt();
        if (i < 0 || i >= permitted.length) throw new IOException("bad subclass index " + i);
        return value(permitted[i]);
      }
      if (c.isRecord()) {
        Plan p = plan(c);
        Object[] args = new Object[p.types.length];
        for (int i = 0; i < args.length; i++) args[i] = value(p.types[i]);
        try {
          return p.constructor.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
          throw new IOException("cannot rebuild " + c.getSimpleName() + ": " + e, e);
        }
      }
      throw new IOException("type not supported by the fact cache: " + t);
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
