package dev.ctrstore.containerd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.Container;
import dev.ctrstore.InvalidArgumentException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader against meta.db files written by containerd v1.7.0 itself. */
class MetaDbFixtureTest {
  @TempDir Path dir;

  @Test
  void smallDbReadsBackExactlyWhatContainerdReads() {
    assertReadsBack(Expected.fixture("small.db", dir), "small.json", 27);
  }

  @Test
  void mediumDbReadsBackExactlyWhatContainerdReads() {
    assertReadsBack(Expected.fixture("medium.db.gz", dir), "medium.json.gz", 2000);
  }

  @Test
  void truncatedDbIsRefusedNamingTheFileAndThePage() {
    Path file = Expected.fixture("small-truncated.db", dir);
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> {
      try (MetaDb db = MetaDb.open(file)) {
        for (String ns : db.namespaces()) {
          db.containers(ns).forEach(c -> { });
        }
      }
    });
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("page 129"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  private static void assertReadsBack(Path file, String json, int total) {
    Map<String, List<Container>> expected = Expected.containers(json);
    try (MetaDb db = MetaDb.open(file)) {
      assertEquals(List.copyOf(expected.keySet()), db.namespaces());
      int n = 0;
      for (String ns : db.namespaces()) {
        List<Container> actual = db.containers(ns).toList();
        List<Container> want = expected.get(ns);
        assertEquals(want.size(), actual.size(), ns);
        for (int i = 0; i < want.size(); i++) {
          assertEquals(want.get(i), actual.get(i), ns + "/" + want.get(i).id());
        }
        n += actual.size();
      }
      assertEquals(total, n);
      assertEquals(total, db.containers().count());
    }
  }
}
