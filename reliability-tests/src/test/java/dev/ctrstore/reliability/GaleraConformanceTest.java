package dev.ctrstore.reliability;

import dev.ctrstore.Store;
import dev.ctrstore.conformance.Feature;
import dev.ctrstore.conformance.StoreConformanceTest;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole conformance kit on a three-node Galera cluster ({@link Galera}), through the
 * multi-host URL a user writes ({@code jdbc:mysql://node1,node2,node3/db}).
 */
class GaleraConformanceTest extends StoreConformanceTest {
  private Galera.Db db;

  @BeforeAll
  void database() {
    db = Galera.freshDatabase();
  }

  @Override
  protected Store newStore() {
    return Rel.jdbc(db.multiHostUrl(0, 1, 2));
  }

  @Override
  protected Set<Feature> unsupportedFeatures() {
    return EnumSet.of(Feature.REVISIONS, Feature.WATCH); // as on a single MySQL server
  }

  @AfterAll
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }
}
