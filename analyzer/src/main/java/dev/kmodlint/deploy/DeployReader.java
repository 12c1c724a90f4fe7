package dev.kmodlint.deploy;

import dev.kmodlint.model.DeployModel;
import dev.kmodlint.model.DkmsConf;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.ModprobeFile;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.text.BoundedReader;
import dev.kmodlint.text.SourceText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the deployment files of a scan. A file that cannot be read, or is binary, is a
 * notification and is left out; the rest of the analysis goes on.
 */
public final class DeployReader {
  /** dkms.conf and modprobe.d files are a few kilobytes; a larger one is no such file. */
  static final long MAX_BYTES = 1L << 20;

  private DeployReader() {}

  public static DeployModel read(Collection<Path> dkmsConfs, Collection<Path> modprobeConfs,
      Collection<Path> modulesLoadConfs, Consumer<Notification> notes) {
    List<DkmsConf> dkms = new ArrayList<>();
    for (Path p : dkmsConfs) text(p, "dkms.conf", notes).ifPresent(t -> dkms.add(DkmsConfReader.read(p, t)));
    List<ModprobeFile> modprobe = new ArrayList<>();
    for (Path p : modprobeConfs)
      text(p, "modprobe.d file", notes).ifPresent(t -> modprobe.add(
          ModprobeReader.read(p, t, ModprobeFile.Kind.MODPROBE_D)));
    for (Path p : modulesLoadConfs)
      text(p, "modules-load.d file", notes).ifPresent(t -> modprobe.add(
          ModprobeReader.read(p, t, ModprobeFile.Kind.MODULES_LOAD_D)));
    return new DeployModel(dkms, modprobe);
  }

  private static Optional<String> text(Path p, String what, Consumer<Notification> notes) {
    try {
      SourceText t = SourceText.read(p, MAX_BYTES);
      if (t.binary()) {
        notes.accept(Notification.at("parse-failure", Level.WARNING, p + " is not a text file (it holds NUL bytes),"
            + " so this " + what + " is not checked", SourcePosition.startOf(p)));
        return Optional.empty();
      }
      return Optional.of(new String(t.chars()));
    } catch (IOException e) {
      String why = BoundedReader.reason(e);
      notes.accept(Notification.at("read-failure", Level.WARNING, "cannot read " + what + " " + p + ": " + why,
          SourcePosition.startOf(p)));
      return Optional.empty();
    }
  }
}
