package dev.kmodlint.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@code modprobe.d/*.conf} or {@code modules-load.d/*.conf} file: its commands in file
 * order and the lines kmod (or systemd-modules-load) would reject. A modules-load.d file has
 * one {@code load} command per module name.
 */
public record ModprobeFile(Path file, Kind kind, List<Command> commands, List<SyntaxProblem> syntaxProblems) {

  public enum Kind { MODPROBE_D, MODULES_LOAD_D }

  public ModprobeFile {
    commands = List.copyOf(commands);
    syntaxProblems = List.copyOf(syntaxProblems);
  }

  /**
   * One command: {@code name} is {@code options}, {@code alias}, {@code blacklist},
   * {@code install}, {@code remove}, {@code softdep} or {@code load} (a modules-load.d line).
   * {@code module} is the module the command is about (for {@code alias}, the module the alias
   * resolves to; {@code pattern} is then the alias itself). {@code options} are the
   * {@code name=value} words of {@code options}; {@code dependencies} the modules of
   * {@code softdep}'s {@code pre:}/{@code post:} lists.
   */
  public record Command(String name, SourcePosition position, Optional<ModuleName> module,
      Optional<ModuleName> pattern, List<Option> options, List<ModuleName> dependencies) {
    public Command {
      options = List.copyOf(options);
      dependencies = List.copyOf(dependencies);
    }
  }

  /**
   * A module name as written and as kmod compares it ({@code -} read as {@code _}).
   */
  public record ModuleName(String text, SourcePosition position) {
    public String normalized() {
      return normalize(text);
    }

    /** kmod's modname normalisation: dashes are underscores. */
    public static String normalize(String name) {
      return name.replace('-', '_');
    }
  }

  /**
   * {@code name=value} of an {@code options} line, as the kernel's {@code next_arg} splits it:
   * {@code value} is empty for a bare {@code name}, surrounding double quotes are removed.
   */
  public record Option(String name, Optional<String> value, SourcePosition position, SourcePosition valuePosition) {
    /** The kernel compares parameter names with {@code -} and {@code _} equal ({@code parameq}). */
    public String normalizedName() {
      return name.replace('-', '_');
    }
  }
}
