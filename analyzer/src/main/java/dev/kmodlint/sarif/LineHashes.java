package dev.kmodlint.sarif;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub's {@code primaryLocationLineHash}: a port of {@code hash()} in github/codeql-action
 * {@code src/fingerprints.ts}. It must stay bit-for-bit identical to that code, because
 * GitHub code scanning matches alerts across commits by this value; a result we fingerprint
 * differently from codeql-action would show up as a new alert.
 *
 * <p>Each line is hashed over the next 100 characters of the file counted from its start,
 * after dropping spaces and tabs and turning every line ending into {@code \n}, so
 * re-indenting or changing CRLF to LF keeps the hash, while editing the line or the ones
 * right after it changes it. Characters are UTF-16 code units, as in JavaScript. The hash is
 * printed as unsigned hex without zero padding (as JavaScript's {@code toString(16)} does),
 * followed by {@code :n}, where n counts earlier lines of the file with the same hash.
 */
final class LineHashes {
  private static final int BLOCK_SIZE = 100;
  private static final long MOD = 37;
  private static final long FIRST_MOD = power(MOD, BLOCK_SIZE);
  /** codeql-action feeds this after the last character, so the end of file is part of the hash. */
  private static final char EOF = 65535;

  private final char[] window = new char[BLOCK_SIZE];
  /** Line number starting at the same window slot, or -1. */
  private final int[] lineStarts = new int[BLOCK_SIZE];
  private final Map<String, Integer> counts = new HashMap<>();
  private final List<String> hashes = new ArrayList<>();
  private long hash;
  private int index;
  private int lineNumber;
  private boolean lineStart = true;
  private boolean prevCr;

  private LineHashes() {
    Arrays.fill(lineStarts, -1);
  }

  /** The hash of every line of {@code content}; element {@code i} is line {@code i + 1}. */
  static List<String> of(CharSequence content) {
    LineHashes h = new LineHashes();
    for (int i = 0; i < content.length(); i++) h.process(content.charAt(i));
    h.process(EOF);
    for (int i = 0; i < BLOCK_SIZE; i++) {
      if (h.lineStarts[h.index] != -1) h.output();
      h.update('\0');
    }
    return List.copyOf(h.hashes);
  }

  private void process(char c) {
    if (c == ' ' || c == '\t' || (prevCr && c == '\n')) {
      prevCr = false;
      return;
    }
    prevCr = c == '\r';
    if (prevCr) c = '\n';
    if (lineStarts[index] != -1) output();
    if (lineStart) {
      lineStart = false;
      lineStarts[index] = ++lineNumber;
    }
    if (c == '\n') lineStart = true;
    update(c);
  }

  private void update(char c) {
    char begin = window[index];
    window[index] = c;
    hash = MOD * hash + c - FIRST_MOD * begin;
    index = (index + 1) % BLOCK_SIZE;
  }

  /** Lines complete in order, so the n-th output belongs to line n. */
  private void output() {
    String value = Long.toHexString(hash);
    int n = counts.merge(value, 1, Integer::sum);
    hashes.add(value + ":" + n);
    lineStarts[index] = -1;
  }

  private static long power(long base, int exponent) {
    long r = 1;
    for (int i = 0; i < exponent; i++) r *= base;
    return r;
  }
}
