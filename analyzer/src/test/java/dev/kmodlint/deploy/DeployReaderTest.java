package dev.kmodlint.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmodlint.model.DeployModel;
import dev.kmodlint.model.Notification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployReaderTest {
  @TempDir Path dir;

  @Test
  void binaryAndMissingFilesAreNotificationsNotCrashes() throws Exception {
    Path binary = dir.resolve("dkms.conf");
    Files.write(binary, new byte[] {'A', '=', 0, 1, 2});
    Path missing = dir.resolve("modprobe.d/gone.conf");
    Path good = dir.resolve("modules-load.d/ok.conf");
    Files.createDirectories(good.getParent());
    Files.writeString(good, "loop\n");
    List<Notification> notes = new ArrayList<>();
    DeployModel m = DeployReader.read(List.of(binary), List.of(missing), List.of(good), notes::add);
    assertEquals(0, m.dkmsConfs().size());
    assertEquals(1, m.modprobeFiles().size());
    assertEquals(List.of("parse-failure", "read-failure"), notes.stream().map(Notification::id).toList());
    assertTrue(notes.get(0).message().contains("not a text file"));
    assertEquals(binary, notes.get(0).position().get().file());
  }
}
