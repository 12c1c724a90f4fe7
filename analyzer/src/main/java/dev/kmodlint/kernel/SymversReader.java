package dev.kmodlint.kernel;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.text.BoundedReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a {@code Module.symvers}: one export a line, {@code CRC<TAB>symbol<TAB>module<TAB>
 * export type<TAB>namespace} (the namespace column is empty for most symbols). A malformed
 * line is a notification, not a failure. Kernels 5.4 and 5.5 (until commit 5190044c2965,
 * "modpost: move the namespace field in Module.symvers last", also in 5.4.y stable) wrote
 * the namespace third: {@code CRC<TAB>symbol<TAB>namespace<TAB>module<TAB>export type};
 * that layout is read too.
 */
public final class SymversReader {
  /** One exported symbol. {@code module} is {@code vmlinux} for the kernel image. */
  public record Export(String symbol, String module, boolean gplOnly, String namespace, long crc) {}

  /**
   * The largest file read: the Module.symvers of an allmodconfig kernel is under 4 MB (Debian's
   * 6.1: 1.7 MB); one past this limit is no Module.symvers, and reading it whole would not end well.
   */
  public static final long MAX_BYTES = 64L << 20;

  private SymversReader() {}

  /** The exports of {@code file}; an {@link IOException} whose message names it when it cannot be read. */
  public static List<Export> read(Path file, Consumer<Notification> notes) throws IOException {
    List<Export> out = new ArrayList<>();
    String text = new String(BoundedReader.read(file, MAX_BYTES), StandardCharsets.ISO_8859_1);
    try (BufferedReader r = new BufferedReader(new StringReader(text))) {
      String line;
      int n = 0;
      int bad = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank()) continue;
        String[] f = line.split("\t", -1);
        if (f.length >= 5 && !f[3].startsWith("EXPORT_SYMBOL") && f[4].startsWith("EXPORT_SYMBOL")) {
          // the 5.4/5.5 layout: CRC, symbol, namespace, module, export type
          f = new String[] {f[0], f[1], f[3], f[4], f[2]};
        }
        if (f.length < 4 || !f[0].startsWith("0x") || !f[3].startsWith("EXPORT_SYMBOL")) {
          if (bad++ == 0)
            notes.accept(Notification.at("symvers-malformed", Level.WARNING,
                "line " + n + " of " + file.getFileName() + " is not 'CRC<TAB>symbol<TAB>module<TAB>EXPORT_SYMBOL...'",
                SourcePosition.line(file.toAbsolutePath().normalize(), n)));
          continue;
        }
        long crc;
        try {
          crc = Long.parseUnsignedLong(f[0].substring(2), 16);
        } catch (NumberFormatException e) {
          crc = 0;
        }
        out.add(new Export(f[1], f[2], f[3].endsWith("_GPL"), f.length > 4 ? f[4] : "", crc));
      }
    }
    return out;
  }
}
