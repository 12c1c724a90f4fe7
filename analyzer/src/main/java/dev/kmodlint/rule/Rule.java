package dev.kmodlint.rule;

/**
 * One check. Rules read the model through the context and report through it: they never
 * parse, touch the file system or print. Implementations carry {@link RuleInfo}.
 */
public interface Rule {
  void check(RuleContext context);
}
