package dev.kmodlint.cli;

import dev.kmodlint.config.ConfigFile;
import dev.kmodlint.config.ConfigFiles;
import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.AnalysisProgress;
import dev.kmodlint.engine.MultiKernelAnalyzer;
import dev.kmodlint.engine.FileSelection;
import dev.kmodlint.engine.RuleRegistry;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.Level;
import dev.kmodlint.report.AnalysisResult;
import dev.kmodlint.report.Tool;
import dev.kmodlint.rule.Finding;
import dev.kmodlint.rule.RuleDescriptor;
import dev.kmodlint.sarif.Baseline;
import dev.kmodlint.sarif.SarifWriter;
import dev.kmodlint.text.BoundedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code kmodlint check} and {@code kmodlint rules}. Exit codes: 0 nothing at or above
 * {@code --fail-on}, 1 something is, 2 usage or I/O error (one line on stderr, no stack trace).
 */
@Command(name = "kmodlint", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Static analyzer for Linux kernel module sources.",
    subcommands = {Main.Check.class, Main.Rules.class, IndexCommand.class, InfoCommand.class, DepsCommand.class,
        InstallHookCommand.class, ServerCommand.class, LspCommand.class})
public final class Main implements Callable<Integer> {
  static final int OK = 0;
  static final int FINDINGS = 1;
  static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Where this run is, its command line and its streams as given (a server answer is copied there byte for byte). */
  final Invocation invocation;
  final List<String> argv;
  final OutputStream stdout;
  final OutputStream stderr;

  Main(Invocation invocation, String[] argv, OutputStream stdout, OutputStream stderr) {
    this.invocation = invocation;
    this.argv = List.of(argv);
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return USAGE;
  }

  public static void main(String[] args) {
    int code;
    try {
      java.util.OptionalInt relaunched = FileNameEncoding.relaunchInUtf8(args);
      if (relaunched.isPresent()) System.exit(relaunched.getAsInt());
      String[] decoded = FileNameEncoding.arguments(args);
      ServerUse.Quick quick = ServerUse.quick(decoded, System.out, System.err);
      if (quick.code().isPresent()) System.exit(quick.code().get());
      // a server that was there would have answered: the check does not ask again
      code = run(decoded, System.out, System.err, Invocation.standalone(quick.tried()));
    } catch (Throwable t) { // an Error escapes picocli's handlers; still one line, no trace
      System.err.println("kmodlint: internal error: " + t);
      code = USAGE;
    }
    System.exit(code);
  }

  /** Runs the CLI with the given streams; returns the exit code. */
  public static int run(String[] args, OutputStream stdout, OutputStream stderr) {
    return run(args, stdout, stderr, Invocation.standalone(false));
  }

