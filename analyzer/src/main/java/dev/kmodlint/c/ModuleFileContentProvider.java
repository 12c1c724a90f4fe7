package dev.kmodlint.c;

import dev.kmodlint.text.SourceText;
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
  private final HeaderTexts headers;
  private final Map<String, HeaderTexts.Header> headersRead = new java.util.HashMap<>();
  private final java.util.Set<Path> absent = new java.util.HashSet<>();
  private final Map<String, String> synthetic;
  private final ContextPreprocessor context;
  private HeaderSearch search;

  /**
   * {@code texts} is filled as headers are read; the caller uses it to place nodes. The headers'
   * texts come from {@code headers}, the run's.
   */
  ModuleFileContentProvider(Path scanRoot, String prelude, Map<String, SourceText> texts, HeaderTexts headers) {
    this(scanRoot, prelude, texts, headers, Map.of(), null);
  }

  /**
   * With a preprocessor context: {@code synthetic} are its macro files (path to text), and
   * {@code context} is told of every file read so that it defines the kernel macros the file names.
   */
  ModuleFileContentProvider(Path scanRoot, String prelude, Map<String, SourceText> texts, HeaderTexts headers,
      Map<String, String> synthetic, ContextPreprocessor context) {
    this.scanRoot = scanRoot;
    this.prelude = prelude;
    this.texts = texts;
    this.headers = headers;
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
    String key = p.toString();
    HeaderTexts.Header header = headersRead.get(key);
    SourceText text = texts.get(key);
    if (text == null) {
      header = headers.get(p);
      if (header == null) return null;
      text = header.text;
      texts.put(key, text);
      headersRead.put(key, header);
    }
    if (text.binary()) return null;
    // the __has_include()s of a text are decided for this file's include path: a rewritten text
    // is this parse's own, one without them is the run's
    char[] rewritten = search == null ? text.chars() : search.rewrite(p, text);
    if (header == null) {
      // the main file, included by itself or by one of its headers
      if (context != null) context.fileRead(key, text.chars(), macros);
      return (InternalFileContent) FileContent.create(key, rewritten);
    }
    if (context != null) context.fileRead(key, header, macros);
    if (rewritten != text.chars()) return (InternalFileContent) FileContent.create(key, rewritten);
    return new InternalFileContent(key, header.chars);
  }

  /** The headers this parse read, by path: their texts are also in the caller's {@code texts}. */
  Map<String, HeaderTexts.Header> headersRead() {
    return headersRead;
  }

  @Override
  public InternalFileContent getContentForInclusion(IIndexFileLocation ifl, String astPath) {
    return getContentForInclusion(astPath, null);
  }
}
