package dev.kmodlint.cli;

import dev.kmodlint.engine.Resident;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a command runs: the working directory, the environment variables it reads, whether
 * its stdout and stderr are terminals, and what a long-lived process keeps between runs.
 * Standalone these are the process's own; in {@code kmodlint server} they are the client's,
 * so that the server answers what the client would have printed.
 */
abstract class Invocation {
  /** Environment variables a check reads (the client passes these to the server). */
  static final java.util.List<String> ENVIRONMENT = java.util.List.of("NO_COLOR", "TERM", "KMODLINT_STATS",
      "KMODLINT_DEBUG");

  private String declined;

  /** The working directory relative paths of the command line are against. */
  abstract Path cwd();

  /** {@code p} as this process must open it. */
  abstract Path resolve(Path p);

  abstract String env(String name);

  abstract boolean stdoutTerminal();

  abstract boolean stderrTerminal();

  abstract Resident resident();

  /** True inside {@code kmodlint server}: the check is run here, never sent on. */
  abstract boolean inServer();

  /** Set by a command the server cannot run as the client would: the client runs it itself. */
  final void decline(String why) {
    declined = why;
  }

  final String declined() {
    return declined;
  }

  /** True when a server was asked already, before the command line was parsed: check does not ask again. */
  boolean serverAsked() {
    return false;
  }

  /** The process's own; {@code serverAsked}: see {@link #serverAsked()}. */
  static Invocation standalone(boolean serverAsked) {
    return new Invocation() {
      @Override
      boolean serverAsked() {
        return serverAsked;
      }

      @Override
      Path cwd() {
        return Path.of("");
      }

      @Override
      Path resolve(Path p) {
        return p;
      }

      @Override
      String env(String name) {
        return System.getenv(name);
      }

      @Override
      boolean stdoutTerminal() {
        return Terminal.isInteractive();
      }

      @Override
      boolean stderrTerminal() {
        return ProgressReporter.stderrIsTerminal();
      }

      @Override
      Resident resident() {
        return Resident.NONE;
      }

      @Override
      boolean inServer() {
        return false;
      }
    };
  }

  /** A client's, inside the server; {@code resident} is what the server keeps. */
  static Invocation client(Path cwd, Map<String, String> env, boolean stdoutTerminal, boolean stderrTerminal,
      Resident resident) {
    Path dir = cwd.toAbsolutePath().normalize();
    Map<String, String> vars = Map.copyOf(env);
    return new Invocation() {
      @Override
      Path cwd() {
        return dir;
      }

      @Override
      Path resolve(Path p) {
        return dir.resolve(p);
      }

      @Override
      String env(String name) {
        return vars.get(name);
      }

      @Override
      boolean stdoutTerminal() {
        return stdoutTerminal;
      }

      @Override
      boolean stderrTerminal() {
        return stderrTerminal;
      }

      @Override
      Resident resident() {
        return resident;
      }

      @Override
      boolean inServer() {
        return true;
      }
    };
  }
}
