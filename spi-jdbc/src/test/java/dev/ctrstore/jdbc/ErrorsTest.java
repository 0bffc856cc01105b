package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.UnavailableException;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.transaction.UnableToManipulateTransactionIsolationLevelException;
import org.junit.jupiter.api.Test;

/** How driver and pool failures map to error kinds. */
class ErrorsTest {
  private final Errors errors = new Errors(Dialect.MYSQL, "jdbc:mysql://db/x");

  /** Found by reliability-tests' FaultInjectionTest: a pooled connection reset by the network. */
  @Test
  void aConnectionThePoolClosedIsUnavailableNotUnknown() {
    var e = new UnableToManipulateTransactionIsolationLevelException(4,
        new SQLException("Connection is closed"));
    assertInstanceOf(UnavailableException.class, errors.map(e, "read", Context.withNamespace("n")));
    assertInstanceOf(DeadlineExceededException.class, errors.map(e, "read",
        Context.withNamespace("n").withDeadline(Instant.now().minusSeconds(1))));
  }

  @Test
  void otherStatelessFailuresStayUnknown() {
    var e = new SQLException("something else");
    assertEquals(ErrorKind.UNKNOWN, errors.map(e, "read", Context.withNamespace("n")).kind());
  }

  @Test
  void communicationFailuresAreUnavailable() {
    var e = new SQLException("Communications link failure", "08S01");
    assertInstanceOf(UnavailableException.class, errors.map(e, "read", Context.withNamespace("n")));
  }
}
