package dev.kmodlint.compose;

import dev.kmodlint.kbuild.KbuildDirectory;
import dev.kmodlint.kbuild.KbuildReader;
import dev.kmodlint.model.KbuildModel;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SyntaxProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kbuild part of the project model: the Makefile facts of each directory read, with the
 * gates of the descents between directories ({@code obj-$(CONFIG_USB) += usb/}).
 */
final class KbuildModelBuilder {
  private KbuildModelBuilder() {}

  /**
   * The Makefile facts of the directories read. A parse problem of a Makefile is a
   * {@code kbuild/syntax} finding, so it leaves the notifications for the model.
   */
  static KbuildModel kbuild(List<KbuildDirectory> dirs) {
    Map<Path, List<Descent>> into = new HashMap<>();
    for (KbuildDirectory d : dirs) {
      for (KbuildModel.Entry e : d.entries()) {
        if (!e.directory()) continue;
        Path child = d.directory().resolve(e.name()).normalize();
        into.computeIfAbsent(child, k -> new ArrayList<>()).add(new Descent(d.directory(), e.gates()));
      }
    }
    List<KbuildModel.Makefile> out = new ArrayList<>();
    for (KbuildDirectory d : dirs) {
      if (d.makefile().isEmpty()) continue;
      List<SyntaxProblem> problems = new ArrayList<>();
      for (Notification n : d.notifications()) {
        if (n.id().equals(KbuildReader.PARSE_ERROR) && n.position().isPresent()) {
          problems.add(new SyntaxProblem(n.position().get(), n.message()));
        }
      }
      Set<String> gates = new LinkedHashSet<>();
      descentGates(d.directory(), into, gates, new HashSet<>());
      out.add(new KbuildModel.Makefile(d.directory(), d.makefile().get(), d.entries(), d.composites(), d.assignments(),
          d.configUses(), gates, d.mentioned(), d.opaque(), problems, d.extraSymbols(), d.sources()));
    }
    return new KbuildModel(out);
  }

  /** Notifications of a directory that stay notifications (parse problems become findings). */
  static List<Notification> remainingNotifications(KbuildDirectory d) {
    return d.notifications().stream()
        .filter(n -> !(n.id().equals(KbuildReader.PARSE_ERROR) && n.position().isPresent())).toList();
  }

  private record Descent(Path parent, Set<String> gates) {}

  private static void descentGates(Path dir, Map<Path, List<Descent>> into, Set<String> out, Set<Path> seen) {
    if (!seen.add(dir)) return;
    for (Descent d : into.getOrDefault(dir, List.of())) {
      out.addAll(d.gates());
      descentGates(d.parent(), into, out, seen);
    }
  }
}
