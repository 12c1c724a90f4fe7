package dev.kmodlint.c;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.text.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the build's preprocessor looks for a header, for {@code __has_include} ({@link HasInclude}):
 * the directory of the file that asks (for {@code "name"}), the {@code -I} directories of the
 * object inside the scanned tree, then the target kernel's include path, whose headers the header
 * index lists. A directory outside the tree is never read: a header kmodlint finds in none of the
 * others may be there, and that is unknown. One per parse; it remembers the files it looked for,
 * found or not, since the facts of the parse depend on them.
 */
final class HeaderSearch {
  private final Path scanRoot;
  private final List<Path> includeDirs;
  private final List<Path> outsideDirs;
  private final Optional<KernelHeaders> headers;
  private final String noKernelWhy;
  private final List<Path> found = new ArrayList<>();
  private final Set<Path> absent;
  private final Map<String, Notification> unknown = new LinkedHashMap<>();

  /**
   * {@code includeDirs}: the object's {@code -I} directories in the tree, in order;
   * {@code outsideDirs}: those outside it; {@code absent} collects the files of the tree looked
   * for and not found (the parse's, so that one made later invalidates its cached facts).
   */
  HeaderSearch(Path scanRoot, List<Path> includeDirs, List<Path> outsideDirs, Optional<KernelHeaders> headers,
      Set<Path> absent) {
    this.scanRoot = scanRoot;
    this.includeDirs = List.copyOf(includeDirs);
    this.outsideDirs = List.copyOf(outsideDirs);
    this.headers = headers;
    this.noKernelWhy = headers.isEmpty() ? "the target kernel's headers are unknown (no header index)"
        : "the header index does not list the kernel's headers (made by an older kmodlint)";
    this.absent = absent;
  }

  /** {@code text} of {@code file} as CDT is to read it, its {@code __has_include}s decided. */
  char[] rewrite(Path file, SourceText text) {
    HasInclude.Result r = HasInclude.rewrite(text.chars(), (name, angled, next) -> find(file, name, angled, next));
    for (HasInclude.Unknown u : r.unknown()) {
      unknown.putIfAbsent(file + ":" + u.offset(), Notification.at("has-include-unknown", Level.WARNING,
          u.text().replaceAll("\\s+", " ") + ": kmodlint cannot tell whether the build finds this header (" + u.why()
              + "), and takes it as not found",
          text.position(u.offset(), u.length())));
    }
    return r.text();
  }

  /** The files of the tree a {@code __has_include} found. */
  List<Path> found() {
    return found;
  }

  /** One notification for each {@code __has_include} that could not be decided, in the order met. */
  List<Notification> notifications() {
    return List.copyOf(unknown.values());
  }

  private HasInclude.Answer find(Path file, String name, boolean angled, boolean next) {
    List<Path> dirs = new ArrayList<>();
    Path own = file.getParent();
    if (!angled && !next) dirs.add(own);
    List<Path> chain = includeDirs;
    if (next) {
      // gcc goes on after the directory the current file was found in (in the main file, from the first)
      int k = -1;
      for (int i = 0; i < chain.size(); i++) if (file.startsWith(chain.get(i))) k = i;
      if (k >= 0) chain = chain.subList(k + 1, chain.size());
    }
    dirs.addAll(chain);
    String outside = null;
    for (Path d : dirs) {
      Path p = d.resolve(name).normalize();
      if (!p.startsWith(scanRoot)) {
        if (outside == null) outside = p + " is outside the scanned tree";
        continue;
      }
      if (Files.isRegularFile(p)) {
        if (!found.contains(p)) found.add(p);
        return HasInclude.Answer.FOUND;
      }
      absent.add(p);
    }
    Optional<Boolean> inKernel = headers.flatMap(h -> h.hasHeader(name));
    if (inKernel.orElse(false)) return HasInclude.Answer.FOUND;
    if (outside == null && !outsideDirs.isEmpty())
      outside = "-I" + outsideDirs.get(0) + " is outside the scanned tree, which is all kmodlint reads";
    if (outside != null) return HasInclude.Answer.unknown(outside);
    if (inKernel.isEmpty())
      return HasInclude.Answer.unknown(headers.isPresent() && name.contains("..")
          ? "a name with .. that the header index does not judge" : noKernelWhy);
    return HasInclude.Answer.ABSENT;
  }
}
