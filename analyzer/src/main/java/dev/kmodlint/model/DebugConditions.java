package dev.kmodlint.model;

import java.util.regex.Pattern;

/**
 * The kernel's debug-only checks: macros whose condition argument is compiled out unless lockdep
 * or PROVE_RCU is on ({@code RCU_LOCKDEP_WARN(c, s)} is {@code do { } while (0 && (c))},
 * {@code hash_for_each_possible_rcu(..., cond)} hands {@code cond} to {@code __list_check_rcu()},
 * which drops it). That is why {@code lockdep_is_held()} is declared but defined nowhere without
 * CONFIG_LOCKDEP, and why a static inline function only such a condition calls is never emitted.
 */
public final class DebugConditions {
  private DebugConditions() {}

  private static final Pattern MACROS = Pattern.compile(
      "rcu_dereference\\w*|srcu_dereference\\w*|rcu_replace_pointer|rcu_access_pointer|rcu_swap_protected"
          + "|lockdep_\\w+|RCU_LOCKDEP_WARN|hlist_for_each_entry_rcu|list_for_each_entry_rcu|list_first_or_null_rcu"
          + "|hlist_for_each_entry_srcu|list_for_each_entry_srcu|hash_for_each_possible_rcu\\w*|hash_for_each_rcu");

  /** True when {@code macro}'s arguments are such a condition: what they name never reaches the object. */
  public static boolean drops(String macro) {
    return !macro.isEmpty() && MACROS.matcher(macro).matches();
  }
}
