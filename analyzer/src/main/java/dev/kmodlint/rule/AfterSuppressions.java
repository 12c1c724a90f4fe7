package dev.kmodlint.rule;

/**
 * A rule about the run's suppressions themselves: it runs after every other rule, once their
 * findings have been matched with the {@code kmodlint-disable} comments, and reads the result
 * in {@link RuleContext#unusedSuppressions()}.
 */
public interface AfterSuppressions extends Rule {}
