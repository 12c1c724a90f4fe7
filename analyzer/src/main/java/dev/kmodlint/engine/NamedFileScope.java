package dev.kmodlint.engine;

import dev.kmodlint.compose.BuildPlan;
import dev.kmodlint.kernel.HeaderIndex;
import dev.kmodlint.model.CReference;
import dev.kmodlint.model.CompileFlags;
import dev.kmodlint.model.EntryPoint;
import dev.kmodlint.model.ExportDecl;
import dev.kmodlint.model.ExternalUse;
import dev.kmodlint.model.FileFacts;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.scan.SourceTree;
import dev.kmodlint.text.BoundedReader;
import dev.kmodlint.text.CTextScan;
import dev.kmodlint.text.SourceText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C files a report on files named one by one needs parsed (a commit hook names the changed
 * files): the modules that build or include them, and what the cross-module rules relate them
 * to, not every module of their directory. What it finds is what a run of the whole directory,
 * filtered to the findings in or caused by the named files, finds; the rules see a project of
 * fewer modules, whose other findings are filtered away anyway.
 *
 * <p>What links a module to another is symbols: who exports what it uses (the provider decides
 * {@code symbol/unresolved}, {@code symbol/gpl-only}, the namespaces), who exports what it
 * exports ({@code symbol/exported-twice}), the modules it depends on through them
 * ({@code symbol/dependency-cycle}) and, for an export written in a named file, who uses it
 * (their findings point at it). Which files can export or use a name is read from the text of
 * each file and of the headers it may include ({@link CTextScan}): every branch, comments
 * aside, every file a search path could give for an include. Where the text cannot tell (an
 * export of a name a macro makes, a computed include) the file is taken. So the files kept are
 * a superset of those the report depends on, found by a fixed point: parse what is kept, add
 * the exporters of every name the parsed files use or export, with the modules that build them
 * and the files that include them, until nothing is added.
 */
final class NamedFileScope {
  private final SourceTree tree;
  private final BuildPlan plan;
  /** Where the C front-end reads headers: the repository of the scan. */
  private final Path repository;
  private final HeaderIndex headers;
  /** The macros whose expansion reaches an export, and the arguments those that export arguments as written export. */
  private final Set<String> exporting;
  private final Map<String, Set<Integer>> verbatimExports;
  private final Set<String> preludeMacros;
  private final Map<String, Set<String>> definitionWords;
  /** Kernel header macros whose expansion pastes tokens: they may make any name. */
  private final Set<String> pastingKernelMacros;

  private final CTextScan.Names exportingNames;
  private final Map<CTextScan, Boolean> mentionsExporting = new java.util.IdentityHashMap<>();
  private final Map<Path, Optional<CTextScan>> scans = new HashMap<>();
  /** The sources of each module that builds a file, by file. */
  private final Map<Path, List<List<Path>>> modulesOf = new HashMap<>();
  /** For each C file of the tree: itself and every file it may read; empty when an include is computed. */
  private final Map<Path, Optional<Set<Path>>> reads = new HashMap<>();
  private final Map<Path, Set<Path>> readers = new HashMap<>();
  private final Set<Path> readsAnything = new TreeSet<>();

  private NamedFileScope(SourceTree tree, BuildPlan plan, Path repository, HeaderIndex headers,
      Map<String, String> prelude) {
    this.tree = tree;
    this.plan = plan;
    this.repository = repository;
    this.headers = headers;
    Map<String, String> definitions = new HashMap<>(headers.macroDefinitions());
    definitions.putAll(prelude); // the prelude's macros win over the headers'
    this.preludeMacros = Set.copyOf(prelude.keySet());
    this.definitionWords = new HashMap<>();
    for (Map.Entry<String, String> d : definitions.entrySet()) definitionWords.put(d.getKey(), bodyWords(d.getValue()));
    Set<String> marking = new HashSet<>();
    for (Map.Entry<String, String> d : prelude.entrySet()) if (d.getValue().contains("__kmodlint_export__")) marking.add(d.getKey());
    this.exporting = reaching(marking);
    this.verbatimExports = verbatimExports(marking, definitions);
    this.exportingNames = new CTextScan.Names(exporting);
    Set<String> pasting = new HashSet<>();
    for (Map.Entry<String, String> d : headers.macroDefinitions().entrySet())
      if (!prelude.containsKey(d.getKey()) && d.getValue().contains("##")) pasting.add(d.getKey());
    this.pastingKernelMacros = reaching(pasting);
    for (List<Path> module : plan.moduleSources())
      for (Path s : module) modulesOf.computeIfAbsent(s, k -> new ArrayList<>()).add(module);
  }

