package dev.ctrstore.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.Store;
import dev.ctrstore.Watch;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ctrstore events [--after REV]}: the namespace's changes as they happen, like {@code ctr
 * events}: one line per event, flushed at once; with {@code --format json}, one JSON object per
 * line. From the namespace's current revision unless {@code --after} says where to resume (0:
 * from the oldest event kept). Runs until interrupted, or until {@code --count} events were
 * printed or none arrived for {@code --timeout}.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = "Print the namespace's container events as they happen (table: REVISION TOPIC"
        + " ID IMAGE; --format json: one object per line with the whole container).")
final class EventsCommand extends StoreCommand {
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

  @Option(names = "--after", paramLabel = "REV",
      description = "Print the events after this revision (default: the current revision, so"
          + " only what happens from now; 0: from the oldest event the store keeps).")
  @Nullable Long after;

  @Option(names = "--count", paramLabel = "N",
      description = "Stop after N events.")
  @Nullable Integer count;

  @Option(names = "--timeout", paramLabel = "DURATION",
      description = "Stop when no event arrived for this long (e.g. 500ms, 10s, 5m).")
  @Nullable String timeout;

  @Override
  int run(Store store, Context ctx, PrintWriter out) {
    Duration idle = timeout == null ? null : duration(timeout);
    if (count != null && count < 1) {
      throw new ParameterException(spec.commandLine(), "--count must be 1 or more, got " + count);
    }
    long start = after == null ? store.revision(ctx) : after;
    int printed = 0;
    try (Watch watch = store.watch(ctx, start)) {
      while (count == null || printed < count) {
        Event e = watch.poll(idle == null ? Duration.ofSeconds(1) : idle);
        if (e == null) {
          if (idle != null || Thread.currentThread().isInterrupted()) {
            break;
          }
          continue;
        }
        out.println(root.json() ? json(e) : line(e));
        out.flush();
        printed++;
      }
    }
    return 0;
  }

  /** {@code REVISION TOPIC ID IMAGE}, space-separated, as {@code ctr events} prints one line each. */
  static String line(Event e) {
    return String.join(" ", List.of(Long.toString(e.revision()), e.topic(), e.id(),
        Render.orDash(e.container().image())));
  }

  /** One event as a single-line JSON object. */
  static String json(Event e) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("revision", e.revision());
    o.put("type", e.type().name().toLowerCase(Locale.ROOT));
    o.put("topic", e.topic());
    o.put("namespace", e.namespace());
    o.put("id", e.id());
    o.set("container", Render.json(e.container()));
    return o.toString();
  }

  private Duration duration(String s) {
    Matcher m = DURATION.matcher(s.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ParameterException(spec.commandLine(), "--timeout: expected a duration such as"
          + " 500ms, 10s, 5m or 1h, got \"" + s + "\"");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
