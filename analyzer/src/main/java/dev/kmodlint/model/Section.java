package dev.kmodlint.model;

/**
 * The ELF section a function or object lands in, as far as section-mismatch checks care.
 * {@code annotation} is the source macro that puts it there.
 */
public enum Section {
  TEXT(".text", ""),
  DATA(".data", ""),
  RODATA(".rodata", "const"),
  READ_MOSTLY(".data..read_mostly", "__read_mostly"),
  INIT_TEXT(".init.text", "__init"),
  INIT_DATA(".init.data", "__initdata"),
  INIT_RODATA(".init.rodata", "__initconst"),
  EXIT_TEXT(".exit.text", "__exit"),
  EXIT_DATA(".exit.data", "__exitdata"),
  REF_TEXT(".ref.text", "__ref"),
  REF_DATA(".ref.data", "__refdata"),
  REF_RODATA(".ref.rodata", "__refconst");

  private final String elfName;
  private final String annotation;

  Section(String elfName, String annotation) {
    this.elfName = elfName;
    this.annotation = annotation;
  }

  public String elfName() {
    return elfName;
  }

  public String annotation() {
    return annotation;
  }

  public boolean isInit() {
    return this == INIT_TEXT || this == INIT_DATA || this == INIT_RODATA;
  }

  public boolean isExit() {
    return this == EXIT_TEXT || this == EXIT_DATA;
  }

  public boolean isRef() {
    return this == REF_TEXT || this == REF_DATA || this == REF_RODATA;
  }

  public boolean isCode() {
    return this == TEXT || this == INIT_TEXT || this == EXIT_TEXT || this == REF_TEXT;
  }
}
