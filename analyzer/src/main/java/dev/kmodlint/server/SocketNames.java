package dev.kmodlint.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the server of a tree listens: {@code <cache dir>/server/<id>.sock}, {@code id} a hash
 * of the tree's real path and of the kmodlint build, so that there is one server per tree and
 * build and a client of another build never talks to it. Beside it: {@code <id>.lock}, held
 * by the live server (a socket file without a holder of the lock is stale), and
 * {@code <id>.log}, the output of a server started in the background. A socket path longer
 * than the kernel's limit (108 bytes) moves to {@code $TMPDIR/kmodlint-<user>/}, named by a
 * hash that includes the cache directory.
 */
public final class SocketNames {
  /** sun_path holds 108 bytes with the terminating NUL; keep a margin. */
  static final int MAX_SOCKET_PATH = 100;

  private SocketNames() {}

  /** The files of one server. */
  public record Location(Path root, Path socket, Path lock, Path log) {}

  /** The location of the server of {@code root} (a real path) for {@code build}, rendezvous in {@code cacheDir}. */
  public static Location of(Path cacheDir, Path root, String build) {
    Path cache = cacheDir.toAbsolutePath().normalize();
    String id = hash(root + "\n" + build);
    Path dir = cache.resolve("server");
    if (dir.resolve(id + ".sock").toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      id = hash(cache + "\n" + root + "\n" + build);
      dir = Path.of(System.getProperty("java.io.tmpdir"), "kmodlint-" + System.getProperty("user.name", "user"));
    }
    return new Location(root, dir.resolve(id + ".sock"), dir.resolve(id + ".lock"), dir.resolve(id + ".log"));
  }

  /**
   * The tree a server is started for when a client finds none: the nearest directory at or
   * above {@code dir} holding {@code .git}, else {@code dir} itself.
   */
  public static Path treeRoot(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) if (Files.exists(d.resolve(".git"))) return d;
    return dir;
  }

  /** The real path of a directory, else its absolute normalised path. */
  public static Path real(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }

  /**
   * 64 bits of FNV-1a over the UTF-8 bytes: a name, not a secret (the server checks the build
   * of every request, and any server answers any check correctly). A digest from the security
   * providers would cost a client 20 ms of start-up.
   */
  static String hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    String hex = Long.toHexString(h);
    return "0".repeat(16 - hex.length()) + hex;
  }
}
