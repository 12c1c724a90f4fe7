package dev.kmodlint.kconfig;

import dev.kmodlint.text.SourceText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of each Kconfig symbol defined in the scanned tree, read line by line. Module
 * composition needs only this much: {@code obj-$(CONFIG_X) += foo.o} makes a loadable module
 * only when X can be {@code m}, i.e. X is tristate. (The full Kconfig front-end is separate.)
 */
public final class KconfigTypes {
  public enum Type { BOOL, TRISTATE, OTHER }

  private static final Pattern CONFIG = Pattern.compile("^\\s*(?:menu)?config\\s+([A-Za-z0-9_]+)\\s*$");
  private static final Pattern TYPE = Pattern.compile(
      "^\\s*(bool|boolean|tristate|def_bool|def_tristate|string|hex|int)\\b");
  private static final Pattern BLOCK_END = Pattern.compile(
      "^\\s*(?:(?:menu)?config|choice|endchoice|menu|endmenu|if|endif|source|comment|mainmenu)\\b");

  private final Map<String, Type> types;

  private KconfigTypes(Map<String, Type> types) {
    this.types = Map.copyOf(types);
  }

  public static KconfigTypes empty() {
    return new KconfigTypes(Map.of());
  }

  /** Reads every given Kconfig file; unreadable ones are skipped (the caller reports them). */
  public static KconfigTypes read(List<Path> kconfigFiles) {
    Map<String, Type> types = new HashMap<>();
    for (Path f : kconfigFiles) {
      List<String> lines;
      try {
        lines = List.of(new String(SourceText.read(f).chars()).split("\n", -1));
      } catch (IOException e) {
        continue;
      }
      String current = null;
      for (String line : lines) {
        Matcher c = CONFIG.matcher(line);
        if (c.matches()) {
          current = c.group(1);
          continue;
        }
        if (current == null) continue;
        Matcher t = TYPE.matcher(line);
        if (t.find()) {
          Type type = switch (t.group(1)) {
            case "tristate", "def_tristate" -> Type.TRISTATE;
            case "bool", "boolean", "def_bool" -> Type.BOOL;
            default -> Type.OTHER;
          };
          // a symbol defined twice as bool and tristate can still be m
          types.merge(current, type, (a, b) -> a == Type.TRISTATE || b == Type.TRISTATE ? Type.TRISTATE : a);
          current = null;
        } else if (BLOCK_END.matcher(line).find()) {
          current = null;
        }
      }
    }
    return new KconfigTypes(types);
  }

  /** Type of {@code CONFIG_FOO} or {@code FOO}; empty when no scanned Kconfig defines it. */
  public Optional<Type> typeOf(String symbol) {
    String s = symbol.startsWith("CONFIG_") ? symbol.substring(7) : symbol;
    return Optional.ofNullable(types.get(s));
  }

  public int size() {
    return types.size();
  }
}
