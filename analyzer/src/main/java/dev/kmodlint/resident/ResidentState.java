package dev.kmodlint.resident;

import dev.kmodlint.cache.FactCache;
import dev.kmodlint.engine.AnalysisOptions;
import dev.kmodlint.engine.Analyzer;
import dev.kmodlint.engine.Resident;
import dev.kmodlint.kernel.KernelDatabase;
import dev.kmodlint.model.Notification;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code kmodlint server} and {@code kmodlint lsp} keep in memory between the analyses
 * they run: the facts of every file seen (in front of the on-disk fact cache, validated the
 * same way: by the content hash of the file and of every header it read) and each kernel
 * database read, handed to the next run only while every file it was read from has the same
 * content: {@code --symvers} files, and under {@code --kdir} its {@code Module.symvers},
 * {@code .config}, module lists, {@code include/generated}, and the header indexes of the
 * index cache. Nothing depends on a file system watch: every call looks again.
 */
public final class ResidentState implements Resident {
  /** Files of a build directory a kernel database may read. */
  private static final List<String> KDIR_FILES = List.of("Module.symvers", ".config", "modules.order",
      "modules.builtin", "modules.builtin.modinfo", "include/config/kernel.release", "include/config/auto.conf",
      "Makefile");
  /** Directories whose files (not subdirectories) it may read; include/config holds one file per symbol, unread. */
  private static final List<String> KDIR_DIRECTORIES = List.of("include/generated");

  private final FactCache.Memory facts = new FactCache.Memory();
  private final Map<String, Kernel> kernels = new HashMap<>();
  private int kernelsRead;

  /** A database, the fingerprint of the files it was read from, and what creating it told. */
  private record Kernel(String fingerprint, KernelDatabase database, List<Notification> notes) {}

  @Override
  public FactCache factCache(Path dir, String analyzerBuild, String options) throws IOException {
    return new FactCache(dir, analyzerBuild, options, facts);
  }

  @Override
  public synchronized KernelDatabase kernelDatabase(AnalysisOptions options, List<Notification> notes)
      throws IOException {
    // as given and absolute: the path as given is part of the database's description
    StringBuilder key = new StringBuilder();
    options.kdir().ifPresent(k -> key.append("kdir ").append(k).append(" = ").append(k.toAbsolutePath()));
    options.embeddedKernel().ifPresent(k -> key.append("kernel ").append(k));
    for (Path s : options.symvers()) key.append("\nsymvers ").append(s).append(" = ").append(s.toAbsolutePath());
    String fingerprint = fingerprint(options);
    Kernel k = kernels.get(key.toString());
    if (k != null && k.fingerprint().equals(fingerprint)) {
      notes.addAll(k.notes());
      return k.database().forAnotherRun();
    }
    List<Notification> told = new ArrayList<>();
    KernelDatabase made = Analyzer.kernelDatabase(options, told);
    kernelsRead++;
    kernels.put(key.toString(), new Kernel(fingerprint, made, List.copyOf(told)));
    notes.addAll(told);
    return made.forAnotherRun();
  }

  /** Kernel databases read so far (a new one for every change of the files one is read from). */
  public synchronized int kernelsRead() {
    return kernelsRead;
  }

  /** Facts held in memory. */
  public int factsHeld() {
    return facts.size();
  }

  /** The content of every file a database of {@code options} may be read from. */
  static String fingerprint(AnalysisOptions options) {
    Map<String, String> files = new TreeMap<>();
    for (Path s : options.symvers()) files.put(s.toAbsolutePath().toString(), hash(s.toAbsolutePath()));
    if (options.kdir().isPresent()) {
      Path kdir = options.kdir().get().toAbsolutePath();
      try {
        files.put("real path of " + kdir, kdir.toRealPath().toString());
      } catch (IOException e) {
        files.put("real path of " + kdir, "none");
      }
      for (String f : KDIR_FILES) files.put(kdir.resolve(f).toString(), hash(kdir.resolve(f)));
      for (String d : KDIR_DIRECTORIES) hashDirectory(kdir.resolve(d), files);
      hashDirectory(KernelDatabase.defaultIndexCache(), files);
    }
    StringBuilder sb = new StringBuilder();
    files.forEach((f, h) -> sb.append(f).append('\t').append(h).append('\n'));
    return sb.toString();
  }

  /** The regular files directly in {@code dir} (the index cache: only its header indexes). */
  private static void hashDirectory(Path dir, Map<String, String> files) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        boolean indexCache = dir.equals(KernelDatabase.defaultIndexCache());
        if (indexCache && !name.startsWith("header-index")) continue;
        if (Files.isRegularFile(p)) files.put(p.toString(), hash(p));
      }
    } catch (IOException e) {
      files.put(dir.toString(), "unlistable");
    }
  }

  private static String hash(Path p) {
    try {
      return FactCache.contentHash(Files.readAllBytes(p));
    } catch (NoSuchFileException e) {
      return "absent";
    } catch (IOException e) {
      return "unreadable";
    }
  }
}