  /**
   * The C files named, when a scope can stand for the whole directory: every file named is a C
   * file of the tree in a directory whose Makefile builds modules, and the tree has no deployment
   * file (those name modules, and their findings point at any module of the name). Else empty:
   * the directory is analyzed whole.
   */
  static Optional<Set<Path>> applicable(Set<Path> named, SourceTree tree, BuildPlan plan) {
    if (named.isEmpty()) return Optional.empty();
    if (!tree.dkmsConfs().isEmpty() || !tree.modprobeConfs().isEmpty() || !tree.modulesLoadConfs().isEmpty())
      return Optional.empty();
    Set<Path> building = plan.moduleBuildingDirectories();
    Set<Path> out = new TreeSet<>();
    for (Path p : named) {
      Path abs = p.toAbsolutePath().normalize();
      // a C file of a directory without a module-building Makefile may be a module of its own,
      // which depends on what every other file of the directory includes and declares
      if (!abs.getFileName().toString().endsWith(".c") || !tree.cFiles().contains(abs)
          || !building.contains(abs.getParent())) return Optional.empty();
      out.add(abs);
    }
    return Optional.of(out);
  }

  /** What {@link #select} found: the facts of the C files and headers kept, and the C files whose modules are composed. */
  record Selection(Map<Path, FileFacts> facts, Set<Path> cFiles) {}

  /**
   * The facts a report on {@code named} needs; {@code parse} gives the facts of C files and
   * headers (the fact cache, else the front-end), called once for each round of the fixed point.
   */
  static Selection select(Set<Path> named, SourceTree tree, BuildPlan plan, Path repository, HeaderIndex headers,
      Map<String, String> prelude, Parser parse) {
    NamedFileScope s = new NamedFileScope(tree, plan, repository, headers, prelude);
    return s.select(named, parse);
  }

  /** Parses C files and headers. */
  interface Parser {
    Map<Path, FileFacts> parse(List<Path> cFiles, List<Path> headers);
  }

  private Selection select(Set<Path> named, Parser parse) {
    for (Path c : tree.cFiles()) indexReads(c);
    Set<Path> kept = new LinkedHashSet<>();
    Map<Path, FileFacts> facts = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (Path n : named) keep(n, kept);
    Map<Path, Optional<Set<String>>> exported = new HashMap<>();
    boolean usersAdded = false;
    while (true) {
      List<Path> fresh = kept.stream().filter(p -> !facts.containsKey(p)).sorted().toList();
      if (!fresh.isEmpty()) {
        Map<Path, FileFacts> got = parse.parse(fresh, List.of());
        facts.putAll(got);
        for (Path p : fresh) {
          FileFacts f = got.get(p);
          if (f != null) namesOf(f.file(), names);
        }
      }
      int before = kept.size();
      for (Path c : tree.cFiles()) {
        if (kept.contains(c)) continue;
        Optional<Set<String>> e = exported.computeIfAbsent(c, this::exportedNames);
        if (e.isEmpty() || e.get().stream().anyMatch(names::contains)) keep(c, kept);
      }
      if (!usersAdded) {
        // the exports written in a named file: the findings of the modules that use them point at them
        Set<String> ownExports = new TreeSet<>();
        for (FileFacts f : facts.values())
          for (ExportDecl e : f.file().code().exports()) if (named.contains(e.position().file())) ownExports.add(e.symbol());
        if (!ownExports.isEmpty()) {
          Set<String> words = mentioning(ownExports);
          for (Path c : tree.cFiles()) if (!kept.contains(c) && mayUse(c, words, ownExports)) keep(c, kept);
        }
        usersAdded = true;
      }
      if (kept.size() == before && kept.stream().allMatch(facts::containsKey)) break;
    }
    // the local headers the kept files may read: their own facts (SPDX, CONFIG_ references)
    Set<Path> headerFiles = new TreeSet<>();
    for (Path c : kept)
      for (Path p : reads.get(c).orElse(Set.of())) if (tree.headers().contains(p)) headerFiles.add(p);
    if (!headerFiles.isEmpty()) facts.putAll(parse.parse(List.of(), List.copyOf(headerFiles)));
    return new Selection(facts, Set.copyOf(kept));
  }

  /** Keeps {@code c}, the other objects of every module that builds it and every C file that may include it. */
  private void keep(Path c, Set<Path> kept) {
    Deque<Path> todo = new ArrayDeque<>(List.of(c));
    while (!todo.isEmpty()) {
      Path p = todo.pop();
      if (!tree.cFiles().contains(p) || !kept.add(p)) continue;
      for (List<Path> module : modulesOf.getOrDefault(p, List.of())) todo.addAll(module);
      todo.addAll(readers.getOrDefault(p, Set.of()));
      todo.addAll(readsAnything);
    }
  }

