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
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
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
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
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

  /** A fix of several edits (foo-objs renamed in each assignment) is one code action with every edit. */
  @Test
  void aQuickFixOfSeveralEditsCarriesThemAll() throws Exception {
    Path mod = Files.createDirectories(tmp.resolve("objs"));
    String makefile = "obj-m += objs.o\nobjs-objs := a.o\nobjs-objs += b.o\n";
    Files.writeString(mod.resolve("Makefile"), makefile);
    Files.writeString(mod.resolve("a.c"), """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/module.h>
        MODULE_LICENSE("GPL");
        MODULE_DESCRIPTION("objs");
        """);
    Files.writeString(mod.resolve("b.c"), "int objs_b;\n");
    start();
    String uri = mod.resolve("Makefile").toUri().toString();
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "make", 1, makefile)));
    await(uri, having("kbuild/deprecated-objs"));
    Diagnostic d = published.get(uri).stream().filter(x -> x.getCode().getLeft().equals("kbuild/deprecated-objs"))
        .findFirst().orElseThrow();
    List<Either<org.eclipse.lsp4j.Command, CodeAction>> actions = server.getTextDocumentService().codeAction(
        new CodeActionParams(new TextDocumentIdentifier(uri), d.getRange(), new CodeActionContext(List.of(d))))
        .get(60, TimeUnit.SECONDS);
    CodeAction rename = actions.stream().filter(Either::isRight).map(Either::getRight)
        .filter(a -> a.getTitle().contains("objs-y")).findFirst().orElseThrow(() -> new AssertionError(actions));
    List<TextEdit> edits = rename.getEdit().getChanges().get(uri);
    assertEquals(List.of(1, 2), edits.stream().map(e -> e.getRange().getStart().getLine()).toList(), edits.toString());
    assertTrue(edits.stream().allMatch(e -> e.getNewText().equals("objs-y")), edits.toString());
  }

  /**
   * A suppression of a rule .kmodlint.yaml turns off is not reported as unused in the editor
   * either (its findings are not known); once the rule is on, the same comment is.
   */
  @Test
  void aSuppressionOfARuleTheConfigurationTurnsOffIsNotUnused() throws Exception {
    Path mod = Files.createDirectories(tmp.resolve("off"));
    Files.writeString(mod.resolve("Makefile"), "obj-m += off.o\n");
    Files.writeString(mod.resolve(".kmodlint.yaml"), "rules:\n  param/world-writable: off\n");
    String c = """
        // SPDX-License-Identifier: GPL-2.0
        #include <linux/module.h>
        static int knob;
        /* kmodlint-disable-next-line param/world-writable -- it was 0666 once */
        module_param(knob, int, 0444);
        MODULE_PARM_DESC(knob, "knob");
        static int __init off_init(void) { return 0; }
        static void __exit off_exit(void) {}
        module_init(off_init);
        module_exit(off_exit);
        MODULE_LICENSE("GPL");
        MODULE_DESCRIPTION("off");
        """;
    Files.writeString(mod.resolve("off.c"), c);
    start();
    String uri = mod.resolve("off.c").toUri().toString();
    server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "c", 1, c)));
    assertEquals("", await(uri, ds -> true));
    Files.writeString(mod.resolve(".kmodlint.yaml"), "rules:\n  param/world-writable: on\n");
    server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
        new VersionedTextDocumentIdentifier(uri, 2), List.of(new TextDocumentContentChangeEvent(c))));
    assertEquals("meta/unused-suppression@4", await(uri, having("meta/unused-suppression")));
  }
}