  /** The same where {@code invocation} says (inside the server: the client's directory, environment, terminals). */
  static int run(String[] args, OutputStream stdout, OutputStream stderr, Invocation invocation) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
    CommandLine cl = new CommandLine(new Main(invocation, args, stdout, stderr))
        .setOut(out).setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((ex, line, parsed) -> {
          if (ex instanceof Declined d) {
            invocation.decline(d.getMessage());
            return USAGE;
          }
          if (invocation.env("KMODLINT_DEBUG") != null) ex.printStackTrace(line.getErr());
          line.getErr().println("kmodlint: " + Terminal.printable(describe(ex)));
          return USAGE;
        })
        .setParameterExceptionHandler((ex, args2) -> {
          ex.getCommandLine().getErr().println("kmodlint: " + Terminal.printable(UsageErrors.describe(ex)));
          ex.getCommandLine().getErr().println(UsageErrors.tryHelp(ex));
          return USAGE;
        });
    cl.setExitCodeExceptionMapper(t -> USAGE);
    // --version after any subcommand too (kmodlint check --version)
    for (CommandLine sub : cl.getSubcommands().values()) sub.getCommandSpec().versionProvider(new Version());
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * One line for what stopped the run: an I/O error says which file and why in plain words
   * ({@code PATH: permission denied}); anything else is a bug of kmodlint and says so.
   */
  static String describe(Throwable ex) {
    if (ex instanceof UncheckedIOException u) ex = u.getCause();
    if (ex instanceof BoundedReader.ReadFailure f) return f.getMessage();
    if (ex instanceof FileSystemException fs && fs.getFile() != null) {
      return fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "") + ": "
          + BoundedReader.reason(fs);
    }
    if (ex instanceof IOException io) return BoundedReader.reason(io);
    return "internal error: " + ex;
  }

  /** Every PATH names something there and readable: one clear line and exit 2 otherwise. */
  static void checkPaths(CommandLine cl, List<Path> paths) throws IOException {
    for (Path p : paths) {
      if (p.toString().isEmpty()) throw new CommandLine.ParameterException(cl, "a PATH is empty: name a file or"
          + " directory ('.' for this one)");
      if (!Files.exists(p)) {
        if (Files.isSymbolicLink(p)) throw new BoundedReader.ReadFailure(p, "a symbolic link to nothing (dangling,"
            + " or a loop of links)");
        throw new NoSuchFileException(p.toString());
      }
      boolean dir = Files.isDirectory(p);
      if (!Files.isReadable(p) || (dir && !Files.isExecutable(p))) throw new AccessDeniedException(p.toString());
    }
  }

  /** A file an option names ({@code --config}, {@code --symvers}): there, a regular file, readable. */
  static void checkRegularFile(Path p) throws IOException {
    if (Files.isDirectory(p)) throw new BoundedReader.ReadFailure(p, "is a directory");
    if (!Files.exists(p)) throw new NoSuchFileException(p.toString());
    if (!Files.isRegularFile(p)) throw new BoundedReader.ReadFailure(p, "is not a regular file (a named pipe, socket"
        + " or device)");
    if (!Files.isReadable(p)) throw new AccessDeniedException(p.toString());
  }

  /**
   * A run that found nothing kmodlint reads (no C file, header, Kbuild file, Kconfig or
   * deployment file) under its PATHs was most likely pointed at the wrong place: an error, as
   * an empty or unreadable PATH is, rather than a clean report of nothing.
   */
  static void checkSomethingWasRead(AnalysisResult r, List<Path> paths) throws IOException {
    var project = r.project();
    boolean nothing = project.files().isEmpty() && project.modules().isEmpty()
        && project.kbuild().makefiles().isEmpty() && project.kconfig().definitions().isEmpty()
        && project.kconfig().syntaxProblems().isEmpty() && project.deploy().dkmsConfs().isEmpty()
        && project.deploy().modprobeFiles().isEmpty();
    if (!nothing) return;
    String named = String.join(", ", paths.stream().map(Path::toString).toList());
    String why = r.notifications().stream().filter(n -> n.id().equals("read-failure")).map(
        dev.kmodlint.model.Notification::message).findFirst().map(m -> " (" + m + ")").orElse("");
    throw new IOException(named + ": no C source, header, Kbuild file, Makefile, Kconfig or deployment file to"
        + " analyze" + why);
  }

  /**
   * {@code --source-root} holds every PATH: SARIF locations are relative to it, and a file
   * outside it could only be given as an absolute {@code file:} URI that no viewer or GitHub
   * maps onto the repository.
   */
  static void checkSourceRoot(Path sourceRoot, List<Path> paths) throws IOException {
    Path root = sourceRoot.toAbsolutePath().normalize();
    for (Path p : paths) {
      if (!p.toAbsolutePath().normalize().startsWith(root)) throw new IOException(
          "--source-root " + sourceRoot + " does not hold " + p + ": SARIF locations are relative to the source"
          + " root, so name a directory above every PATH");
    }
  }

  /** {@code --jobs} and the like: a number in a range, else one clear line and exit 2. */
  static void checkRange(CommandLine cl, String option, long value, long min, long max, String unit) {
    if (value < min || value > max) throw new CommandLine.ParameterException(cl, option + " must be between " + min
        + " and " + max + unit + ", not " + value);
  }

  /** At most this many parser threads: past it threads cost memory (each has a deep stack) and gain nothing. */
  static final int MAX_JOBS = 256;
  /** A day: far past any file, and well inside what a timer can hold. */
  static final long MAX_TIMEOUT_SECONDS = 86_400;

  enum Format { text, sarif }

  enum FailOn {
    error(Level.ERROR), warning(Level.WARNING), note(Level.NOTE), none(null);

    final Level level;

    FailOn(Level level) {
      this.level = level;
    }
  }

  enum Color { auto, always, never }

  /** When {@code check} uses a resident server ({@code kmodlint server}). */
  enum ServerMode { auto, always, never }

  /** Thrown inside the server by a check it cannot run as the client would. */
  static final class Declined extends RuntimeException {
    Declined(String why) {
      super(why, null, false, false);
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Analyze module sources: a file, a module directory or a whole tree.")
  static final class Check implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand Main main;

    @Option(names = "--format", description = "text (default) or sarif", defaultValue = "text")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the report to FILE instead of stdout")
    Path output;

    @Option(names = "--fail-on", paramLabel = "LEVEL",
        description = "exit 1 when a finding is at or above LEVEL: error (default), warning, note, none")
    FailOn failOn;

    @CommandLine.Mixin KernelOptions kernel;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "parser threads (default: cores)")
    Integer jobs;

    @Option(names = "--file-timeout", paramLabel = "SECONDS", defaultValue = AnalysisOptions.DEFAULT_FILE_TIMEOUT_SECONDS,
        description = "give up on a C file after this long (default 60)")
    long fileTimeoutSeconds;

    @Option(names = "--config", paramLabel = "FILE",
        description = "the .kmodlint.yaml to use (default: the nearest one at or above each scanned path)")
    Path config;

    @Option(names = "--no-config", description = "read no .kmodlint.yaml")
    boolean noConfig;

    @Option(names = "--baseline", paramLabel = "SARIF",
        description = "an earlier kmodlint SARIF log: each result becomes new, unchanged, updated or absent")
    Path baseline;

    @Option(names = "--fail-on-new", description = "with --baseline: exit 1 only for new results at or above --fail-on")
    boolean failOnNew;

    @Option(names = "--omit-suppressed",
        description = "leave suppressed results out of the SARIF log (GitHub code scanning ignores suppressions)")
    boolean omitSuppressed;

    @Option(names = "--category", paramLabel = "NAME",
        description = "SARIF automationDetails.id becomes kmodlint/NAME/ (tells several analyses of one commit apart)")
    String category;

    @Option(names = "--source-root", paramLabel = "DIR",
        description = "what SARIF locations are relative to (%%SRCROOT%%); default: the directory all paths share")
    Path sourceRoot;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
        description = "colour the text report: auto (on a terminal, unless NO_COLOR is set), always, never")
    Color color;

    /** Other engineers' progress output reads this too: nothing but findings when set. */
    @Option(names = {"-q", "--quiet"}, description = "print findings only: no summary, notifications or progress")
    boolean quiet;

    @Option(names = "--fix", description = "apply the fix of every finding that has one, in place, then report"
        + " what is left")
    boolean fix;

    @Option(names = "--dry-run", description = "with --fix: print the fixes as a unified diff, change nothing")
    boolean dryRun;

    @Option(names = {"-v", "--verbose"}, description = "print every notification about the run, notes too, each"
        + " where it is (by default: warnings and errors, one line per message)")
    boolean verbose;

    @Option(names = "--statistics", description = "instead of the findings, print how many each rule found (text"
        + " report)")
    boolean statistics;

    @Option(names = "--new-only", description = "with --baseline: report only the findings the baseline does not"
        + " have (and exit 1 only for them)")
    boolean newOnly;

    @Option(names = "--cache-dir", paramLabel = "DIR",
        description = "keep the facts of each file here between runs (default: $XDG_CACHE_HOME/kmodlint,"
            + " else ~/.cache/kmodlint)")
    Path cacheDir;

    @Option(names = "--no-cache", description = "parse every file; read and write no fact cache")
    boolean noCache;

    @Option(names = "--server", paramLabel = "WHEN", defaultValue = "auto",
        description = "use the resident server of the tree (kmodlint server): auto (default: when one is running),"
            + " always (start one in the background when none is), never")
    ServerMode server;

    @Parameters(arity = "1..*", paramLabel = "PATH",
        description = "files or directories to analyze; files are analyzed with their whole module and only"
            + " findings in (or caused by) them are reported")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
      Invocation inv = main.invocation;
      if (inv.inServer()) {
        String why = unservable(inv);
        if (why != null) throw new Declined(why);
      } else if (server != ServerMode.never && !inv.serverAsked()) {
        Optional<Integer> served = ServerUse.forward(main, paths, cacheDir, server == ServerMode.always);
        if (served.isPresent()) return served.get();
      }
      CommandLine cl = spec.commandLine();
      if (jobs != null) checkRange(cl, "--jobs", jobs, 1, MAX_JOBS, "");
      checkRange(cl, "--file-timeout", fileTimeoutSeconds, 1, MAX_TIMEOUT_SECONDS, " seconds");
      // inside the server, relative to the client's directory
      List<Path> inputs = paths.stream().map(inv::resolve).toList();
      checkPaths(cl, inputs);
      if (failOnNew && baseline == null) throw new CommandLine.ParameterException(spec.commandLine(),
          "--fail-on-new needs --baseline");
      if (newOnly && baseline == null) throw new CommandLine.ParameterException(cl, "--new-only needs --baseline");
      if (dryRun && !fix) throw new CommandLine.ParameterException(cl, "--dry-run goes with --fix");
      if (statistics && format != Format.text) throw new CommandLine.ParameterException(cl,
          "--statistics is for the text report (--format text)");
      if (config != null) checkRegularFile(inv.resolve(config));
      Path sourceRoot = this.sourceRoot == null ? null : inv.resolve(this.sourceRoot);
      if (sourceRoot != null && !Files.isDirectory(sourceRoot)) throw new NoSuchFileException(this.sourceRoot.toString());
      if (sourceRoot != null) checkSourceRoot(sourceRoot, inputs);
      ConfigFiles configs = noConfig ? ConfigFiles.none()
          : config != null ? ConfigFiles.of(ConfigFile.read(config)) : ConfigFiles.forInputs(inputs);
      Optional<ConfigFile> conf = configs.primary();
      // the command line wins over the configuration file
      KernelOptions.Chosen chosen = kernel.choose(cl, conf);
      List<Path> symversFiles = chosen.symvers();
      FailOn threshold = failOn != null ? failOn
          : conf.flatMap(ConfigFile::failOn).map(FailOn::valueOf).orElse(FailOn.error);
      Baseline base = baseline != null ? Baseline.read(baseline) : null;

      FileSelection selection = FileSelection.of(inputs);
      AnalysisOptions opts = new AnalysisOptions(selection.analyze(),
          jobs != null ? jobs : Math.min(MAX_JOBS, Runtime.getRuntime().availableProcessors()),
          Duration.ofSeconds(fileTimeoutSeconds), symversFiles, chosen.kernels(),
          noCache ? Optional.empty() : Optional.of(cacheDir != null ? cacheDir : defaultCacheDir()),
          selection.reportOnly());
      // a header index the kernel lacks is made when a rule first needs it, shown on a terminal
      Optional<PrintWriter> terminal = !quiet && inv.stderrTerminal()
          ? Optional.of(spec.commandLine().getErr()) : Optional.empty();
      AnalysisResult analyzed = KernelDatabase.withAutoIndex(chosen.autoIndexPolicy(terminal),
          () -> new MultiKernelAnalyzer(RuleRegistry.discover(), inv.resident()).withRulesEnabled(configs::enabled)
              .analyze(opts, progress()));
      checkSomethingWasRead(analyzed, inputs);
      AnalysisResult compared = selection.restrict(configs.apply(analyzed));
      AnalysisResult result = compared;
      Path root = sourceRoot != null ? sourceRoot.toAbsolutePath().normalize() : compared.scanRoot();
      Optional<Baseline.Comparison> comparison = Optional.ofNullable(base).map(b -> b.compare(compared, root));
      if (newOnly) {
        result = NewOnly.keepNew(result, comparison.get());
        comparison = Optional.of(NewOnly.withoutAbsent(comparison.get()));
      }
      if (fix) {
        Fixer.Plan plan = Fixer.plan(result.findings());
        if (dryRun) {
          cl.getOut().print(Fixer.diff(plan, inv.cwd()));
          cl.getOut().flush();
          cl.getErr().println("kmodlint: " + Terminal.printable(plan.summary(true)));
          return exitCode(result, threshold, comparison);
        }
        Fixer.apply(plan);
        if (!quiet) cl.getErr().println("kmodlint: " + Terminal.printable(plan.summary(false)));
        // and check again, here: the report is of the fixed files
        fix = false;
        server = ServerMode.never;
        return call();
      }

      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      if (format == Format.sarif) {
        SarifWriter.write(result, new SarifWriter.Options(Optional.ofNullable(category),
            Optional.ofNullable(sourceRoot), omitSuppressed, comparison, SarifWriter.GITHUB_MAX_RESULTS), buf);
      } else {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(buf, StandardCharsets.UTF_8));
        new TextReport(inv.cwd(), useColor(output == null), quiet, comparison, verbose, statistics).write(result, w);
      }
      if (output != null) {
        Path output = inv.resolve(this.output);
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new NoSuchFileException(parent.toString());
        Files.write(output, buf.toByteArray());
        if (!quiet) spec.commandLine().getErr().println(TextReport.summary(result, comparison));
      } else {
        PrintWriter out = spec.commandLine().getOut();
        out.print(buf.toString(StandardCharsets.UTF_8));
        out.flush();
      }
      return exitCode(result, threshold, comparison);
    }

    private int exitCode(AnalysisResult result, FailOn threshold, Optional<Baseline.Comparison> comparison) {
      if (threshold.level == null) return OK;
      for (Finding f : result.findings()) {
        if (!f.level().atLeast(threshold.level)) continue;
        if (failOnNew && comparison.get().stateOf(f) != Baseline.State.NEW) continue;
        return FINDINGS;
      }
      return OK;
    }

    /**
     * Why the server cannot run this as the client would, or null: a relative path that the
     * output may show as given, when the client's working directory is not the server's.
     */
    private String unservable(Invocation inv) {
      if (inv.cwd().equals(Path.of("").toAbsolutePath())) return null;
      List<Path> shown = new java.util.ArrayList<>(kernel.symvers);
      shown.addAll(kernel.kdirs);
      java.util.Collections.addAll(shown, config, baseline, cacheDir);
      for (Path p : shown) if (p != null && !p.isAbsolute()) return "a relative path (" + p + ") in another directory";
      return null;
    }

    /** {@code $XDG_CACHE_HOME/kmodlint}; the build points its tests elsewhere with a property. */
    static Path defaultCacheDir() {
      String forTests = System.getProperty("kmodlint.cache.dir");
      return forTests != null ? Path.of(forTests) : KernelDatabase.defaultIndexCache();
    }

    /**
     * A progress bar when a person watches stderr; with {@code KMODLINT_STATS} set, one line
     * telling how the fact cache served the run (for the benchmark).
     */
    private AnalysisProgress progress() {
      Invocation inv = main.invocation;
      boolean bar = !quiet && inv.stderrTerminal();
      boolean stats = inv.env("KMODLINT_STATS") != null;
      if (!bar && !stats) return AnalysisProgress.NONE;
      AnalysisProgress shown = bar ? new ProgressReporter(main.stderr instanceof java.io.PrintStream ps ? ps
          : new java.io.PrintStream(main.stderr, true, StandardCharsets.UTF_8)) : AnalysisProgress.NONE;
      PrintWriter err = spec.commandLine().getErr();
      return new AnalysisProgress() {
        @Override
        public void started(int files) {
          shown.started(files);
        }

        @Override
        public void fileDone() {
          shown.fileDone();
        }

        @Override
        public void finished() {
          shown.finished();
        }

        @Override
        public void cacheUsed(int hits, int parsed, int refused) {
          if (stats) err.println("kmodlint: fact cache: " + hits + " files reused, " + parsed + " parsed, "
              + refused + " entries refused");
        }
      };
    }

    /** NO_COLOR (no-color.org) turns colour off unless asked for explicitly; so does a pipe or a file. */
    private boolean useColor(boolean toStdout) {
      return switch (color) {
        case always -> true;
        case never -> false;
        case auto -> toStdout && main.invocation.stdoutTerminal()
            && (main.invocation.env("NO_COLOR") == null || main.invocation.env("NO_COLOR").isEmpty())
            && !"dumb".equals(main.invocation.env("TERM"));
      };
    }
  }

  @Command(name = "rules", mixinStandardHelpOptions = true,
      description = "List every rule (id, level, summary); with a rule ID, print its page; with a family, its rules.")
  static final class Rules implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "a rule ID (param/world-writable) or a family (param)")
    String id;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<RuleDescriptor> rules = RulePages.select(spec.commandLine(), RuleRegistry.discover().descriptors(), id);
      if (id != null && id.contains("/")) {
        out.print(RulePages.page(rules.get(0)));
        out.flush();
        return OK;
      }
      int w = rules.stream().mapToInt(r -> r.id().length()).max().orElse(10);
      for (RuleDescriptor r : rules) {
        out.println(String.format(Locale.ROOT, "%-" + w + "s  %-7s  %s", r.id(), r.level().sarif(), r.summary()));
      }
      out.flush();
      return OK;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {Tool.NAME + " " + Tool.version()};
    }
  }
}
