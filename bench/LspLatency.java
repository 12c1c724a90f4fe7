// Latency of kmodlint lsp: from a didChange of FILE to the publication of FILE's diagnostics
// for that version, as an editor sees it (the server's debounce included).
//
//   java -cp target/kmodlint.jar bench/LspLatency.java FILE CHANGES [lsp options...]
//
// Starts `java -Xss16m -cp <the same class path> dev.kmodlint.cli.Main lsp [lsp options]`,
// opens FILE, waits for its first diagnostics, then CHANGES times adds or removes a
// world-writable parameter at the end of the buffer (never saved), 600 ms apart. Prints each
// latency and the server's own analysis time (its log message), then min / median / max.
// LSP_JAVA_OPTS adds JVM options to the server (-XX:StartFlightRecording=... to profile it);
// LSP_WARM_UP changes (default 10) are made first and not counted.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

public class LspLatency {
  record Published(long nanos, PublishDiagnosticsParams params) {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]).toAbsolutePath().normalize();
    int changes = Integer.parseInt(args[1]);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xss16m", "-XX:+UseSerialGC"));
    String opts = System.getenv("LSP_JAVA_OPTS"); // e.g. a flight recording of the server
    if (opts != null && !opts.isBlank()) cmd.addAll(List.of(opts.trim().split("\\s+")));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.kmodlint.cli.Main", "lsp"));
    for (int i = 2; i < args.length; i++) cmd.add(args[i]);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    LinkedBlockingQueue<Published> published = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<String> analyzed = new LinkedBlockingQueue<>();
    LanguageClient client = new LanguageClient() {
      public void telemetryEvent(Object o) {}

      public void publishDiagnostics(PublishDiagnosticsParams d) {
        published.add(new Published(System.nanoTime(), d));
      }

      public void showMessage(MessageParams m) {
        System.err.println("server says: " + m.getMessage());
      }

      public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
        return CompletableFuture.completedFuture(null);
      }

      public void logMessage(MessageParams m) {
        if (m.getMessage().contains(" analyzed ")) analyzed.add(m.getMessage());
      }
    };
    var launcher = LSPLauncher.createClientLauncher(client, p.getInputStream(), p.getOutputStream());
    launcher.startListening();
    LanguageServer server = launcher.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setCapabilities(new ClientCapabilities());
    server.initialize(init).get(120, TimeUnit.SECONDS);
    server.initialized(new InitializedParams());
    String uri = file.toUri().toString();
    String text = Files.readString(file);
    long opened = System.nanoTime();
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "c", 1, text)));
    Published first = awaitVersion(published, uri, 1);
    System.out.printf("first diagnostics (JVM warm-up, kernel database, every file parsed): %d ms, %d diagnostics; %s%n",
        (first.nanos() - opened) / 1_000_000, first.params().getDiagnostics().size(), analyzed.poll(10, TimeUnit.SECONDS));
    String extra = "\nstatic int bench_knob;\nmodule_param(bench_knob, int, 0666);\n";
    List<Long> latencies = new ArrayList<>();
    List<Long> analyses = new ArrayList<>();
    Pattern ms = Pattern.compile(" in (\\d+) ms");
    int warmUp = Integer.parseInt(System.getenv().getOrDefault("LSP_WARM_UP", "10")); // a resident JVM is a warm one
    for (int i = 0; i < warmUp + changes; i++) {
      Thread.sleep(600);
      analyzed.clear();
      int version = i + 2;
      String now = i % 2 == 0 ? text + extra : text;
      long sent = System.nanoTime();
      server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
          new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(now))));
      Published got = awaitVersion(published, uri, version);
      long latency = (got.nanos() - sent) / 1_000_000;
      String log = analyzed.poll(10, TimeUnit.SECONDS);
      Matcher m = ms.matcher(log == null ? "" : log);
      long analysis = m.find() ? Long.parseLong(m.group(1)) : -1;
      if (i < warmUp) continue;
      latencies.add(latency);
      analyses.add(analysis);
      System.out.printf("change %2d: diagnostics after %4d ms (analysis %4d ms), %d diagnostics%n", i + 1 - warmUp,
          latency, analysis, got.params().getDiagnostics().size());
    }
    System.out.println("latency  " + summary(latencies));
    System.out.println("analysis " + summary(analyses));
    server.shutdown().get(30, TimeUnit.SECONDS);
    server.exit();
    p.waitFor(30, TimeUnit.SECONDS);
    System.exit(0);
  }

  static Published awaitVersion(LinkedBlockingQueue<Published> q, String uri, int version) throws Exception {
    while (true) {
      Published p = q.poll(300, TimeUnit.SECONDS);
      if (p == null) throw new IllegalStateException("no diagnostics for version " + version);
      if (p.params().getUri().equals(uri) && p.params().getVersion() != null && p.params().getVersion() == version)
        return p;
    }
  }

  static String summary(List<Long> values) {
    List<Long> v = new ArrayList<>(values);
    Collections.sort(v);
    return String.format("min %d ms, median %d ms, max %d ms (%d changes)", v.get(0), v.get(v.size() / 2),
        v.get(v.size() - 1), v.size());
  }
}
