package dev.ctrstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ctrstore.Comparison;
import dev.ctrstore.Store;
import dev.ctrstore.Transfers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ctrstore verify --against CONFIG}: compares this store (the one of {@code --config})
 * with another field for field, streaming both in id order; prints each difference. Exit code 0
 * only when they are equal.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Compare this store (--config) with another, container by container and field"
        + " for field, in every namespace of either (or the one given with -n).",
        "Prints one line per difference: 'missing' (here, not there), 'unexpected' (there, not"
            + " here) or 'different' with the fields. Exit 0 only when the stores are equal, "
            + Ctrstore.EXIT_INCOMPLETE + " when they differ."})
final class VerifyCommand extends MoveCommand {
  @Option(names = "--against", required = true, paramLabel = "CONFIG",
      description = "The ctrstore.properties of the store to compare with.")
  Path against;

  @Override
  int run(PrintWriter out) {
    boolean json = root.json();
    ArrayNode diffs = JsonNodeFactory.instance.arrayNode();
    Comparison c;
    try (Store expected = root.openStore(); Store actual = root.openStore(against)) {
      c = Transfers.compare(expected, actual, namespaces(), d -> {
        String kind = d.kind().name().toLowerCase(Locale.ROOT);
        if (json) {
          ObjectNode o = diffs.addObject().put("kind", kind).put("namespace", d.namespace())
              .put("id", d.id());
          d.fields().forEach(o.putArray("fields")::add);
        } else {
          out.println(kind + "\t" + d.namespace() + "/" + d.id()
              + (d.fields().isEmpty() ? "" : "\t" + String.join(", ", d.fields())));
        }
      });
    }
    if (json) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("same", c.same()).put("compared", c.compared()).put("equal", c.equal())
          .put("differences", c.differences());
      o.set("diffs", diffs);
      out.println(Render.text(o));
    } else {
      out.println((c.same() ? "equal: " : "different: ") + Progress.count(c.compared())
          + " containers compared, " + Progress.count(c.equal()) + " equal, "
          + Progress.count(c.differences()) + " differ");
    }
    return c.same() ? 0 : Ctrstore.EXIT_INCOMPLETE;
  }
}
