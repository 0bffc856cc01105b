package dev.ctrstore.memory;

import dev.ctrstore.Event;
import dev.ctrstore.spi.EventRetention;
import dev.ctrstore.spi.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One namespace's change log: events in revision order with the time they were appended. Its own
 * monitor guards it, not the namespace's lock, so that compaction and watchers never wait for a
 * writer's work and a writer waits for them only while an event is appended or a batch of at most
 * {@link #COMPACT_BATCH} events is dropped.
 */
final class EventLog {
  /** Events dropped per hold of the monitor while compacting. */
  static final int COMPACT_BATCH = 1024;

  private record Entry(Event event, long appendedNanos) {}

  private final TreeMap<Long, Entry> entries = new TreeMap<>();
  private long compactedThrough;
  private long last;

  /** Appends a committed write's events; called in revision order, under the namespace lock. */
  synchronized void append(List<Event> events, long nowNanos) {
    for (Event e : events) {
      entries.put(e.revision(), new Entry(e, nowNanos));
      last = e.revision();
    }
    notifyAll();
  }

  synchronized Storage.Events read(long afterRevision, int limit) {
    List<Event> out = new ArrayList<>();
    for (Entry e : entries.tailMap(afterRevision, false).values()) {
      if (out.size() == limit) {
        break;
      }
      out.add(e.event());
    }
    return new Storage.Events(out, compactedThrough);
  }

  /** Waits until an event above {@code afterRevision} is in the log or the timeout passed. */
  synchronized void await(long afterRevision, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (last <= afterRevision) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      // wait(0) would wait forever: round up to a whole millisecond.
      wait(Math.max(1, (left + 999_999) / 1_000_000));
    }
  }

  /** Drops up to one batch of events the retention no longer keeps; returns how many. */
  synchronized int compact(EventRetention retention, long nowNanos) {
    Duration maxAge = retention.maxAge();
    long oldestKept = maxAge == null ? Long.MIN_VALUE : nowNanos - maxAge.toNanos();
    int dropped = 0;
    while (dropped < COMPACT_BATCH && !entries.isEmpty()) {
      Entry head = entries.firstEntry().getValue();
      boolean tooMany = entries.size() > retention.maxEvents();
      boolean tooOld = maxAge != null && head.appendedNanos() - oldestKept < 0;
      if (!tooMany && !tooOld) {
        break;
      }
      entries.pollFirstEntry();
      compactedThrough = head.event().revision();
      dropped++;
    }
    return dropped;
  }
}
