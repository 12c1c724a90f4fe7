package dev.kmodlint.lsp;

import dev.kmodlint.config.ConfigFile;
import dev.kmodlint.config.ConfigFiles;
import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.Notification;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.report.Tool;
import dev.kmodlint.resident.ResidentState;
import dev.kmodlint.rule.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.ResourceOperation;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * {@code kmodlint lsp}: diagnostics as you type. Opening, changing (after a quiet
 * {@code debounce}) or saving a file kmodlint reads analyzes its module (see {@link Units})
 * with the unsaved buffers in place of the files on disk ({@link Shadow}), and publishes the
 * findings of every file of the module, open or not (a module's findings are often in a
 * file other than the one edited: the Makefile, a header). Findings with a fix offer it as a
 * quick fix. The kernel database and the facts of unchanged files stay in memory
 * ({@link ResidentState}); analyses run one at a time, the newest content each.
 */
public final class KmodlintLanguageServer implements LanguageServer, LanguageClientAware {
  /** How the command line configured the server; {@code kdir} and {@code symvers} win over .kmodlint.yaml. */
  public record Settings(Optional<Path> kdir, List<Path> symvers, Duration debounce, int jobs, int maxFiles) {
    public Settings {
      symvers = List.copyOf(symvers);
    }

    public static Settings defaults() {
      return new Settings(Optional.empty(), List.of(), Duration.ofMillis(150),
          Runtime.getRuntime().availableProcessors(), 5000);
    }
  }

  /** An open document: its URI as the client spells it, its text and version. */
  private record Doc(String uri, String text, int version) {}

  /** A published finding, for its quick fixes: with the versions of the documents it was found in. */
  private record Held(Diagnostic diagnostic, Finding finding, Map<Path, Integer> versions) {}

