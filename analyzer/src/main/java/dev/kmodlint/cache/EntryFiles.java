package dev.kmodlint.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/**
 * How the caches write an entry: whole or not at all (a temporary file moved over the old
 * entry, so a reader never sees half of one), and sealed by a checksum of everything before it,
 * so a damaged entry is refused instead of read.
 */
final class EntryFiles {
  private EntryFiles() {}

  /**
   * An entry of {@code magic} and {@code format} holding {@code blocks} (each after its length),
   * sealed and written to {@code target} at once.
   */
  static void write(Path target, int magic, int format, byte[]... blocks) throws IOException {
    int size = 12;
    for (byte[] b : blocks) size += 4 + b.length;
    ByteBuffer out = ByteBuffer.allocate(size - 4);
    out.putInt(magic).putInt(format);
    for (byte[] b : blocks) out.putInt(b.length).put(b);
    writeSealed(target, out.array());
  }

  /**
   * The {@code count} blocks of an entry {@link #write} wrote with this {@code magic} and
   * {@code format}; null when it is of another kind, damaged or truncated.
   */
  static byte[][] read(byte[] bytes, int magic, int format, int count) {
    if (bytes.length < 12 + 4 * count || !sealed(bytes)) return null;
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
    if (in.getInt() != magic || in.getInt() != format) return null;
    byte[][] out = new byte[count][];
    for (int i = 0; i < count; i++) {
      if (in.remaining() < 4) return null;
      int n = in.getInt();
      if (n < 0 || n > in.remaining()) return null;
      out[i] = new byte[n];
      in.get(out[i]);
    }
    return in.hasRemaining() ? null : out;
  }

  /** {@code content} and its CRC-32C, written to {@code target} at once. */
  private static void writeSealed(Path target, byte[] content) throws IOException {
    CRC32C crc = new CRC32C();
    crc.update(content);
    byte[] sealed = java.util.Arrays.copyOf(content, content.length + 4);
    ByteBuffer.wrap(sealed).putInt(content.length, (int) crc.getValue());
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, sealed);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Whether the last four bytes of {@code bytes} are the CRC-32C of those before them. */
  private static boolean sealed(byte[] bytes) {
    if (bytes.length < 4) return false;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    return ByteBuffer.wrap(bytes).getInt(bytes.length - 4) == (int) crc.getValue();
  }
}
