package dev.kmodlint.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void distanceCountsASwapAsOneEdit() {
    assertEquals(0, Suggestions.distance("check", "check"));
    assertEquals(1, Suggestions.distance("chek", "check"));
    assertEquals(1, Suggestions.distance("chekc", "check"), "a swapped pair");
    assertEquals(1, Suggestions.distance("world-writeable", "world-writable"));
    assertEquals(5, Suggestions.distance("", "check"));
  }

  @Test
  void theNearestNameWithinTheToleranceOfItsLength() {
    List<String> commands = List.of("check", "deps", "index", "info", "install-hook", "rules");
    assertEquals(Optional.of("check"), Suggestions.nearest("chek", commands));
    assertEquals(Optional.of("check"), Suggestions.nearest("CHECK", commands), "case is ignored");
    assertEquals(Optional.of("info"), Suggestions.nearest("inof", commands));
    assertEquals(Optional.empty(), Suggestions.nearest("lint", commands), "info is two edits from a short word");
    assertEquals(Optional.empty(), Suggestions.nearest("check", commands), "a name that exists needs no suggestion");
    assertEquals(" (did you mean 'param/world-writable'?)", Suggestions.didYouMean("param/world-writeable",
        Set.of("param/world-writable", "param/duplicate", "param")));
    assertEquals("", Suggestions.didYouMean("frobnicate", commands));
  }

  @Test
  void oneEditAwayFindsEveryNeighbourInALargeSet() {
    Set<String> known = Set.of("DEBUG_FS", "DEBUG_KERNEL", "USB", "USB4", "USBIP");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
    assertEquals(List.of("DEBUG_FS"), Suggestions.oneEditAway("DEBUG_FSS", alphabet, known::contains), "a deletion");
    assertEquals(List.of("DEBUG_FS"), Suggestions.oneEditAway("DEBUG_F", alphabet, known::contains), "an insertion");
    assertEquals(List.of("DEBUG_FS"), Suggestions.oneEditAway("DEBUG_SF", alphabet, known::contains), "a swap");
    assertEquals(List.of("DEBUG_FS"), Suggestions.oneEditAway("DEBUG_XS", alphabet, known::contains), "a substitution");
    assertEquals(List.of("USB", "USB4"), Suggestions.oneEditAway("USB5", alphabet, known::contains));
    assertEquals(List.of(), Suggestions.oneEditAway("DEBUG", alphabet, known::contains), "three edits away");
  }
}
