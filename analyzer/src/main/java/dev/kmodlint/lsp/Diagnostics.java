package dev.kmodlint.lsp;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.report.Tool;
import dev.kmodlint.rule.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;

/**
 * Findings as LSP diagnostics: the finding's region, its level as the severity, the rule id
 * as {@code code} with the rule's page as {@code codeDescription}, its related places and the
 * steps of its flow as {@code relatedInformation}. Notifications about a place (a Makefile
 * line kmodlint cannot follow, a file it cannot parse) are diagnostics too, under their id.
 */
final class Diagnostics {
  static final String SOURCE = "kmodlint";

  private Diagnostics() {}

  static Diagnostic of(Finding f, Function<Path, String> uri) {
    Diagnostic d = new Diagnostic(Positions.range(f.position()), f.qualifiedMessage(), severity(f.level()), SOURCE,
        f.ruleId());
    d.setCodeDescription(new DiagnosticCodeDescription(Tool.helpUri(f.ruleId())));
    List<DiagnosticRelatedInformation> related = new ArrayList<>();
    for (Finding.Related r : f.related()) related.add(related(r.position(), r.message(), uri));
    int step = 1;
    for (Finding.Related r : f.flow()) related.add(related(r.position(), "step " + step++ + ": " + r.message(), uri));
    if (!related.isEmpty()) d.setRelatedInformation(related);
    return d;
  }

  /** Notifications worth a squiggle: at a place, and a warning or an error. */
  static boolean shown(Notification n) {
    return n.position().isPresent() && n.level() != Level.NOTE;
  }

  static Diagnostic of(Notification n) {
    return new Diagnostic(Positions.range(n.position().get()), n.message(), severity(n.level()), SOURCE, n.id());
  }

  static DiagnosticSeverity severity(Level level) {
    return switch (level) {
      case ERROR -> DiagnosticSeverity.Error;
      case WARNING -> DiagnosticSeverity.Warning;
      case NOTE -> DiagnosticSeverity.Information;
    };
  }

  private static DiagnosticRelatedInformation related(SourcePosition p, String message, Function<Path, String> uri) {
    return new DiagnosticRelatedInformation(new Location(uri.apply(p.file()), Positions.range(p)), message);
  }
}
