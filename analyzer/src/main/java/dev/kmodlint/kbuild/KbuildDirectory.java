package dev.kmodlint.kbuild;

import dev.kmodlint.model.BuildMode;
import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Notification;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Kbuild builds in one directory. {@code makefile} is the file read ({@code Kbuild}
 * preferred over {@code Makefile}), empty when the directory has neither.
 * {@code notifications} carry parse problems (the rest of the file is still used) and what the
 * evaluation could not follow. {@code entries}, {@code composites}, {@code assignments},
 * {@code configUses}, {@code mentioned}, {@code opaque} and {@code extraSymbols} are what
 * {@link KbuildModel.Makefile} says of them.
 *
 * <p>{@code sources}: the C and assembly files of the directory the Makefile may build: the
 * sources of every object its lists name in any configuration it evaluates, and those whose
 * name it writes anywhere (a branch not taken, a host program); a C file of the directory
 * outside it is built by nothing here. {@code unknownWords}: words of object lists whose value
 * kmodlint cannot know ({@code $(shell ...)}): counted, never dropped in silence.
 * {@code subdirCcflags}: the {@code subdir-ccflags-y} words that reach the directories below
 * (the parents' included). {@code files}: the Makefile and the files it includes, as read.
 * {@code includedBy}: the directory above whose Makefile includes this one's (it is then read
 * here out of the context it is written for, and says nothing of what it could not follow).
 */
public record KbuildDirectory(
    Path directory,
    Optional<Path> makefile,
    List<KbuildModule> modules,
    List<Notification> notifications,
    List<KbuildModel.Entry> entries,
    List<KbuildModel.Composite> composites,
    List<KbuildModel.Assignment> assignments,
    List<KbuildModel.ConfigUse> configUses,
    Set<String> mentioned,
    boolean opaque,
    List<Path> extraSymbols,
    Set<Path> sources,
    int unknownWords,
    List<String> subdirCcflags,
    List<Path> files,
    Optional<Path> includedBy) {

  public KbuildDirectory {
    modules = List.copyOf(modules);
    notifications = List.copyOf(notifications);
    entries = List.copyOf(entries);
    composites = List.copyOf(composites);
    assignments = List.copyOf(assignments);
    configUses = List.copyOf(configUses);
    mentioned = Collections.unmodifiableSortedSet(new TreeSet<>(mentioned));
    extraSymbols = List.copyOf(extraSymbols);
    sources = Collections.unmodifiableSortedSet(new TreeSet<>(sources));
    subdirCcflags = List.copyOf(subdirCcflags);
    files = List.copyOf(files);
  }

  public KbuildDirectory(Path directory, Optional<Path> makefile, List<KbuildModule> modules,
      List<Notification> notifications) {
    this(directory, makefile, modules, notifications, List.of(), List.of(), List.of(), List.of(), Set.of(), false,
        List.of(), Set.of(), 0, List.of(), List.of(), Optional.empty());
  }

  /** True when the Makefile makes some loadable module (obj-m, or obj-$(CONFIG_X)). */
  public boolean buildsModules() {
    for (KbuildModule m : modules) if (m.buildMode() != BuildMode.BUILTIN) return true;
    return false;
  }
}
