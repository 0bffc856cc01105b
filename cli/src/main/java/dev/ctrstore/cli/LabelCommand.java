package dev.ctrstore.cli;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ctrstore label ID [KEY=VALUE...]}: sets labels (an empty value removes one) and prints
 * the container's labels afterwards, one {@code KEY=VALUE} per line (or a JSON object with
 * {@code --format json}).
 */
@Command(name = "label", mixinStandardHelpOptions = true,
    description = {"Set and remove labels, then print all labels of the container, one"
        + " KEY=VALUE per line (--format json: one JSON object).",
        "KEY=VALUE sets a label, KEY= removes it, a bare KEY means KEY=true (as in ctr)."})
final class LabelCommand extends StoreCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The container id.")
  String id;

  @Parameters(index = "1..*", paramLabel = "KEY=VALUE", arity = "0..*", description = "Labels.")
  List<String> args = new ArrayList<>();

  @Override
  int run(Store store, Context ctx, PrintWriter out) {
    Map<String, String> changes = labels(args);
    Container result;
    if (changes.isEmpty()) {
      result = store.get(ctx, id);
    } else {
      // Only the labels named are touched: one field path per key, so concurrent changes to
      // other labels or fields are never overwritten.
      Container.Builder input = Container.builder().id(id);
      changes.forEach(input::label);
      String[] paths = changes.keySet().stream().map(k -> "labels." + k).toArray(String[]::new);
      result = store.update(ctx, input.build(), paths);
    }
    if (root.json()) {
      out.println(Render.text(Render.jsonLabels(result.labels())));
    } else {
      // One KEY=VALUE per line: a value may hold a comma (ctr joins them with commas, which
      // cannot be read back). A value with a line break is printed as a JSON string.
      result.labels().forEach((k, v) -> out.println(k + "=" + Render.oneLine(v)));
    }
    return 0;
  }
}
