package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How causal reads join the pool's one init statement (the cluster itself: GaleraCausalReadsTest). */
class GaleraSessionsTest {
  @Test
  void theDialectsOwnInitSqlIsExtendedNotSkipped() {
    String dialects = Dialect.MYSQL.poolDefaults().get("connectionInitSql");
    assertEquals(dialects + ", SESSION wsrep_sync_wait = 1", GaleraSessions.withCausalReads(dialects));
  }

  @Test
  void withoutInitSqlTheSettingStandsAlone() {
    assertEquals("SET SESSION wsrep_sync_wait = 1", GaleraSessions.withCausalReads(null));
    assertEquals("SET SESSION wsrep_sync_wait = 1", GaleraSessions.withCausalReads("  "));
  }

  @Test
  void aUsersSetStatementIsExtendedAndATrailingSemicolonDropped() {
    assertEquals("set time_zone = '+00:00', SESSION wsrep_sync_wait = 1",
        GaleraSessions.withCausalReads("set time_zone = '+00:00' ;"));
  }

  @Test
  void anythingButOneSetStatementIsLeftAlone() {
    assertNull(GaleraSessions.withCausalReads("SELECT 1"));
    assertNull(GaleraSessions.withCausalReads("SET a = 1; SET b = 2"));
    assertNull(GaleraSessions.withCausalReads("SETTINGS"));
  }
}
