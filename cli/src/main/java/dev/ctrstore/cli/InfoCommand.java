package dev.ctrstore.cli;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ctrstore info ID}: every field of one container. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Show one container: every field (with --format json, Any values as type_url"
        + " and base64 value).")
final class InfoCommand extends StoreCommand {
  @Parameters(paramLabel = "ID", description = "The container id.")
  String id;

  @Override
  int run(Store store, Context ctx, PrintWriter out) {
    Container c = store.get(ctx, id);
    if (root.json()) {
      out.println(Render.text(Render.json(c)));
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("ID:", c.id()));
    rows.add(List.of("IMAGE:", Render.orDash(c.image())));
    rows.add(List.of("RUNTIME:", c.runtime().name()
        + (c.runtime().options() == null ? "" : " options " + Render.describe(c.runtime().options()))));
    rows.add(List.of("SPEC:", Render.describe(c.spec())));
    rows.add(List.of("SNAPSHOTTER:", Render.orDash(c.snapshotter())));
    rows.add(List.of("SNAPSHOT KEY:", Render.orDash(c.snapshotKey())));
    rows.add(List.of("SANDBOX:", Render.orDash(c.sandboxId())));
    rows.add(List.of("CREATED:", time(c.createdAt())));
    rows.add(List.of("UPDATED:", time(c.updatedAt())));
    addMany(rows, "LABELS:", c.labels().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).toList());
    addMany(rows, "EXTENSIONS:", c.extensions().entrySet().stream()
        .map(e -> e.getKey() + " " + Render.describe(e.getValue())).toList());
    out.print(Render.table(rows));
    return 0;
  }

  /** One row per value, the heading on the first only. */
  private static void addMany(List<List<String>> rows, String heading, List<String> values) {
    if (values.isEmpty()) {
      rows.add(List.of(heading, "-"));
    }
    for (int i = 0; i < values.size(); i++) {
      rows.add(List.of(i == 0 ? heading : "", values.get(i)));
    }
  }

  private static String time(@Nullable Instant t) {
    return t == null ? "-" : t.toString();
  }
}
