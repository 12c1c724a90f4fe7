package dev.kmodlint.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The resident process of one tree: answers check requests over a Unix-domain socket (see
 * {@link SocketNames}, {@link Protocol}) one at a time, in the order they come; control
 * requests (stop, status) are answered at once. It stops after {@code idleTimeout} without a
 * request, when asked, and when the build it runs changes on disk (a client of the new build
 * would not find it anyway). The lock file makes it the only server of its socket: a socket
 * file left by a server that died is deleted and bound again.
 */
public final class CheckServer {
  /** Runs one check with the client's streams. */
  public interface Handler {
    Outcome check(Protocol.Request request, OutputStream stdout, OutputStream stderr);
  }

  /** The exit code of a check, or why it was not run here (the client then runs it itself). */
  public record Outcome(int exitCode, Optional<String> declined, boolean stopAfterwards) {
    public static Outcome exit(int code) {
      return new Outcome(code, Optional.empty(), false);
    }

    public static Outcome decline(String why) {
      return new Outcome(0, Optional.of(why), false);
    }
  }

  private final SocketNames.Location location;
  private final Duration idleTimeout;
  private final Supplier<String> build;
  private final String startBuild;
  /** What a client sends as its build ({@code Tool.build()}), as this server started. */
  private final String toolBuild = dev.kmodlint.report.Tool.build();
  private final Handler handler;
  private final java.util.function.Consumer<String> log;
  private final ReentrantLock checks = new ReentrantLock(true);
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
  private final AtomicInteger served = new AtomicInteger();
  private final long started = System.currentTimeMillis();
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "kmodlint-server-connection");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kmodlint-server-watch");
    t.setDaemon(true);
    return t;
  });
  private FileChannel lockChannel;
  private FileLock lock;
  private ServerSocketChannel channel;
  private volatile String stopReason;

  /** {@code build} tells the build on disk now ({@link BuildIdentity#current()}); its first value is this server's. */
  public CheckServer(SocketNames.Location location, Duration idleTimeout, Supplier<String> build, Handler handler) {
    this(location, idleTimeout, build, handler, line -> {});
  }

  /** The same, telling {@code log} of every check answered (its time and exit code). */
  public CheckServer(SocketNames.Location location, Duration idleTimeout, Supplier<String> build, Handler handler,
      java.util.function.Consumer<String> log) {
    this.log = log;
    this.location = location;
    this.idleTimeout = idleTimeout;
    this.build = build;
    this.startBuild = build.get();
    this.handler = handler;
  }

  public SocketNames.Location location() {
    return location;
  }

  /**
   * Takes the lock and binds the socket; false when another live server holds the lock. A
   * socket file found here is a dead server's (the lock was free): it is replaced.
   */
  public synchronized boolean bind() throws IOException {
    Path dir = location.socket().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      // only this user may talk to the server: it runs checks, and writes reports, as this user
      try {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: its own permissions hold
      }
    }
    lockChannel = FileChannel.open(location.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by a server of this very process
    }
    if (lock == null) {
      lockChannel.close();
      return false;
    }
    Files.deleteIfExists(location.socket());
    channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    channel.bind(UnixDomainSocketAddress.of(location.socket()));
    try {
      Files.setPosixFilePermissions(location.socket(), PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // as above
    }
    return true;
  }

  /** Answers requests until stopped; returns why it stopped. */
  public String serve() {
    long tick = Math.max(20, Math.min(1000, idleTimeout.toMillis() / 4));
    watch.scheduleWithFixedDelay(this::lookAround, tick, tick, TimeUnit.MILLISECONDS);
    try {
      while (stopReason == null) {
        SocketChannel client;
        try {
          client = channel.accept();
        } catch (ClosedChannelException e) {
          break;
        } catch (IOException e) {
          if (stopReason != null) break;
          continue;
        }
        connections.execute(() -> answer(client));
      }
    } finally {
      stop(stopReason == null ? "the socket closed" : stopReason);
      // a check under way finishes and is answered
      checks.lock();
      checks.unlock();
      watch.shutdownNow();
      connections.shutdown();
      try {
        connections.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      release();
    }
    return stopReason;
  }

  /** Stops accepting requests; the socket file goes at once, so that clients no longer find it. */
  public synchronized void stop(String why) {
    if (stopReason == null) stopReason = why;
    try {
      if (channel != null) channel.close();
    } catch (IOException e) {
      // closing is all that is left to do
    }
    try {
      Files.deleteIfExists(location.socket());
    } catch (IOException e) {
      // a stale file is replaced by the next server
    }
  }

  private synchronized void release() {
    try {
      if (lock != null) lock.release();
      if (lockChannel != null) lockChannel.close();
    } catch (IOException e) {
      // the process ends: the lock goes with it
    }
  }

  /** The idle timeout and the build, looked at every tick. */
  private void lookAround() {
    if (stopReason != null) return;
    if (!build.get().equals(startBuild)) {
      stop("the kmodlint build it runs changed");
      return;
    }
    long idle = System.nanoTime() - lastActivity.get();
    if (active.get() == 0 && idle >= idleTimeout.toNanos()) {
      stop("idle for " + describe(idleTimeout));
    }
  }

  private void answer(SocketChannel client) {
    active.incrementAndGet();
    try (client) {
      DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client)));
      Protocol.Request request = Protocol.read(in);
      if (!request.build().equals(toolBuild)) {
        decline(out, "the server runs another kmodlint build");
        return;
      }
      switch (request.kind()) {
        case STOP -> {
          info(out, "stopping the server of " + location.root());
          stop("asked to stop");
        }
        case STATUS -> info(out, status());
        case CHECK -> check(request, out);
      }
    } catch (IOException | RuntimeException e) {
      // a client that went away or spoke nonsense: nothing to answer
    } finally {
      lastActivity.set(System.nanoTime());
      active.decrementAndGet();
    }
  }

  private void check(Protocol.Request request, DataOutputStream out) throws IOException {
    checks.lock();
    try {
      if (stopReason != null) {
        decline(out, "the server is stopping");
        return;
      }
      if (!build.get().equals(startBuild)) {
        stop("the kmodlint build it runs changed");
        decline(out, "the kmodlint build changed");
        return;
      }
      String mismatch = Compatibility.mismatch(request.compatibility());
      if (mismatch != null) {
        decline(out, mismatch);
        return;
      }
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      FrameStream stderr = new FrameStream(out, Protocol.ERR);
      long start = System.nanoTime();
      Outcome o = handler.check(request, stdout, stderr);
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (o.declined().isPresent()) {
        log.accept("declined " + shortly(request) + ": " + o.declined().get());
        decline(out, o.declined().get());
      } else {
        log.accept("answered " + shortly(request) + " in " + ms + " ms, exit " + o.exitCode());
        served.incrementAndGet();
        stderr.flush();
        synchronized (out) {
          Protocol.frame(out, Protocol.OUT, stdout.toByteArray());
          Protocol.exit(out, o.exitCode());
        }
      }
      if (o.stopAfterwards()) stop("it ran out of memory");
    } finally {
      checks.unlock();
    }
  }

  /** The command line for the log, cut short (a commit hook passes thousands of files). */
  private static String shortly(Protocol.Request r) {
    String line = String.join(" ", r.argv());
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }

  private String status() {
    return "server of " + location.root() + ", pid " + ProcessHandle.current().pid() + ", up "
        + describe(Duration.ofMillis(System.currentTimeMillis() - started)) + ", " + served.get()
        + " checks answered, stops after " + describe(idleTimeout) + " idle; socket " + location.socket();
  }

  private static void decline(DataOutputStream out, String why) throws IOException {
    synchronized (out) {
      Protocol.frame(out, Protocol.DECLINED, why.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private static void info(DataOutputStream out, String text) throws IOException {
    synchronized (out) {
      Protocol.frame(out, Protocol.INFO, text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  static String describe(Duration d) {
    long s = d.toSeconds();
    if (s < 120) return s + " s";
    if (s < 7200) return (s / 60) + " min";
    return (s / 3600) + " h";
  }

  /**
   * The check's stderr, sent as it is written (a progress bar shows as it goes). A client
   * that went away stops the sending, not the check.
   */
  static final class FrameStream extends OutputStream {
    private final DataOutputStream out;
    private final byte type;
    private boolean broken;

    FrameStream(DataOutputStream out, byte type) {
      this.out = out;
      this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (broken || len == 0) return;
      synchronized (out) {
        try {
          Protocol.frame(out, type, java.util.Arrays.copyOfRange(b, off, off + len));
        } catch (IOException e) {
          broken = true;
        }
      }
    }

    @Override
    public void flush() {
      if (broken) return;
      synchronized (out) {
        try {
          out.flush();
        } catch (IOException e) {
          broken = true;
        }
      }
    }
  }
}
