package dev.kmodlint.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is a terminal, which decides {@code --color auto}. */
final class Terminal {
  private Terminal() {}

  static boolean isInteractive() {
    Console console = System.console();
    if (console == null) return false;
    // from Java 22 System.console() exists even when redirected; isTerminal() then tells
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
