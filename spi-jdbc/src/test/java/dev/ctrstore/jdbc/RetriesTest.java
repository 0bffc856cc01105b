package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.AbortedException;
import dev.ctrstore.Context;
import dev.ctrstore.DeadlineExceededException;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.StoreException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The retry decision and back-off of {@link Retries}, with the sleeps recorded instead of slept. */
class RetriesTest {
  private final Errors errors = new Errors(Dialect.MYSQL, "jdbc:mysql://db/x");
  private final List<Long> slept = new ArrayList<>();

  /** Always the cap: the longest back-off the policy allows. */
  private Retries longest() {
    return new Retries(errors, Retries.MAX_ATTEMPTS, cap -> cap, slept::add);
  }

  private static RuntimeException deadlock() {
    return new RuntimeException(new SQLException("Deadlock found when trying to get lock", "40001", 1213));
  }

  @Test
  void theBackOffCapDoublesFromFourMillisecondsUpToTwoHundred() {
    List<Long> caps = new ArrayList<>();
    for (int attempt = 1; attempt <= 40; attempt++) {
      caps.add(Retries.cap(attempt));
    }
    assertEquals(List.of(4L, 8L, 16L, 32L, 64L, 128L, 200L, 200L), caps.subList(0, 8));
    assertTrue(caps.stream().allMatch(c -> c <= Retries.MAX_CAP_MS), caps.toString());
  }

  @Test
  void aPersistingConflictIsAbortedAfterTheLastAttemptHavingBackedOffBetweenAttempts() {
    Retries retries = longest();
    Context ctx = Context.withNamespace("ns");
    for (int attempt = 1; attempt < Retries.MAX_ATTEMPTS; attempt++) {
      retries.afterFailure(deadlock(), attempt, ctx, "write in namespace \"ns\"", null);
    }
    List<Long> expected = new ArrayList<>();
    for (int attempt = 1; attempt < Retries.MAX_ATTEMPTS; attempt++) {
      expected.add(Retries.cap(attempt));
    }
    assertEquals(expected, slept);

    AbortedException e = assertThrows(AbortedException.class, () -> retries.afterFailure(
        deadlock(), Retries.MAX_ATTEMPTS, ctx, "write in namespace \"ns\"", null));
    assertEquals(ErrorKind.ABORTED, e.kind());
    assertTrue(e.getMessage().startsWith("write in namespace \"ns\": transaction conflict"), e.getMessage());
    assertTrue(e.getMessage().contains(Retries.MAX_ATTEMPTS + " attempts"), e.getMessage());
    assertTrue(e.getMessage().contains("retrying the call is safe"), e.getMessage());
    assertTrue(e.getMessage().contains("SQLState 40001, error 1213"), e.getMessage());
    assertEquals(expected.size(), slept.size(), "no back-off after the last attempt");
  }

  @Test
  void aBackOffThatWouldOutlastTheDeadlineIsNotSleptTheCallFailsAtOnce() {
    Retries retries = longest();
    // 100 ms left: attempt 6's back-off (up to 128 ms here) would end after the deadline.
    Context ctx = Context.withNamespace("ns").withDeadline(Instant.now().plusMillis(100));
    DeadlineExceededException e = assertThrows(DeadlineExceededException.class,
        () -> retries.afterFailure(deadlock(), 6, ctx, "write in namespace \"ns\"", null));
    assertEquals(List.of(), slept, "nothing slept");
    assertTrue(e.getMessage().contains("back-off"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
  }

  @Test
  void aBackOffThatEndsBeforeTheDeadlineIsSlept() {
    Retries retries = longest();
    Context ctx = Context.withNamespace("ns").withTimeout(Duration.ofSeconds(30));
    retries.afterFailure(deadlock(), 7, ctx, "write in namespace \"ns\"", null);
    assertEquals(List.of(200L), slept);
  }

  @Test
  void aConflictAfterTheDeadlineIsDeadlineExceededWithoutRetry() {
    Retries retries = longest();
    Context ctx = Context.withNamespace("ns").withDeadline(Instant.now().minusMillis(1));
    assertThrows(DeadlineExceededException.class,
        () -> retries.afterFailure(deadlock(), 1, ctx, "write in namespace \"ns\"", null));
    assertEquals(List.of(), slept);
  }

  @Test
  void otherDatabaseFailuresAreNotRetried() {
    Retries retries = longest();
    RuntimeException syntax = new RuntimeException(new SQLException("syntax", "42000", 1064));
    StoreException e = assertThrows(StoreException.class,
        () -> retries.afterFailure(syntax, 1, Context.empty(), "write in namespace \"ns\"", null));
    assertEquals(ErrorKind.UNKNOWN, e.kind());
    assertEquals(List.of(), slept);
  }

  @Test
  void theWorksOwnFailureIsRethrownAsItIs() {
    Retries retries = longest();
    IllegalStateException own = new IllegalStateException("the work's own");
    assertSame(own, assertThrows(IllegalStateException.class,
        () -> retries.afterFailure(own, 1, Context.empty(), "write", null)));
    assertEquals(List.of(), slept);
  }

  @Test
  void anInterruptedBackOffWritesNothingAndKeepsTheInterrupt() {
    Retries retries = new Retries(errors, Retries.MAX_ATTEMPTS, cap -> cap, ms -> {
      throw new InterruptedException();
    });
    StoreException e = assertThrows(StoreException.class,
        () -> retries.afterFailure(deadlock(), 1, Context.empty(), "write", null));
    assertTrue(Thread.interrupted(), "interrupt status kept (and cleared here)");
    assertInstanceOf(InterruptedException.class, e.getCause());
  }

  @Test
  void theDefaultBackOffIsJitteredWithinItsCap() {
    for (int attempt = 1; attempt < Retries.MAX_ATTEMPTS; attempt++) {
      long cap = Retries.cap(attempt);
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < 500; i++) {
        long d = Retries.jitter(cap);
        assertTrue(d >= 1 && d <= cap, "attempt " + attempt + ": delay " + d + " outside [1, " + cap + "]");
        seen.add(d);
      }
      assertTrue(seen.size() >= Math.min(cap, 4), "attempt " + attempt + ": jittered, not constant: " + seen);
    }
  }
}
