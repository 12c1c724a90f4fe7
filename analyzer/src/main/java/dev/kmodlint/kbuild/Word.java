package dev.kmodlint.kbuild;

import dev.kmodlint.model.SourcePosition;

/** A whitespace-separated word of a Makefile, with where it is written. */
record Word(String text, SourcePosition position) {

  Word withText(String newText) {
    return new Word(newText, position);
  }
}
