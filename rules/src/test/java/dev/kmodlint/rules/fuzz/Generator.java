package dev.kmodlint.rules.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded hostile content for every file type kmodlint reads. Each generator starts from
 * fragments of the real syntax (so that the readers get past their first line) and mixes in
 * what breaks readers: garbage bytes, NUL, lone CR and CRLF, a byte-order mark, invalid UTF-8,
 * terminal escapes, very long lines, unbalanced and deeply nested constructs, truncation.
 * The same seed gives the same bytes.
 */
final class Generator {
  private final Random random;

  Generator(long seed) {
    this.random = new Random(seed);
  }

  private static final List<String> C_FRAGMENTS = List.of(
      "#include <linux/module.h>\n", "#include \"local.h\"\n", "#include \"", "#if LINUX_VERSION_CODE >= KERNEL_VERSION(5,", "#ifdef CONFIG_FOO\n",
      "#else\n", "#endif\n", "#define X(a, b) a ## b\n", "#define Y(...) __VA_ARGS__\n", "static int x = ", "MODULE_LICENSE(\"GPL\");\n",
      "MODULE_LICENSE(", "module_param(x, int, 0666);\n", "module_param(", "MODULE_PARM_DESC(x, \"", "EXPORT_SYMBOL(x);\n",
      "EXPORT_SYMBOL_GPL(", "static int __init f(void) { return 0; }\n", "module_init(f);\n", "module_exit(", "__init",
      "__exit", "struct s { int a; };\n", "{", "}", "(", ")", "[", "]", ";", ",", "\"", "'", "/*", "*/", "//", "\\\n",
      "#pragma once\n", "asm volatile(\"\" ::: \"memory\");\n", "typedef struct { int a; } t;\n", "X(a,", "sizeof(",
      "MODULE_IMPORT_NS(", "MODULE_DEVICE_TABLE(pci, ids);\n", "static const struct pci_device_id ids[] = { {", "\n");
  private static final List<String> MAKE_FRAGMENTS = List.of(
      "obj-m += a.o\n", "obj-m := ", "obj-$(CONFIG_X) += b.o\n", "a-y := x.o y.o\n", "a-objs += ", "ifneq ($(KERNELRELEASE),)\n",
      "ifeq (", "else\n", "endif\n", "include ", "-include $(src)/x.mk\n", "X = $(X) y\n", "Y := $(Y) z\n", "$(", "${", ")", "}",
      "define D\n", "endef\n", "all:\n\t$(MAKE) -C $(KDIR) M=$(PWD) modules\n", "\t", "\\\n", "#", "=", ":=", "+=", "?=", "!=",
      "$(shell uname -r)", "$(call f,a,b)", "$(foreach m,a b,$(m).o)", "$(patsubst %.c,%.o,$(wildcard *.c))", "ccflags-y += -DX\n",
      "export ", "override ", "vpath ", ": ", "%.o: %.c\n", "\n");
  private static final List<String> KCONFIG_FRAGMENTS = List.of(
      "config FOO\n", "\ttristate \"Foo\"\n", "\tbool ", "\tdepends on ", "\tselect ", "\tdefault ", "\thelp\n", "\t  text\n",
      "menu \"M\"\n", "endmenu\n", "if FOO\n", "endif\n", "choice\n", "endchoice\n", "source \"", "menuconfig BAR\n",
      "comment \"", "\"", "&&", "||", "!", "(", ")", "=", "!=", "y", "m", "n", "$(", "\n");
  private static final List<String> DKMS_FRAGMENTS = List.of(
      "PACKAGE_NAME=", "PACKAGE_VERSION=", "BUILT_MODULE_NAME[0]=", "BUILT_MODULE_NAME[", "DEST_MODULE_LOCATION[0]=",
      "MAKE[0]=", "AUTOINSTALL=yes\n", "\"", "'", "$", "${", "}", "$(", ")", "`", "\\\n", "#", "=", "(", ")", "[", "]", ";",
      "if [ -n \"$x\" ]; then\n", "fi\n", "x=(a b [3]=c)\n", "\n");
  private static final List<String> MODPROBE_FRAGMENTS = List.of(
      "options ", "alias ", "blacklist ", "install ", "remove ", "softdep ", "pre:", "post:", "weakdep ", "mod ", "p=",
      "\"", "\\\n", "#", ";", "=", "0x", "-", ",", "\n");

