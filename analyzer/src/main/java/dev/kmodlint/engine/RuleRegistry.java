package dev.kmodlint.engine;

import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleDescriptor;
import dev.kmodlint.rule.RuleProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** Every rule on the class path, in ID order, each ID once. */
public final class RuleRegistry {
  private final List<Rule> rules;

  private RuleRegistry(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static RuleRegistry of(List<Rule> rules) {
    List<Rule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparing(r -> RuleDescriptor.of(r).id()));
    Set<String> seen = new HashSet<>();
    for (Rule r : sorted) {
      String id = RuleDescriptor.of(r).id();
      if (!RuleDescriptor.ID.matcher(id).matches())
        throw new IllegalStateException("rule ID not family/kebab-name: " + id);
      if (!seen.add(id)) throw new IllegalStateException("rule ID twice: " + id);
    }
    return new RuleRegistry(sorted);
  }

  public static RuleRegistry discover() {
    List<Rule> all = new ArrayList<>();
    for (RuleProvider p : ServiceLoader.load(RuleProvider.class)) all.addAll(p.rules());
    return of(all);
  }

  public List<Rule> rules() {
    return rules;
  }

  public List<RuleDescriptor> descriptors() {
    return rules.stream().map(RuleDescriptor::of).toList();
  }
}
