package dev.kmodlint.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.report.Tool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's socket, lifetime and protocol, with a handler standing in for the check. */
class CheckServerTest {
  @TempDir Path tmp;

  /** A handler that echoes its command line: stdout the arguments, stderr the working directory, exit their count. */
  private static final CheckServer.Handler ECHO = (request, out, err) -> {
    try {
      out.write(String.join(" ", request.argv()).getBytes(StandardCharsets.UTF_8));
      err.write(("cwd " + request.cwd() + " NO_COLOR=" + request.env().get("NO_COLOR")).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return CheckServer.Outcome.exit(request.argv().size());
  };

  private SocketNames.Location location(String tree) throws IOException {
    Path root = Files.createDirectories(tmp.resolve(tree)).toRealPath();
    return SocketNames.of(tmp.resolve("cache"), root, Tool.build());
  }

  private static Protocol.Request check(String... argv) {
    return new Protocol.Request(Protocol.Kind.CHECK, Tool.build(), List.of(argv), "/some/dir",
        Map.of("NO_COLOR", "1"), false, true, Compatibility.current());
  }

  private record Running(CheckServer server, CompletableFuture<String> stopped) {}

  private static Running start(SocketNames.Location at, Duration idle, java.util.function.Supplier<String> build,
      CheckServer.Handler handler) throws IOException {
    CheckServer s = new CheckServer(at, idle, build, handler);
    assertTrue(s.bind(), "the lock was free");
    CompletableFuture<String> stopped = CompletableFuture.supplyAsync(s::serve);
    return new Running(s, stopped);
  }

  private static Optional<CheckClient.Answer> ask(SocketNames.Location at, Protocol.Request r, ByteArrayOutputStream err) {
    return CheckClient.check(r, at.socket().getParent().getParent(), at.root(), Optional.empty(), err);
  }

  @Test
  void answersACheckWithTheHandlersStdoutStderrAndExitCode() throws Exception {
    SocketNames.Location at = location("tree");
    Running r = start(at, Duration.ofMinutes(1), () -> "b", ECHO);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Optional<CheckClient.Answer> a = ask(at, check("check", "x.c"), err);
    assertTrue(a.isPresent());
    assertEquals("check x.c", new String(a.get().stdout(), StandardCharsets.UTF_8));
    assertEquals(2, a.get().exitCode());
    assertEquals("cwd /some/dir NO_COLOR=1", err.toString(StandardCharsets.UTF_8));
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(at.socket().getParent())));
    assertTrue(CheckClient.control(at, Protocol.Kind.STATUS, Tool.build()).orElseThrow().contains("1 checks answered"));
    assertTrue(CheckClient.control(at, Protocol.Kind.STOP, Tool.build()).isPresent());
    assertEquals("asked to stop", r.stopped().get(10, TimeUnit.SECONDS));
    assertFalse(Files.exists(at.socket()), "the socket goes with the server");
    assertTrue(ask(at, check("check", "x.c"), err).isEmpty(), "no server: the client runs the check itself");
  }

