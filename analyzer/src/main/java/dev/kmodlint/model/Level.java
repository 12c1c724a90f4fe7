package dev.kmodlint.model;

/** SARIF result levels, most severe first. */
public enum Level {
  ERROR, WARNING, NOTE;

  public String sarif() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True when this level is at least as severe as {@code threshold}. */
  public boolean atLeast(Level threshold) {
    return ordinal() <= threshold.ordinal();
  }
}
