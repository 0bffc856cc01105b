package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.jdbc.LabelRow;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The label rows an update deletes, rewrites and inserts. Hashes here are tiny numbers, so that
 * two keys of one container sharing a key hash (a collision of the 8-byte hashes) is common.
 */
class LabelChangesTest {
  static LabelRow row(long key, long value) {
    return new LabelRow(key, value);
  }

  static SortedSet<LabelRow> rows(LabelRow... rows) {
    return new TreeSet<>(List.of(rows));
  }

  @Test
  void aChangedValueIsOneRewrite() {
    LabelChanges c = LabelChanges.between(rows(row(1, 1), row(2, 1)), rows(row(1, 2), row(2, 1)));
    assertEquals(Set.of(), c.removed());
    assertEquals(Set.of(), c.added());
    assertEquals(List.of(new LabelChanges.Change(row(1, 1), row(1, 2))), c.changed());
  }

  @Test
  void removedAndAddedKeysAreDeletedAndInserted() {
    LabelChanges c = LabelChanges.between(rows(row(1, 1), row(2, 1)), rows(row(2, 1), row(3, 1)));
    assertEquals(rows(row(1, 1)), c.removed());
    assertEquals(rows(row(3, 1)), c.added());
    assertEquals(List.of(), c.changed());
  }

  @Test
  void anAmbiguousKeyHashIsNotRewritten() {
    // Two labels share key hash 1 before; after, one label has it: which row became which is
    // unknown, so both go and the new one is inserted.
    LabelChanges c = LabelChanges.between(rows(row(1, 1), row(1, 2)), rows(row(1, 3)));
    assertEquals(rows(row(1, 1), row(1, 2)), c.removed());
    assertEquals(rows(row(1, 3)), c.added());
    assertEquals(List.of(), c.changed());
    // One of two labels sharing key hash 1 changes value: one row out, one in, a rewrite.
    LabelChanges d = LabelChanges.between(rows(row(1, 1), row(1, 2)), rows(row(1, 1), row(1, 3)));
    assertEquals(List.of(new LabelChanges.Change(row(1, 2), row(1, 3))), d.changed());
    assertEquals(Set.of(), d.removed());
    assertEquals(Set.of(), d.added());
  }

  /** Applied in order to the rows before, the changes give the rows after, with no duplicate key on the way. */
  @Test
  void changesTurnBeforeIntoAfter() {
    Random r = new Random(42);
    for (int round = 0; round < 20_000; round++) {
      SortedSet<LabelRow> before = randomRows(r);
      SortedSet<LabelRow> after = randomRows(r);
      LabelChanges c = LabelChanges.between(before, after);
      Set<LabelRow> table = new TreeSet<>(before);
      for (LabelRow x : c.removed()) {
        assertTrue(table.remove(x), "deletes an existing row");
      }
      for (LabelChanges.Change x : c.changed()) {
        assertEquals(x.from().key(), x.to().key(), "a rewrite keeps the key hash");
        assertTrue(table.remove(x.from()), "rewrites an existing row");
        assertTrue(table.add(x.to()), "into a row that does not exist yet");
      }
      for (LabelRow x : c.added()) {
        assertTrue(table.add(x), "inserts a new row");
      }
      assertEquals(after, table, before + " -> " + after);
    }
  }

  @Test
  void labelsThatHashAlikeShareARow() {
    SortedSet<LabelRow> rows = LabelRow.of(Map.of("a", "1", "b", "1", "c", "2"));
    assertEquals(3, rows.size());
    assertEquals(rows(LabelRow.of("a", "1")), LabelRow.of(Map.of("a", "1")));
    assertEquals(8, LabelRow.of("a", "1").keyHash().length);
  }

  private static SortedSet<LabelRow> randomRows(Random r) {
    SortedSet<LabelRow> out = new TreeSet<>();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      out.add(row(r.nextInt(3) - 1, r.nextInt(3) - 1)); // -1 sorts last, unsigned
    }
    return out;
  }
}
