package dev.kmodlint.rule;

import java.util.List;

/** The explicit list of rules a rule set offers, found with {@link java.util.ServiceLoader}. */
public interface RuleProvider {
  List<Rule> rules();
}
