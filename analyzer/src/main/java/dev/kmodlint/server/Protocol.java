package dev.kmodlint.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What client and server say over the socket. The client sends one request and reads frames
 * until an exit code or a refusal:
 * <pre>
 * request  := MAGIC VERSION kind:byte build:string
 *             [check: argc:int string* cwd:string env:map terminals:byte compatibility:map]
 * map      := count:int (key:string value:string)*
 * string   := length:int UTF-8 bytes
 * frame    := type:byte length:int bytes
 *   'O' stdout bytes (the whole of it, before the exit code)   'E' stderr bytes, as they come
 *   'X' exit code (4 bytes)   'D' declined: why (UTF-8), the client runs the check itself
 *   'I' an answer to stop or status (UTF-8)
 * </pre>
 */
public final class Protocol {
  static final int MAGIC = 0x4B4D4C53; // "KMLS"
  static final int VERSION = 1;
  static final byte OUT = 'O';
  static final byte ERR = 'E';
  static final byte EXIT = 'X';
  static final byte DECLINED = 'D';
  static final byte INFO = 'I';
  /** Bounds on what a request may hold: a hook passes thousands of files, never millions. */
  private static final int MAX_STRING = 16 << 20;
  private static final int MAX_ITEMS = 1 << 20;

  private Protocol() {}

  public enum Kind {
    CHECK('C'), STOP('S'), STATUS('P');

    final byte code;

    Kind(char code) {
      this.code = (byte) code;
    }

    static Kind of(byte b) throws IOException {
      for (Kind k : values()) if (k.code == b) return k;
      throw new IOException("unknown request kind " + b);
    }
  }

  /**
   * One request. For a check: the command line, the client's working directory, the
   * environment variables the check reads, whether its stdout and stderr are terminals, and
   * {@code compatibility}: what the analysis reads from the process itself (see
   * {@link Compatibility}), which must be the server's too.
   */
  public record Request(Kind kind, String build, List<String> argv, String cwd, Map<String, String> env,
      boolean stdoutTerminal, boolean stderrTerminal, Map<String, String> compatibility) {
    public Request {
      argv = List.copyOf(argv);
      env = Map.copyOf(env);
      compatibility = Map.copyOf(compatibility);
    }

    public static Request control(Kind kind, String build) {
      return new Request(kind, build, List.of(), "", Map.of(), false, false, Map.of());
    }
  }

  static void write(DataOutputStream out, Request r) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeByte(r.kind().code);
    writeString(out, r.build());
    if (r.kind() == Kind.CHECK) {
      out.writeInt(r.argv().size());
      for (String a : r.argv()) writeString(out, a);
      writeString(out, r.cwd());
      writeMap(out, r.env());
      out.writeByte((r.stdoutTerminal() ? 1 : 0) | (r.stderrTerminal() ? 2 : 0));
      writeMap(out, r.compatibility());
    }
    out.flush();
  }

  static Request read(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) throw new IOException("not a kmodlint client");
    int version = in.readInt();
    if (version != VERSION) throw new IOException("protocol version " + version + ", expected " + VERSION);
    Kind kind = Kind.of(in.readByte());
    String build = readString(in);
    if (kind != Kind.CHECK) return Request.control(kind, build);
    int argc = count(in.readInt());
    List<String> argv = new ArrayList<>(argc);
    for (int i = 0; i < argc; i++) argv.add(readString(in));
    String cwd = readString(in);
    Map<String, String> env = readMap(in);
    int terminals = in.readByte();
    Map<String, String> compatibility = readMap(in);
    return new Request(kind, build, argv, cwd, env, (terminals & 1) != 0, (terminals & 2) != 0, compatibility);
  }

  static void frame(DataOutputStream out, byte type, byte[] body) throws IOException {
    out.writeByte(type);
    out.writeInt(body.length);
    out.write(body);
  }

  static void exit(DataOutputStream out, int code) throws IOException {
    out.writeByte(EXIT);
    out.writeInt(4);
    out.writeInt(code);
    out.flush();
  }

  /** One frame: its type and body. */
  record Frame(byte type, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    int code() {
      return java.nio.ByteBuffer.wrap(body).getInt();
    }
  }

  static Frame readFrame(DataInputStream in) throws IOException {
    byte type = in.readByte();
    int len = in.readInt();
    if (len < 0 || len > MAX_STRING * 4) throw new IOException("frame of " + len + " bytes");
    byte[] body = new byte[len];
    in.readFully(body);
    if (type == EXIT && len != 4) throw new EOFException("short exit frame");
    return new Frame(type, body);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int len = in.readInt();
    if (len < 0 || len > MAX_STRING) throw new IOException("string of " + len + " bytes");
    byte[] b = new byte[len];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void writeMap(DataOutputStream out, Map<String, String> m) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(m).entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
  }

  private static Map<String, String> readMap(DataInputStream in) throws IOException {
    int n = count(in.readInt());
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) m.put(readString(in), readString(in));
    return m;
  }

  private static int count(int n) throws IOException {
    if (n < 0 || n > MAX_ITEMS) throw new IOException("count " + n);
    return n;
  }
}
