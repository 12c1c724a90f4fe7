package dev.kmodlint.kbuild;

import dev.kmodlint.model.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/**
 * One make variable in every world at once. {@code value} holds raw pieces (recursive
 * {@code =}: expanded at each use) and expanded ones (simple {@code :=}); a variable can hold
 * both after a conditional assigned it with different flavours. {@code definedWhen} is a
 * disjunction of the worlds where it is defined ({@code [TRUE]} for always), which
 * {@code ?=}, {@code ifdef}, {@code $(origin)} and {@code $(flavor)} need.
 * {@code assignedAt} are the places of the assignments, in order.
 */
record MakeVariable(Flavor flavor, Origin origin, MakeText value, List<Guard> definedWhen,
    List<SourcePosition> assignedAt) {

  enum Flavor {
    RECURSIVE("recursive"), SIMPLE("simple"), MIXED("recursive");

    final String makeName;

    Flavor(String makeName) {
      this.makeName = makeName;
    }
  }

  /** As {@code $(origin)} names them. */
  enum Origin {
    DEFAULT("default"), ENVIRONMENT("environment"), FILE("file"), COMMAND_LINE("command line"),
    OVERRIDE("override"), AUTOMATIC("automatic");

    final String makeName;

    Origin(String makeName) {
      this.makeName = makeName;
    }
  }

  static final List<Guard> ALWAYS = List.of(Guard.TRUE);

  MakeVariable {
    definedWhen = List.copyOf(definedWhen);
    assignedAt = List.copyOf(assignedAt);
  }

  static MakeVariable simple(Origin origin, MakeText value) {
    return new MakeVariable(Flavor.SIMPLE, origin, value, ALWAYS, List.of());
  }

  boolean alwaysDefined() {
    for (Guard g : definedWhen) if (g.isTrue()) return true;
    return false;
  }

  MakeVariable withValue(Flavor f, Origin o, MakeText v, SourcePosition at) {
    List<SourcePosition> places = assignedAt;
    if (at != null) {
      places = new ArrayList<>(assignedAt);
      places.add(at);
    }
    return new MakeVariable(f, o, v, ALWAYS, places);
  }
}
