package dev.ctrstore.containerd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.FailedPreconditionException;
import dev.ctrstore.InvalidArgumentException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files fail with a message naming the file and the fault; files are never changed. */
class MetaDbDamageTest {
  @TempDir Path dir;

  @Test
  void notABoltFileIsRefused() throws Exception {
    Path file = dir.resolve("meta.db");
    Files.write(file, "this is not a database, just some text long enough to hold a meta page."
        .repeat(100).getBytes(StandardCharsets.UTF_8));
    assertRefused(file, "not a bbolt database");
  }

  @Test
  void emptyFileIsRefused() throws Exception {
    Path file = Files.createFile(dir.resolve("meta.db"));
    assertRefused(file, "too short");
  }

  @Test
  void missingFileIsRefused() {
    assertRefused(dir.resolve("absent.db"), "no such file");
  }

  @Test
  void brokenChecksumsOnBothMetaPagesAreRefused() throws Exception {
    Path file = Expected.fixture("small.db", dir);
    flipByte(file, 16 + 48); // meta 0's txid
    flipByte(file, 4096 + 16 + 48); // meta 1's txid
    assertRefused(file, "valid checksum");
  }

  @Test
  void aBrokenNewerMetaFallsBackToTheOlderOne() throws Exception {
    Path file = Expected.fixture("small.db", dir);
    flipByte(file, 4096 + 16 + 48); // meta 1 (txid 59) is the active one
    try (MetaDb db = MetaDb.open(file)) {
      assertEquals(58, db.transaction());
    }
  }

  @Test
  void aPageThatIsNotWhatItsParentSaysIsRefused() throws Exception {
    Path file = Expected.fixture("small.db", dir);
    // page 105 is the root bucket's page; give it another id
    overwriteLong(file, 105L * 4096, 77);
    assertRefused(file, "page 105 identifies itself as page 77");
  }

  @Test
  void anElementPointingPastItsPageIsRefused() throws Exception {
    Path file = Expected.fixture("small.db", dir);
    // the root page's first leaf element: flags, pos, ksize (offset 8), vsize
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(105L * 4096 + 16 + 8);
      raf.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(1 << 20).array());
    }
    assertRefused(file, "runs past the end of the page");
  }

  @Test
  void readingNeverChangesTheFile() throws Exception {
    Path file = Expected.fixture("small.db", dir);
    FileTime before = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, before);
    byte[] hash = sha256(file);
    try (MetaDb db = MetaDb.open(file)) {
      assertEquals(27, db.containers().count());
    }
    assertArrayEquals(hash, sha256(file));
    assertEquals(before, Files.getLastModifiedTime(file));
  }

  @Test
  void aFileLockedExclusivelyAsContainerdLocksItIsReadWithoutTouchingTheLock() throws Exception {
    Path file = Expected.fixture("small.db", dir);
    byte[] hash = sha256(file);
    // flock(1) takes the same BSD flock containerd's bbolt takes, held until the child exits.
    Process holder = new ProcessBuilder("flock", "--exclusive", file.toString(), "-c",
        "echo locked; sleep 60").redirectErrorStream(true).start();
    try {
      BufferedReader r = new BufferedReader(
          new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", r.readLine());
      try (MetaDb db = MetaDb.open(file)) {
        assertEquals(27, db.containers().count());
      }
      assertTrue(holder.isAlive(), "the lock holder is undisturbed");
      // the lock is still held exclusively: a non-blocking exclusive flock fails
      Process probe = new ProcessBuilder("flock", "--exclusive", "--nonblock", file.toString(),
          "true").start();
      assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
      assertEquals(1, probe.exitValue());
    } finally {
      holder.destroy();
      holder.waitFor(30, TimeUnit.SECONDS);
    }
    assertArrayEquals(hash, sha256(file));
  }

  @Test
  void aCommitWhileReadingIsReportedNotSilentlyMixed() throws Exception {
    Path file = Expected.fixture("small.db", dir);
    try (MetaDb db = MetaDb.open(file); Stream<?> s = db.containers("default")) {
      // as a writer would: a new meta page with the next txid, in meta slot 0
      ByteBuffer meta = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.seek(4096);
        raf.readFully(meta.array());
      }
      ByteBuffer next = BoltWriter.meta(0, meta.getLong(32), meta.getLong(64) + 1,
          meta.getLong(56));
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.seek(0);
        raf.write(next.array());
      }
      FailedPreconditionException e = assertThrows(FailedPreconditionException.class,
          () -> s.forEach(c -> { }));
      assertTrue(e.getMessage().contains("changed while it was read (transaction 59 became 60)"),
          e.getMessage());
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
  }

  private static void assertRefused(Path file, String what) {
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> {
      try (MetaDb db = MetaDb.open(file)) {
        db.containers().forEach(c -> { });
      }
    });
    assertTrue(e.getMessage().startsWith("containerd meta.db " + file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  private static void flipByte(Path file, long offset) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int b = raf.read();
      raf.seek(offset);
      raf.write(b ^ 0xff);
    }
  }

  private static void overwriteLong(Path file, long offset, long value) throws Exception {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }
  }

  private static byte[] sha256(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }
}
