package dev.ctrstore.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Page;
import dev.ctrstore.Store;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctrstore ls [-q] [--limit N] [--page-token T] [FILTER...]}: the containers matching any
 * filter, by id; with {@code --limit}, one page and the token of the next.
 */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
    description = {"List containers.",
        "Each FILTER is containerd's filter syntax (selectors joined by ',' must all match); a"
            + " container is listed when it matches any FILTER. Examples:",
        "  labels.env==prod   image~=^docker.io/   labels.tier   'labels.\"a.b\"!=x'",
        "With --limit, one page: the table ends with 'next page token: T' (with -q it goes to"
            + " stderr; in json the output is {containers, nextPageToken}); pass"
            + " --page-token T with the same filters for the next page."})
final class ListCommand extends StoreCommand {
  static final int DEFAULT_LIMIT = 100;

  @Option(names = {"-q", "--quiet"}, description = "Print only the container ids.")
  boolean quiet;

  @Option(names = "--limit", paramLabel = "N",
      description = "List one page of at most N containers (default with --page-token: "
          + DEFAULT_LIMIT + ").")
  @Nullable Integer limit;

  @Option(names = "--page-token", paramLabel = "TOKEN",
      description = "Continue after the page that printed this token (same filters).")
  @Nullable String pageToken;

  @Parameters(paramLabel = "FILTER", arity = "0..*", description = "Filters; OR across them.")
  List<String> filters = new ArrayList<>();

  @Override
  int run(Store store, Context ctx, PrintWriter out) {
    String[] given = filters.toArray(String[]::new);
    if (limit != null || pageToken != null) {
      Page page = store.page(ctx, limit == null ? DEFAULT_LIMIT : limit, pageToken, given);
      String next = page.nextPageToken();
      if (root.json()) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("containers", quiet
            ? Render.jsonIds(page.containers().stream().map(Container::id).toList())
            : Render.json(page.containers()));
        o.put("nextPageToken", next);
        out.println(Render.text(o));
        return 0;
      }
      print(page.containers(), out);
      if (next != null) {
        (quiet ? spec.commandLine().getErr() : out).println("next page token: " + next);
      }
      return 0;
    }
    print(store.list(ctx, given), out);
    return 0;
  }

  private void print(List<Container> found, PrintWriter out) {
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
  }
}