  /**
   * The names a file's facts use or export, and the exports the kernel header macros and
   * inline functions it uses reach: a superset of the symbols its module needs from outside.
   */
  private void namesOf(SourceFile f, Set<String> out) {
    List<String> used = new ArrayList<>();
    for (CReference r : f.code().references()) used.add(r.to());
    for (ExternalUse u : f.code().externalUses()) used.add(u.name());
    for (EntryPoint e : f.entryPoints()) if (e.isHelper()) used.add(e.helper());
    for (ExportDecl e : f.code().exports()) used.add(e.symbol());
    for (String u : used) {
      out.add(u);
      out.addAll(headers.reachedExports(u));
    }
  }

  /** The names {@code c} and the files it may read can export; empty when the text cannot tell. */
  private Optional<Set<String>> exportedNames(Path c) {
    Optional<Set<Path>> files = reads.get(c);
    if (files.isEmpty()) return Optional.empty();
    Set<String> macros = new HashSet<>(preludeMacros);
    macros.addAll(plan.flagsOf(c).defines().keySet());
    List<CTextScan> texts = new ArrayList<>();
    for (Path p : files.get()) {
      Optional<CTextScan> s = scan(p);
      if (s.isEmpty()) continue;
      texts.add(s.get());
      macros.addAll(s.get().definedMacros());
    }
    Set<String> out = new HashSet<>();
    for (CTextScan s : texts) {
      // most files export nothing: look for a name of an export macro before reading its calls
      if (!mentionsExporting.computeIfAbsent(s, t -> t.mentions(exportingNames))) continue;
      Optional<Set<String>> e = s.exportedNames(exporting, verbatimExports, macros::contains);
      if (e.isEmpty()) return Optional.empty();
      out.addAll(e.get());
    }
    return Optional.of(out);
  }

  /**
   * True when {@code c} or a file it may read mentions a name of {@code words}, uses a kernel
   * header function or macro that reaches one of {@code exports}, or pastes tokens (the name it
   * makes may be one).
   */
  private boolean mayUse(Path c, Set<String> words, Set<String> exports) {
    Optional<Set<Path>> files = reads.get(c);
    if (files.isEmpty()) return true;
    for (Path p : files.get()) {
      Optional<CTextScan> s = scan(p);
      if (s.isEmpty()) continue;
      if (s.get().pastes()) return true;
      for (String id : s.get().identifiers()) {
        if (words.contains(id) || pastingKernelMacros.contains(id)) return true;
        for (String r : headers.reachedExports(id)) if (exports.contains(r)) return true;
      }
    }
    return false;
  }

  /** {@code names} and the macros of the prelude and the kernel headers whose expansion mentions one of them. */
  private Set<String> mentioning(Set<String> names) {
    return reaching(names);
  }

