package dev.kmodlint.cli;

import dev.kmodlint.report.Tool;
import dev.kmodlint.resident.ResidentState;
import dev.kmodlint.server.BuildIdentity;
import dev.kmodlint.server.CheckClient;
import dev.kmodlint.server.CheckServer;
import dev.kmodlint.server.Protocol;
import dev.kmodlint.server.SocketNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kmodlint server [PATH]}: the resident process of a tree. {@code check} finds it by the
 * tree and the build ({@code --server auto}, the default) and gets the answer a standalone
 * run would print, without the JVM start, the kernel database read or the fact cache decoded
 * again. It runs in the foreground until idle for {@code --idle-timeout} minutes, stopped
 * ({@code --stop}), or its kmodlint build changes.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Keep kmodlint resident for a tree: checks under it are answered by this process.")
final class ServerCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--idle-timeout", paramLabel = "MIN", defaultValue = "60",
      description = "stop after this many minutes without a request (default 60; fractions allowed)")
  double idleMinutes;

  @Option(names = "--stop", description = "stop the server of PATH")
  boolean stop;

  @Option(names = "--status", description = "tell whether a server of PATH runs, and since when")
  boolean status;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "where the socket lives (default: the fact cache directory check uses)")
  Path cacheDir;

  @Parameters(arity = "0..1", paramLabel = "PATH", description = "the tree (default: the current directory)")
  Path root;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = root != null ? root : Path.of("");
    if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString());
    if (!(idleMinutes > 0) || idleMinutes > 525_600) throw new CommandLine.ParameterException(spec.commandLine(),
        "--idle-timeout must be more than 0 and at most 525600 minutes (a year)");
    Path tree = SocketNames.real(dir);
    Path cache = (cacheDir != null ? cacheDir : Main.Check.defaultCacheDir()).toAbsolutePath();
    SocketNames.Location at = SocketNames.of(cache, tree, Tool.build());
    if (stop || status) {
      Optional<String> answer = CheckClient.control(at, stop ? Protocol.Kind.STOP : Protocol.Kind.STATUS, Tool.build());
      if (answer.isEmpty()) {
        err.println("kmodlint: no server is running for " + tree);
        return Main.FINDINGS;
      }
      out.println("kmodlint: " + answer.get());
      return Main.OK;
    }
    ResidentState resident = new ResidentState();
    Duration idle = Duration.ofMillis(Math.max(1, (long) (idleMinutes * 60_000)));
    CheckServer server = new CheckServer(at, idle, BuildIdentity::current, (request, stdout, stderr) -> {
      if (request.argv().isEmpty() || !request.argv().get(0).equals("check"))
        return CheckServer.Outcome.decline("only check is served");
      Invocation inv = Invocation.client(Path.of(request.cwd()), request.env(), request.stdoutTerminal(),
          request.stderrTerminal(), resident);
      try {
        int code = Main.run(request.argv().toArray(String[]::new), stdout, stderr, inv);
        return inv.declined() != null ? CheckServer.Outcome.decline(inv.declined()) : CheckServer.Outcome.exit(code);
      } catch (OutOfMemoryError e) {
        // a fresh JVM may well do it: the client runs it, and this server makes way
        return new CheckServer.Outcome(0, Optional.of("out of memory"), true);
      } catch (Throwable t) { // as Main.main: one line, no trace
        new PrintWriter(new java.io.OutputStreamWriter(stderr, java.nio.charset.StandardCharsets.UTF_8), true)
            .println("kmodlint: internal error: " + t);
        return CheckServer.Outcome.exit(Main.USAGE);
      }
    }, line -> {
      synchronized (out) {
        out.println("kmodlint: " + java.time.LocalTime.now().withNano(0) + " " + line);
        out.flush();
      }
    });
    if (!server.bind()) {
      out.println("kmodlint: a server is already running for " + tree + " (" + at.socket() + ")");
      return Main.OK;
    }
    out.println("kmodlint: server for " + tree + " listening on " + at.socket() + "; stops after "
        + describe(idle) + " idle");
    out.flush();
    String why = server.serve();
    out.println("kmodlint: server for " + tree + " stopped: " + why);
    out.flush();
    return Main.OK;
  }

  private static String describe(Duration d) {
    long s = d.toSeconds();
    return s < 120 ? s + " s" : (s / 60) + " min";
  }
}
