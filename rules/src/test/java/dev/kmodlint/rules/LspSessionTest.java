package dev.kmodlint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.lsp.KmodlintLanguageServer;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language server in this JVM, spoken to by an LSP4J client: unsaved content is what is
 * analyzed, files of the module that are not open get their diagnostics too, and closing a
 * buffer without saving brings the disk's findings back.
 */
class LspSessionTest {
  @TempDir Path tmp;
  private final Map<String, List<Diagnostic>> published = new ConcurrentHashMap<>();
  private LanguageServer server;
  private CompletableFuture<Integer> serving;
  private PipedOutputStream toServer;

  private final LanguageClient client = new LanguageClient() {
    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void publishDiagnostics(PublishDiagnosticsParams d) {
      synchronized (published) {
        published.put(d.getUri(), d.getDiagnostics());
        published.notifyAll();
      }
    }

    @Override
    public void showMessage(MessageParams m) {}

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams m) {}
  };

  private void start() throws Exception {
    PipedInputStream serverIn = new PipedInputStream(1 << 20);
    toServer = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 20);
    PipedOutputStream fromServer = new PipedOutputStream(clientIn);
    KmodlintLanguageServer.Settings s = new KmodlintLanguageServer.Settings(Optional.empty(), List.of(),
        Duration.ofMillis(50), 2, 5000);
    serving = CompletableFuture.supplyAsync(() -> {
      try {
        return KmodlintLanguageServer.serve(s, serverIn, fromServer);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    Launcher<LanguageServer> l = LSPLauncher.createClientLauncher(client, clientIn, toServer);
    l.startListening();
    server = l.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setCapabilities(new ClientCapabilities());
    var result = server.initialize(init).get(60, TimeUnit.SECONDS);
    assertEquals("utf-16", result.getCapabilities().getPositionEncoding());
    server.initialized(new InitializedParams());
  }

  @AfterEach
  void stop() throws Exception {
    if (server == null) return;
    server.shutdown().get(30, TimeUnit.SECONDS);
    server.exit();
    assertEquals(0, serving.get(30, TimeUnit.SECONDS));
  }

  /** Waits until the diagnostics of {@code uri} satisfy {@code p}; their codes, sorted, joined. */
  private String await(String uri, Predicate<List<Diagnostic>> p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    synchronized (published) {
      while (published.get(uri) == null || !p.test(published.get(uri))) {
        long left = deadline - System.nanoTime();
        assertTrue(left > 0, () -> "diagnostics of " + uri + " now: " + codes(published.get(uri)));
        published.wait(Math.max(1, left / 1_000_000));
      }
      return codes(published.get(uri));
    }
  }

  private static String codes(List<Diagnostic> ds) {
    if (ds == null) return "(none published)";
    return ds.stream().map(d -> d.getCode().getLeft() + "@" + (d.getRange().getStart().getLine() + 1)).sorted()
        .collect(Collectors.joining(" "));
  }

  private static Predicate<List<Diagnostic>> having(String code) {
    return ds -> ds.stream().anyMatch(d -> d.getCode().getLeft().equals(code));
  }

  @Test
  void unsavedContentIsAnalyzedAndTheModulesOtherFilesArePublishedToo() throws Exception {
    Path mod = Files.createDirectories(tmp.resolve("two"));
    Files.writeString(mod.resolve("Makefile"), "obj-m += two.o\ntwo-y := a.o b.o\n");
    String a = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/module.h>
        static int alpha;
        module_param(alpha, int, 0444);
        MODULE_PARM_DESC(alpha, "alpha");
        static int __init two_init(void) { return 0; }
        static void __exit two_exit(void) {}
        module_init(two_init);
        module_exit(two_exit);
        MODULE_LICENSE("GPL");
        MODULE_DESCRIPTION("two files");
        """;
    Files.writeString(mod.resolve("a.c"), a);
    Files.writeString(mod.resolve("b.c"), """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/module.h>
        static int beta;
        module_param(beta, int, 0666);
        MODULE_PARM_DESC(beta, "beta");
        """);
    start();
    String uriA = mod.resolve("a.c").toUri().toString();
    String uriB = mod.resolve("b.c").toUri().toString();
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uriA, "c", 1, a)));
    assertEquals("param/world-writable@4", await(uriB, having("param/world-writable")),
        "b.c is not open, its finding is published");
    assertEquals("", await(uriA, ds -> true));

    // a world-writable parameter typed, not saved
    String unsaved = a.replace("0444", "0666");
    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
        new VersionedTextDocumentIdentifier(uriA, 2), List.of(new TextDocumentContentChangeEvent(unsaved))));
    assertEquals("param/world-writable@4", await(uriA, having("param/world-writable")));
    assertEquals(a, Files.readString(mod.resolve("a.c")), "the disk is never written");
    Diagnostic d = published.get(uriA).get(0);
    assertEquals(3, d.getRange().getStart().getLine());
    assertEquals("module_param(alpha, int, ".length(), d.getRange().getStart().getCharacter());
    assertEquals("https://github.com/kmodlint/kmodlint/blob/main/docs/rules/param/world-writable.md",
        d.getCodeDescription().getHref());

    // closed without saving: the disk's content counts again
    server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uriA)));
    assertEquals("", await(uriA, having("param/world-writable").negate()));
  }
}
