package dev.kmodlint.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Facts extracted from one C source or header. No parser type leaks in here. {@code parsed}
 * is false when the front-end gave up on the file (the reason is a notification).
 */
public record SourceFile(
    Path path,
    Kind kind,
    boolean parsed,
    Optional<SpdxTag> spdx,
    List<ModInfo> modInfo,
    List<EntryPoint> entryPoints,
    List<Path> localIncludes,
    Code code) {

  public enum Kind { C, HEADER, ASSEMBLY }

  public SourceFile {
    modInfo = List.copyOf(modInfo);
    entryPoints = List.copyOf(entryPoints);
    localIncludes = List.copyOf(localIncludes);
  }

  public static SourceFile unparsed(Path path, Kind kind, Optional<SpdxTag> spdx) {
    return new SourceFile(path, kind, false, spdx, List.of(), List.of(), List.of(), Code.EMPTY);
  }

  public List<ModInfo> modInfo(String tag) {
    return modInfo.stream().filter(m -> m.tag().equals(tag)).toList();
  }

  public boolean declaresModule() {
    return !entryPoints.isEmpty() || !modInfo("license").isEmpty();
  }
}