  /** Random bytes, leaning to the characters syntax is made of. */
  byte[] garbage(int n) {
    byte[] b = new byte[n];
    String syntax = "(){}[]<>#\\\"'$=:;,.%*/\n\t ";
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(4);
      b[i] = k == 0 ? (byte) random.nextInt(256) : k == 1 ? (byte) syntax.charAt(random.nextInt(syntax.length()))
          : (byte) ('a' + random.nextInt(26));
    }
    return b;
  }

  byte[] c() {
    return mutate(compose(C_FRAGMENTS, 20 + random.nextInt(200)));
  }

  byte[] makefile() {
    return mutate(compose(MAKE_FRAGMENTS, 10 + random.nextInt(120)));
  }

  byte[] kconfig() {
    return mutate(compose(KCONFIG_FRAGMENTS, 10 + random.nextInt(150)));
  }

  byte[] dkms() {
    return mutate(compose(DKMS_FRAGMENTS, 10 + random.nextInt(100)));
  }

  byte[] modprobe() {
    return mutate(compose(MODPROBE_FRAGMENTS, 10 + random.nextInt(100)));
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  private String compose(List<String> fragments, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(fragments.get(random.nextInt(fragments.size())));
      if (random.nextInt(6) == 0) sb.append(identifier());
      if (random.nextInt(8) == 0) sb.append(' ');
    }
    return sb.toString();
  }

  private String identifier() {
    int n = 1 + random.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) sb.append((char) ('a' + random.nextInt(26)));
    return sb.toString();
  }

  /** One or more of the things that break readers, applied to {@code text}. */
  byte[] mutate(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(6) == 0) out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    boolean crlf = random.nextInt(4) == 0;
    for (byte b : bytes) {
      int k = random.nextInt(400);
      if (k == 0) out.write(0); // NUL
      else if (k == 1) out.write(0x1B); // ESC
      else if (k == 2) out.write(0x07); // BEL
      else if (k == 3) out.writeBytes(new byte[] {(byte) 0xC3}); // a lone UTF-8 lead byte
      else if (k == 4) out.write('\r');
      else if (k == 5) out.writeBytes(garbage(1 + random.nextInt(64)));
      else if (k == 6 && random.nextInt(8) == 0) out.writeBytes("x".repeat(1 + random.nextInt(200_000)).getBytes());
      if (crlf && b == '\n') out.write('\r');
      out.write(b);
    }
    byte[] result = out.toByteArray();
    if (random.nextInt(5) == 0 && result.length > 1) { // truncated mid-way
      byte[] cut = new byte[random.nextInt(result.length)];
      System.arraycopy(result, 0, cut, 0, cut.length);
      return cut;
    }
    return result;
  }

  /** {@code #if} nested {@code depth} deep. */
  static String nestedIfs(int depth) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth; i++) sb.append("#if defined(CONFIG_N").append(i % 50).append(")\n");
    sb.append("int deep;\n");
    for (int i = 0; i < depth; i++) sb.append("#endif\n");
    return sb.toString();
  }

  /** A function whose body is {@code depth} nested blocks. */
  static String nestedBraces(int depth) {
    return "void f(void)\n" + "{".repeat(depth) + "}".repeat(depth) + "\n";
  }

  /** An initializer {@code depth} parentheses deep. */
  static String nestedParens(int depth) {
    return "int v = " + "(".repeat(depth) + "1" + ")".repeat(depth) + ";\n";
  }
}
