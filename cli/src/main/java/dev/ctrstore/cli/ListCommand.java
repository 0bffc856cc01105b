package dev.ctrstore.cli;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ctrstore ls [-q] [FILTER...]}: the containers matching any filter, by id. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
    description = {"List containers.",
        "Each FILTER is containerd's filter syntax (selectors joined by ',' must all match); a"
            + " container is listed when it matches any FILTER. Examples:",
        "  labels.env==prod   image~=^docker.io/   labels.tier   'labels.\"a.b\"!=x'"})
final class ListCommand extends StoreCommand {
  @Option(names = {"-q", "--quiet"}, description = "Print only the container ids.")
  boolean quiet;

  @Parameters(paramLabel = "FILTER", arity = "0..*", description = "Filters; OR across them.")
  List<String> filters = new ArrayList<>();

  @Override
  int run(Store store, Context ctx, PrintWriter out) {
    List<Container> found = store.list(ctx, filters.toArray(String[]::new));
    if (root.json()) {
      out.println(Render.text(quiet ? Render.jsonIds(found.stream().map(Container::id).toList()) : Render.json(found)));
    } else if (quiet) {
      found.forEach(c -> out.println(c.id()));
    } else {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("CONTAINER", "IMAGE", "RUNTIME"));
      for (Container c : found) {
        rows.add(List.of(c.id(), Render.orDash(c.image()), c.runtime().name()));
      }
      out.print(Render.table(rows));
    }
    return 0;
  }
}