  @Test
  void theServerOfADirectoryAboveTheInputsIsUsed() throws Exception {
    SocketNames.Location at = location("tree");
    Running r = start(at, Duration.ofMinutes(1), () -> "b", ECHO);
    Path below = Files.createDirectories(at.root().resolve("drivers/hwmon"));
    Optional<CheckClient.Answer> a = CheckClient.check(check("check", "a.c"), tmp.resolve("cache"), below,
        Optional.empty(), new ByteArrayOutputStream());
    assertEquals(2, a.orElseThrow().exitCode());
    r.server().stop("test over");
    r.stopped().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aStaleSocketOfADeadServerIsReplaced() throws Exception {
    SocketNames.Location at = location("tree");
    Files.createDirectories(at.socket().getParent());
    // a server that died without cleaning up: its socket file stays, nobody listens
    ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    dead.bind(UnixDomainSocketAddress.of(at.socket()));
    dead.close();
    assertTrue(Files.exists(at.socket()));
    assertTrue(ask(at, check("check", "x"), new ByteArrayOutputStream()).isEmpty(), "nobody answers a stale socket");
    Running r = start(at, Duration.ofMinutes(1), () -> "b", ECHO);
    assertEquals(2, ask(at, check("check", "x"), new ByteArrayOutputStream()).orElseThrow().exitCode());
    r.server().stop("test over");
    r.stopped().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aSecondServerOfTheSameTreeAndBuildDoesNotStart() throws Exception {
    SocketNames.Location at = location("tree");
    Running r = start(at, Duration.ofMinutes(1), () -> "b", ECHO);
    CheckServer second = new CheckServer(at, Duration.ofMinutes(1), () -> "b", ECHO);
    assertFalse(second.bind());
    assertEquals(2, ask(at, check("check", "x"), new ByteArrayOutputStream()).orElseThrow().exitCode(),
        "the first one still answers");
    r.server().stop("test over");
    r.stopped().get(10, TimeUnit.SECONDS);
  }

  @Test
  void stopsWhenIdle() throws Exception {
    SocketNames.Location at = location("tree");
    Running r = start(at, Duration.ofMillis(300), () -> "b", ECHO);
    assertTrue(ask(at, check("check"), new ByteArrayOutputStream()).isPresent());
    String why = r.stopped().get(20, TimeUnit.SECONDS);
    assertTrue(why.startsWith("idle for"), why);
    assertFalse(Files.exists(at.socket()));
  }

  @Test
  void stopsWhenItsBuildChanges() throws Exception {
    SocketNames.Location at = location("tree");
    AtomicReference<String> build = new AtomicReference<>("build 1");
    Running r = start(at, Duration.ofMinutes(10), build::get, ECHO);
    assertTrue(ask(at, check("check"), new ByteArrayOutputStream()).isPresent());
    build.set("build 2");
    assertEquals("the kmodlint build it runs changed", r.stopped().get(20, TimeUnit.SECONDS));
  }

  @Test
  void twoClientsAtOnceAreAnsweredOneAfterTheOther() throws Exception {
    SocketNames.Location at = location("tree");
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CheckServer.Handler slow = (request, out, err) -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(300);
        out.write(request.argv().get(1).getBytes(StandardCharsets.UTF_8));
      } catch (InterruptedException | IOException e) {
        throw new AssertionError(e);
      } finally {
        running.decrementAndGet();
      }
      return CheckServer.Outcome.exit(Integer.parseInt(request.argv().get(1)));
    };
    Running r = start(at, Duration.ofMinutes(1), () -> "b", slow);
    List<CompletableFuture<Optional<CheckClient.Answer>>> clients = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String n = Integer.toString(i);
      clients.add(CompletableFuture.supplyAsync(() -> ask(at, check("check", n), new ByteArrayOutputStream())));
    }
    for (int i = 0; i < 4; i++) {
      CheckClient.Answer a = clients.get(i).get(30, TimeUnit.SECONDS).orElseThrow();
      assertEquals(i, a.exitCode());
      assertArrayEquals(Integer.toString(i).getBytes(StandardCharsets.UTF_8), a.stdout());
    }
    assertEquals(1, most.get(), "checks run one at a time");
    r.server().stop("test over");
    r.stopped().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aDeclinedCheckOrAnotherEnvironmentIsLeftToTheClient() throws Exception {
    SocketNames.Location at = location("tree");
    Running r = start(at, Duration.ofMinutes(1), () -> "b",
        (request, out, err) -> CheckServer.Outcome.decline("not here"));
    assertTrue(ask(at, check("check"), new ByteArrayOutputStream()).isEmpty());
    r.server().stop("test over");
    r.stopped().get(10, TimeUnit.SECONDS);

    Running echo = start(at, Duration.ofMinutes(1), () -> "b", ECHO);
    Map<String, String> other = new java.util.TreeMap<>(Compatibility.current());
    other.put("env XDG_CACHE_HOME", "=/elsewhere");
    Protocol.Request r2 = new Protocol.Request(Protocol.Kind.CHECK, Tool.build(), List.of("check"), "/", Map.of(),
        false, false, other);
    assertTrue(ask(at, r2, new ByteArrayOutputStream()).isEmpty(), "a client whose kernel index cache differs");
    Protocol.Request r3 = new Protocol.Request(Protocol.Kind.CHECK, "another build", List.of("check"), "/", Map.of(),
        false, false, Compatibility.current());
    assertTrue(CheckClient.check(r3, tmp.resolve("cache"), at.root(), Optional.empty(), new ByteArrayOutputStream())
        .isEmpty(), "another build names another socket");
    echo.server().stop("test over");
    echo.stopped().get(10, TimeUnit.SECONDS);
  }

  @Test
  void socketNamesHashTheTreeAndTheBuild() throws IOException {
    Path cache = tmp.resolve("cache");
    SocketNames.Location a = SocketNames.of(cache, Path.of("/src/a"), "build 1");
    assertEquals(a, SocketNames.of(cache, Path.of("/src/a"), "build 1"));
    assertNotEquals(a.socket(), SocketNames.of(cache, Path.of("/src/b"), "build 1").socket());
    assertNotEquals(a.socket(), SocketNames.of(cache, Path.of("/src/a"), "build 2").socket());
    assertEquals(cache.toAbsolutePath().resolve("server"), a.socket().getParent());
    assertTrue(a.socket().getFileName().toString().matches("[0-9a-f]{16}\\.sock"));
    assertEquals(a.socket().resolveSibling(a.socket().getFileName().toString().replace(".sock", ".lock")), a.lock());

    // a cache directory too deep for sun_path: the socket moves to the temporary directory, still one per cache
    Path deep = tmp.resolve("d".repeat(60)).resolve("e".repeat(60));
    SocketNames.Location far = SocketNames.of(deep, Path.of("/src/a"), "build 1");
    assertTrue(far.socket().toString().getBytes(StandardCharsets.UTF_8).length <= SocketNames.MAX_SOCKET_PATH);
    assertNotEquals(far.socket(), SocketNames.of(deep.resolveSibling("other"), Path.of("/src/a"), "build 1").socket());

    Path repo = Files.createDirectories(tmp.resolve("repo/drivers/net"));
    Files.createDirectories(tmp.resolve("repo/.git"));
    assertEquals(tmp.resolve("repo"), SocketNames.treeRoot(repo));
    Path plain = Files.createDirectories(tmp.resolve("plain/x"));
    assertEquals(plain, SocketNames.treeRoot(plain));
  }

  @Test
  void requestsSurviveTheWire() throws IOException {
    Protocol.Request r = new Protocol.Request(Protocol.Kind.CHECK, "b", List.of("check", "ä ö.c", ""), "/w d",
        Map.of("TERM", "xterm", "NO_COLOR", ""), true, false, Map.of("k", "v"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Protocol.write(new java.io.DataOutputStream(bytes), r);
    Protocol.Request back = Protocol.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(r, back);
    byte[] junk = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try {
      Protocol.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(junk)));
      throw new AssertionError("junk accepted");
    } catch (IOException expected) {
      assertTrue(expected.getMessage().contains("not a kmodlint client"));
    }
  }
}
