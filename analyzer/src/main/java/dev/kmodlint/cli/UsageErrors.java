package dev.kmodlint.cli;

import dev.kmodlint.rule.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * The one line a usage error prints, with a "did you mean" for a misspelt command or option
 * ({@code kmodlint chek} -> {@code check}, {@code --verbos} -> {@code --verbose}), and the
 * command whose help to read.
 */
final class UsageErrors {
  private UsageErrors() {}

  static String describe(CommandLine.ParameterException ex) {
    CommandLine where = ex.getCommandLine();
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      if (arg.startsWith("-")) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        return "unknown option '" + name + "'" + Suggestions.didYouMean(name, optionNames(where));
      }
      if (!where.getSubcommands().isEmpty()) {
        return "unknown command '" + arg + "'" + Suggestions.didYouMean(arg, where.getSubcommands().keySet())
            + "; the commands are " + String.join(", ", new TreeSet<>(where.getSubcommands().keySet()));
      }
    }
    return ex.getMessage();
  }

  /** {@code Try 'kmodlint check --help' ...}: the command the error is about, named as typed. */
  static String tryHelp(CommandLine.ParameterException ex) {
    return "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.";
  }

  private static List<String> optionNames(CommandLine where) {
    List<String> names = new ArrayList<>();
    for (CommandLine.Model.OptionSpec o : where.getCommandSpec().options()) {
      for (String n : o.names()) if (n.startsWith("--")) names.add(n);
    }
    return names;
  }
}
