package dev.kmodlint.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The client side: finds the server of a tree holding the inputs (the directory they share,
 * or one above it), sends the check and copies the answer to the caller's streams. Anything
 * short of a complete answer (no server, a stale socket, a refusal, a server that dies
 * mid-way) leaves stdout untouched and says so by an empty result: the caller then runs the
 * check itself, so that the output is the same either way.
 */
public final class CheckClient {
  /** How long a server started in the background may take to listen (a JVM start on a busy machine). */
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private CheckClient() {}

  /** The answer of a server: stdout as one block and the exit code (stderr was copied as it came). */
  public record Answer(byte[] stdout, int exitCode) {}

  /**
   * Sends {@code request} to the server of {@code inputsDir} or of a directory above it. With
   * {@code start} (a command line for a server of a tree, given its location), a server is
   * started in the background for the tree of {@code inputsDir} (see
   * {@link SocketNames#treeRoot}) when there is none, and used once it listens.
   */
  public static Optional<Answer> check(Protocol.Request request, Path cacheDir, Path inputsDir,
      Optional<Function<SocketNames.Location, List<String>>> start, OutputStream stderr) {
    Path dir = SocketNames.real(inputsDir);
    for (Path d = dir; d != null; d = d.getParent()) {
      SocketNames.Location at = SocketNames.of(cacheDir, d, request.build());
      if (!Files.exists(at.socket())) continue;
      Optional<SocketChannel> ch = connect(at);
      if (ch.isEmpty()) continue; // a dead server's socket: the next server replaces it
      return exchange(ch.get(), request, stderr);
    }
    if (start.isEmpty()) return Optional.empty();
    SocketNames.Location at = SocketNames.of(cacheDir, SocketNames.treeRoot(dir), request.build());
    Optional<SocketChannel> ch = launch(at, start.get().apply(at));
    return ch.isEmpty() ? Optional.empty() : exchange(ch.get(), request, stderr);
  }

  /** Sends a control request (stop, status) to the server at {@code at}; its answer, empty when none listens. */
  public static Optional<String> control(SocketNames.Location at, Protocol.Kind kind, String build) {
    Optional<SocketChannel> ch = connect(at);
    if (ch.isEmpty()) return Optional.empty();
    try (SocketChannel c = ch.get()) {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(c)));
      Protocol.write(out, Protocol.Request.control(kind, build));
      DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(c)));
      Protocol.Frame f = Protocol.readFrame(in);
      return Optional.of(f.text());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<SocketChannel> connect(SocketNames.Location at) {
    SocketChannel ch = null;
    try {
      ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      ch.connect(UnixDomainSocketAddress.of(at.socket()));
      return Optional.of(ch);
    } catch (IOException | RuntimeException e) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // nothing more to do
        }
      }
      return Optional.empty();
    }
  }

  private static Optional<Answer> exchange(SocketChannel ch, Protocol.Request request, OutputStream stderr) {
    try (ch) {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch)));
      Protocol.write(out, request);
      DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      while (true) {
        Protocol.Frame f = Protocol.readFrame(in);
        switch (f.type()) {
          case Protocol.OUT -> stdout.write(f.body());
          case Protocol.ERR -> {
            stderr.write(f.body());
            stderr.flush();
          }
          case Protocol.EXIT -> {
            return Optional.of(new Answer(stdout.toByteArray(), f.code()));
          }
          case Protocol.DECLINED -> {
            if (System.getenv("KMODLINT_DEBUG") != null) System.err.println("kmodlint: server declined: " + f.text());
            return Optional.empty();
          }
          default -> {
            return Optional.empty();
          }
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Starts {@code command} in the background (its output to the server's log, no terminal:
   * {@code setsid} when there is one) and waits until it listens at {@code at}, or dies.
   */
  static Optional<SocketChannel> launch(SocketNames.Location at, List<String> command) {
    try {
      Files.createDirectories(at.log().getParent());
      List<String> cmd = new java.util.ArrayList<>();
      Optional<Path> setsid = onPath("setsid");
      // -w: setsid waits for the server when it has to fork, so that the child lives as long as the server
      setsid.ifPresent(p -> cmd.addAll(List.of(p.toString(), "-w")));
      cmd.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(cmd)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(at.log().toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Process p = pb.start();
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (Files.exists(at.socket())) {
          Optional<SocketChannel> ch = connect(at);
          if (ch.isPresent()) return ch;
        }
        // gone: it failed, or found another server of the tree started at the same moment
        if (!p.isAlive()) return connect(at);
        Thread.sleep(20);
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) return Optional.empty();
    for (String d : path.split(File.pathSeparator)) {
      if (d.isEmpty()) continue;
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }
}
