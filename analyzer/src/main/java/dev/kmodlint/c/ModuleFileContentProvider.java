package dev.kmodlint.c;

import dev.kmodlint.text.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.cdt.core.index.IIndexFileLocation;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.internal.core.parser.IMacroDictionary;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContent;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContentProvider;

/**
 * Serves the prelude and the local headers of a module to CDT's preprocessor. Only files
 * inside the scanned tree are served: {@code <linux/...>} and anything else outside stays
 * unresolved, so the analysis never depends on what happens to be installed.
 */
final class ModuleFileContentProvider extends InternalFileContentProvider {
  static final String PRELUDE_PATH = "/__kmodlint__/kernel-prelude.h";

  private final Path scanRoot;
  private final String prelude;
  private final Map<String, SourceText> texts;
  private final java.util.Set<Path> absent = new java.util.HashSet<>();
  private final Map<String, String> synthetic;
  private final ContextPreprocessor context;
  private HeaderSearch search;

  /** {@code texts} is filled as headers are read; the caller uses it to place nodes. */
  ModuleFileContentProvider(Path scanRoot, String prelude, Map<String, SourceText> texts) {
    this(scanRoot, prelude, texts, Map.of(), null);
  }

  /**
   * With a preprocessor context: {@code synthetic} are its macro files (path to text), and
   * {@code context} is told of every file read so that it defines the kernel macros the file names.
   */
  ModuleFileContentProvider(Path scanRoot, String prelude, Map<String, SourceText> texts,
      Map<String, String> synthetic, ContextPreprocessor context) {
    this.scanRoot = scanRoot;
    this.prelude = prelude;
    this.texts = texts;
    this.synthetic = synthetic;
    this.context = context;
  }

  /** The prelude and the context's macro files: kmodlint's own, never part of the tree. */
  static boolean isSynthetic(String path) {
    return path != null && path.startsWith(ContextPreprocessor.DIR);
  }

  /** Decides the {@code __has_include}s of every header read from now on. */
  void search(HeaderSearch s) {
    this.search = s;
  }

  /** Paths in the scanned tree an include looked for and did not find. */
  java.util.Set<Path> absent() {
    return absent;
  }

  @Override
  public boolean getInclusionExists(String path) {
    if (PRELUDE_PATH.equals(path) || synthetic.containsKey(path)) return true;
    Path p = Path.of(path).normalize();
    if (!p.startsWith(scanRoot)) return false;
    boolean exists = Files.isRegularFile(p) && Files.isReadable(p);
    if (!exists) absent.add(p);
    return exists;
  }

  @Override
  public InternalFileContent getContentForInclusion(String path, IMacroDictionary macros) {
    if (PRELUDE_PATH.equals(path))
      return (InternalFileContent) FileContent.create(path, prelude.toCharArray());
    String made = synthetic.get(path);
    if (made != null) {
      if (context != null && path.equals(ContextPreprocessor.KERNEL_MACROS)) context.mainFile(macros);
      return (InternalFileContent) FileContent.create(path, made.toCharArray());
    }
    if (!getInclusionExists(path)) return null;
    Path p = Path.of(path).normalize();
    SourceText text = texts.computeIfAbsent(p.toString(), k -> {
      try {
        return SourceText.read(p);
      } catch (IOException e) {
        return null;
      }
    });
    if (text == null || text.binary()) return null;
    if (context != null) context.fileRead(p.toString(), text.chars(), macros);
    char[] chars = search == null ? text.chars() : search.rewrite(p, text);
    return (InternalFileContent) FileContent.create(p.toString(), chars);
  }

  @Override
  public InternalFileContent getContentForInclusion(IIndexFileLocation ifl, String astPath) {
    return getContentForInclusion(astPath, null);
  }
}