  private final Settings settings;
  private final ResidentState resident = new ResidentState();
  private final Shadow shadow;
  private final Map<Path, Doc> open = new ConcurrentHashMap<>();
  private final Map<Path, List<Held>> held = new ConcurrentHashMap<>();
  /** Unit -> the files its last analysis published for (worker thread only). */
  private final Map<Path, Set<Path>> published = new HashMap<>();
  private final Set<Path> dirty = ConcurrentHashMap.newKeySet();
  private final Map<Path, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final Set<String> told = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("kmodlint-lsp-timer"));
  private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("kmodlint-lsp-analysis"));
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final TextDocuments documents = new TextDocuments();
  private final Workspace workspace = new Workspace();
  private volatile LanguageClient client;
  private volatile boolean documentChanges;
  private volatile boolean shutdown;
  /** Told after every publication (tests and benchmarks wait on it). */
  private volatile Consumer<String> analyzed = unit -> {};

  public KmodlintLanguageServer(Settings settings, Path scratch) throws IOException {
    this.settings = settings;
    this.shadow = new Shadow(scratch);
  }

  /**
   * Serves the protocol on {@code in} and {@code out} until the client exits or closes the
   * stream; returns the exit code (0 after shutdown, 1 without, as the protocol says).
   */
  public static int serve(Settings settings, InputStream in, OutputStream out) throws IOException {
    Path scratch = Files.createTempDirectory("kmodlint-lsp-");
    KmodlintLanguageServer server = new KmodlintLanguageServer(settings, scratch);
    try {
      Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
      server.connect(launcher.getRemoteProxy());
      Future<Void> listening = launcher.startListening();
      CompletableFuture<Object> closed = CompletableFuture.supplyAsync(() -> {
        try {
          return listening.get();
        } catch (InterruptedException | ExecutionException e) {
          return null;
        }
      });
      CompletableFuture.anyOf(closed, server.exit).join();
      return server.exit.getNow(server.shutdown ? 0 : 1);
    } finally {
      server.worker.shutdownNow();
      server.timer.shutdownNow();
      server.shadow.delete();
    }
  }

  void onAnalyzed(Consumer<String> listener) {
    this.analyzed = listener;
  }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    var caps = params.getCapabilities();
    documentChanges = caps != null && caps.getWorkspace() != null && caps.getWorkspace().getWorkspaceEdit() != null
        && Boolean.TRUE.equals(caps.getWorkspace().getWorkspaceEdit().getDocumentChanges());
    ServerCapabilities s = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Full);
    sync.setSave(new SaveOptions(false));
    s.setTextDocumentSync(sync);
    s.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    s.setPositionEncoding(Positions.ENCODING);
    return CompletableFuture.completedFuture(new InitializeResult(s, new ServerInfo(Tool.NAME, Tool.version())));
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    exit.complete(shutdown ? 0 : 1);
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspace;
  }

  private final class TextDocuments implements TextDocumentService {
    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
      var d = params.getTextDocument();
      Optional<Path> p = path(d.getUri());
      if (p.isEmpty()) return;
      open.put(p.get(), new Doc(d.getUri(), d.getText(), d.getVersion()));
      schedule(p.get(), Duration.ZERO);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
      Optional<Path> p = path(params.getTextDocument().getUri());
      if (p.isEmpty()) return;
      Doc d = open.get(p.get());
      if (d == null) return;
      String text = d.text();
      for (TextDocumentContentChangeEvent c : params.getContentChanges()) text = apply(text, c);
      Integer v = params.getTextDocument().getVersion();
      open.put(p.get(), new Doc(d.uri(), text, v != null ? v : d.version()));
      schedule(p.get(), settings.debounce());
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
      Optional<Path> p = path(params.getTextDocument().getUri());
      if (p.isEmpty()) return;
      // the disk's content counts again (an unsaved buffer thrown away)
      if (open.remove(p.get()) != null) schedule(p.get(), Duration.ZERO);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
      path(params.getTextDocument().getUri()).ifPresent(p -> schedule(p, Duration.ZERO));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
      List<Either<Command, CodeAction>> out = new ArrayList<>();
      List<String> only = params.getContext() == null ? null : params.getContext().getOnly();
      if (only != null && !only.isEmpty() && only.stream().noneMatch(k -> CodeActionKind.QuickFix.startsWith(k)))
        return CompletableFuture.completedFuture(out);
      Optional<Path> p = path(params.getTextDocument().getUri());
      if (p.isEmpty()) return CompletableFuture.completedFuture(out);
      for (Held h : held.getOrDefault(p.get(), List.of())) {
        if (h.finding().fixes().isEmpty() || !Positions.touch(h.diagnostic().getRange(), params.getRange())) continue;
        for (Finding.Fix fix : h.finding().fixes()) {
          CodeAction a = new CodeAction(fix.description());
          a.setKind(CodeActionKind.QuickFix);
          a.setDiagnostics(List.of(h.diagnostic()));
          a.setIsPreferred(h.finding().fixes().size() == 1);
          a.setEdit(edit(fix, h.versions()));
          out.add(Either.forRight(a));
        }
      }
      return CompletableFuture.completedFuture(out);
    }
  }

  private final class Workspace implements WorkspaceService {
    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
      // configured by the command line and .kmodlint.yaml, read at every analysis
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
      for (FileEvent e : params.getChanges()) path(e.getUri()).ifPresent(p -> schedule(p, settings.debounce()));
    }
  }

  /** Applies one change: the whole text, or a range of it (positions in UTF-16 code units). */
  static String apply(String text, TextDocumentContentChangeEvent c) {
    if (c.getRange() == null) return c.getText();
    int start = offset(text, c.getRange().getStart());
    int end = Math.max(start, offset(text, c.getRange().getEnd()));
    return text.substring(0, start) + c.getText() + text.substring(end);
  }

  /** The index in {@code text} of an LSP position (past the end of a line: its end). */
  static int offset(String text, Position p) {
    int i = 0;
    for (int line = 0; line < p.getLine(); line++) {
      int nl = text.indexOf('\n', i);
      if (nl < 0) return text.length();
      i = nl + 1;
    }
    int eol = text.indexOf('\n', i);
    if (eol < 0) eol = text.length();
    return Math.min(eol, i + p.getCharacter());
  }

  /** Every edit of the fix (a rename of each assignment, say), grouped by file in their order. */
  private WorkspaceEdit edit(Finding.Fix fix, Map<Path, Integer> versions) {
    Map<Path, List<TextEdit>> byFile = new LinkedHashMap<>();
    for (Finding.Fix.Edit e : fix.edits()) {
      byFile.computeIfAbsent(e.region().file(), k -> new ArrayList<>())
          .add(new TextEdit(Positions.range(e.region()), e.text()));
    }
    if (documentChanges) {
      List<Either<TextDocumentEdit, ResourceOperation>> changes = new ArrayList<>();
      for (Map.Entry<Path, List<TextEdit>> e : byFile.entrySet()) {
        var id = new VersionedTextDocumentIdentifier(uri(e.getKey()), versions.get(e.getKey()));
        changes.add(Either.forLeft(new TextDocumentEdit(id, e.getValue())));
      }
      return new WorkspaceEdit(changes);
    }
    Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
    for (Map.Entry<Path, List<TextEdit>> e : byFile.entrySet()) changes.put(uri(e.getKey()), e.getValue());
    return new WorkspaceEdit(changes);
  }

  /** Analyzes the unit of {@code file} after {@code delay}, unless a newer change comes first. */
  private void schedule(Path file, Duration delay) {
    Optional<Path> unit = Units.unitOf(file);
    if (unit.isEmpty() || shutdown) return;
    Path u = unit.get();
    pending.compute(u, (k, f) -> {
      if (f != null) f.cancel(false);
      return timer.schedule(() -> {
        dirty.add(u);
        worker.execute(() -> analyzeIfDirty(u));
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    });
  }

  private void analyzeIfDirty(Path unit) {
    if (!dirty.remove(unit)) return; // a later request of the same unit ran already
    try {
      analyze(unit);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      tell(MessageType.Error, "kmodlint: " + unit + ": " + describe(e));
    } finally {
      analyzed.accept(unit.toString());
    }
  }

  private void analyze(Path unit) throws IOException {
    long start = System.nanoTime();
    Map<Path, Doc> docs = new LinkedHashMap<>(open);
    Map<Path, byte[]> buffers = new HashMap<>();
    Map<Path, Integer> versions = new HashMap<>();
    for (Map.Entry<Path, Doc> e : docs.entrySet()) {
      versions.put(e.getKey(), e.getValue().version());
      if (e.getKey().startsWith(unit) || e.getKey().equals(unit))
        buffers.put(e.getKey(), e.getValue().text().getBytes(StandardCharsets.UTF_8));
    }
    Path copy = shadow.sync(unit, buffers, settings.maxFiles());
    ConfigFiles configs;
    try {
      configs = ConfigFiles.forInputs(List.of(unit));
    } catch (IOException e) {
      tell(MessageType.Warning, "kmodlint: " + describe(e) + " (analyzed without it)");
      configs = ConfigFiles.none();
    }
    Optional<ConfigFile> conf = configs.primary();
    List<Path> symvers = !settings.symvers().isEmpty() ? settings.symvers()
        : conf.map(ConfigFile::symvers).orElse(List.of());
    Optional<Path> kdir = settings.kdir().or(() -> conf.flatMap(ConfigFile::kdir))
        .or(KernelDatabase::runningKernelBuildDirectory);
    AnalysisOptions opts = new AnalysisOptions(List.of(copy), settings.jobs(), Duration.ofSeconds(60), symvers, kdir,
        Optional.of(shadow.cacheDir()));
    // a suppression of a rule the configuration turns off is not reported as unused
    ConfigFiles enabled = configs;
    AnalysisResult r = new Analyzer(RuleRegistry.discover(), resident)
        .withRulesEnabled((file, ruleId) -> enabled.enabled(shadow.toReal(file), ruleId)).analyze(opts);
    AnalysisResult real = configs.apply(r.withFindings(r.findings().stream().map(shadow::toReal).toList(),
        r.suppressed().stream().map(shadow::toReal).toList(),
        r.notifications().stream().map(shadow::toReal).toList()));
    publish(unit, real, versions);
    client().logMessage(new MessageParams(MessageType.Log, "kmodlint: analyzed " + unit + " in "
        + (System.nanoTime() - start) / 1_000_000 + " ms (" + real.filesAnalyzed() + " files, "
        + real.findings().size() + " findings)"));
  }

  private void publish(Path unit, AnalysisResult result, Map<Path, Integer> versions) {
    Map<Path, List<Diagnostic>> byFile = new TreeMap<>();
    Map<Path, List<Held>> fixes = new HashMap<>();
    for (Finding f : result.findings()) {
      Diagnostic d = Diagnostics.of(f, this::uri);
      Path file = f.position().file();
      byFile.computeIfAbsent(file, k -> new ArrayList<>()).add(d);
      fixes.computeIfAbsent(file, k -> new ArrayList<>()).add(new Held(d, f, versions));
    }
    for (Notification n : result.notifications()) {
      if (Diagnostics.shown(n))
        byFile.computeIfAbsent(n.position().get().file(), k -> new ArrayList<>()).add(Diagnostics.of(n));
    }
    Set<Path> files = new TreeSet<>(published.getOrDefault(unit, Set.of()));
    files.addAll(byFile.keySet());
    // an open file without findings is told so (its old diagnostics go, and the editor knows it was analyzed)
    for (Path f : versions.keySet()) if (f.startsWith(unit) || f.equals(unit)) files.add(f);
    for (Path f : files) {
      List<Diagnostic> ds = byFile.getOrDefault(f, List.of());
      held.put(f, fixes.getOrDefault(f, List.of()));
      client().publishDiagnostics(new PublishDiagnosticsParams(uri(f), ds, versions.get(f)));
    }
    published.put(unit, new HashSet<>(byFile.keySet()));
  }

  private LanguageClient client() {
    return client;
  }

  /** A message the user sees once per session (a broken .kmodlint.yaml is not repeated at every key stroke). */
  private void tell(MessageType type, String message) {
    LanguageClient c = client;
    if (c == null) return;
    c.logMessage(new MessageParams(type, message));
    if (told.add(message)) c.showMessage(new MessageParams(type, message));
  }

  private String uri(Path file) {
    Doc d = open.get(file);
    return d != null ? d.uri() : file.toUri().toString();
  }

  private static Optional<Path> path(String uri) {
    try {
      URI u = URI.create(uri);
      if (!"file".equals(u.getScheme())) return Optional.empty();
      return Optional.of(Path.of(u).toAbsolutePath().normalize());
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return Optional.empty();
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof UncheckedIOException u) e = u.getCause();
    if (e instanceof NoSuchFileException n) return n.getFile() + ": no such file or directory";
    if (e instanceof AccessDeniedException a) return a.getFile() + ": permission denied";
    if (e instanceof IOException && e.getMessage() != null) return e.getMessage();
    return "internal error: " + e;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(null, r, name, 16L << 20); // the parser recurses deeply, as with the launcher's -Xss16m
      t.setDaemon(true);
      return t;
    };
  }
}