  /** {@code seeds} and every macro whose definition, directly or through other macros, mentions one of them. */
  private Set<String> reaching(Set<String> seeds) {
    Set<String> out = new HashSet<>(seeds);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, Set<String>> d : definitionWords.entrySet()) {
        if (out.contains(d.getKey())) continue;
        for (String w : d.getValue()) {
          if (out.contains(w)) {
            out.add(d.getKey());
            grew = true;
            break;
          }
        }
      }
    }
    return out;
  }

  private static final Pattern DEFINE = Pattern.compile(
      "^\\s*#\\s*define\\s+([A-Za-z_]\\w*)(\\(([^)]*)\\))?(.*)$", Pattern.DOTALL);

  /** The identifiers of a macro's body ({@code #define NAME(params) body}). */
  private static Set<String> bodyWords(String definition) {
    Matcher m = DEFINE.matcher(definition);
    String body = m.matches() ? m.group(4) : definition;
    return CTextScan.of(body).identifiers();
  }

  /**
   * The export macros that export some of their arguments as written, and which: those that
   * make the front-end's export marker ({@code __kmodlint_export__}) export their first; a
   * macro whose every mention of an export macro in its body is a call of one of these with
   * parameters of its own in the exported places exports those parameters
   * ({@code EXPORT_SIMPLE_DEV_PM_OPS(name, ...)} -> {@code _EXPORT_DEV_PM_OPS(name, "", "")} ->
   * {@code __EXPORT_SYMBOL(name, sec, ns)}: its first). A parameter pasted or stringified
   * anywhere in the body, or an exported place holding anything but a parameter, leaves the
   * macro out: what it exports is then unknown.
   */
  private Map<String, Set<Integer>> verbatimExports(Set<String> marking, Map<String, String> definitions) {
    Map<String, Set<Integer>> out = new HashMap<>();
    for (String m : marking) out.put(m, Set.of(0));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, String> d : definitions.entrySet()) {
        if (out.containsKey(d.getKey()) || !exporting.contains(d.getKey())) continue;
        Optional<Set<Integer>> args = exportedParameters(d.getValue(), out);
        if (args.isPresent()) {
          out.put(d.getKey(), args.get());
          grew = true;
        }
      }
    }
    return out;
  }

  /** The parameters a definition exports as written (see {@link #verbatimExports}); empty when unknown so far. */
  private Optional<Set<Integer>> exportedParameters(String definition, Map<String, Set<Integer>> known) {
    Matcher m = DEFINE.matcher(definition);
    if (!m.matches() || m.group(3) == null) return Optional.empty();
    List<String> params = new ArrayList<>();
    for (String p : m.group(3).split(",")) params.add(p.strip());
    String body = m.group(4);
    Set<Integer> out = new TreeSet<>();
    Matcher w = Pattern.compile("[A-Za-z_]\\w*").matcher(body);
    while (w.find()) {
      if (!exporting.contains(w.group())) continue;
      Set<Integer> which = known.get(w.group());
      if (which == null) return Optional.empty();
      Optional<List<String>> args = CTextScan.arguments(body, w.end());
      if (args.isEmpty()) return Optional.empty();
      for (int k : which) {
        if (k >= args.get().size()) return Optional.empty();
        int p = params.indexOf(args.get().get(k));
        if (p < 0 || pastedOrStringified(body, params.get(p))) return Optional.empty();
        out.add(p);
      }
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(Set.copyOf(out));
  }

  private static boolean pastedOrStringified(String body, String param) {
    String p = Pattern.quote(param);
    return Pattern.compile("##\\s*" + p + "\\b|\\b" + p + "\\s*##|(?<!#)#\\s*" + p + "\\b").matcher(body).find();
  }

  /**
   * Every file {@code c} may read as the front-end reads it: its forced includes and, for each
   * include of each file read, every file of the repository a search path could give (the
   * including file's directory, {@code c}'s and the build's {@code -I} directories), whether
   * the include is quoted or angled, in every branch.
   */
  private void indexReads(Path c) {
    CompileFlags flags = plan.flagsOf(c);
    Path dir = c.getParent();
    List<Path> search = new ArrayList<>();
    search.add(dir);
    for (Path d : flags.includeDirs()) {
      Path p = dir.resolve(d).normalize();
      if (p.startsWith(repository) && !search.contains(p)) search.add(p);
    }
    Set<Path> seen = new LinkedHashSet<>();
    Deque<Path> todo = new ArrayDeque<>();
    todo.add(c);
    for (Path f : flags.forcedIncludes()) todo.add(dir.resolve(f).normalize());
    for (Path f : flags.macroIncludes()) todo.add(dir.resolve(f).normalize());
    boolean computed = false;
    while (!todo.isEmpty()) {
      Path p = todo.pop();
      if (!p.startsWith(repository) || !seen.add(p)) continue;
      Optional<CTextScan> s = scan(p);
      if (s.isEmpty()) continue;
      if (s.get().computedInclude()) computed = true;
      for (CTextScan.Include inc : s.get().includes()) {
        List<Path> bases = new ArrayList<>();
        bases.add(p.getParent());
        bases.addAll(search);
        for (Path b : bases) {
          Path cand;
          try {
            cand = b.resolve(inc.name()).normalize();
          } catch (InvalidPathException e) {
            continue;
          }
          if (cand.startsWith(repository) && !seen.contains(cand) && Files.isRegularFile(cand)) todo.add(cand);
        }
      }
    }
    if (computed) {
      reads.put(c, Optional.empty());
      readsAnything.add(c);
    } else {
      reads.put(c, Optional.of(seen));
    }
    for (Path p : seen) if (!p.equals(c)) readers.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(c);
  }

  /** The text scan of a file, once; empty when it cannot be read (the parse says so). */
  private Optional<CTextScan> scan(Path p) {
    return scans.computeIfAbsent(p, k -> {
      try {
        if (!Files.isRegularFile(k)) return Optional.empty();
        byte[] bytes = BoundedReader.read(k, SourceText.MAX_BYTES);
        // identifiers and directives are ASCII: a Latin-1 view is a plain copy of the bytes
        return Optional.of(CTextScan.of(new String(bytes, StandardCharsets.ISO_8859_1)));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    });
  }

}
