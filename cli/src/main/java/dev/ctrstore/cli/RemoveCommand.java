package dev.ctrstore.cli;

import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ctrstore rm ID...}: deletes containers. Like {@code ctr}, it goes on past a failure,
 * reports each failure on its own line and exits 1 if any failed.
 */
@Command(name = "rm", aliases = {"delete", "del", "remove"}, mixinStandardHelpOptions = true,
    description = "Delete containers.")
final class RemoveCommand extends StoreCommand {
  @Parameters(paramLabel = "ID", arity = "1..*", description = "The container ids.")
  List<String> ids = new ArrayList<>();

  @Override
  int run(Store store, Context ctx, PrintWriter out) {
    PrintWriter err = spec.commandLine().getErr();
    List<String> deleted = new ArrayList<>();
    int exit = 0;
    for (String id : ids) {
      try {
        store.delete(ctx, id);
        deleted.add(id);
      } catch (StoreException e) {
        err.println("ctrstore: " + Ctrstore.message(e));
        exit = 1;
      }
    }
    if (root.json()) {
      out.println(Render.text(Render.jsonIds(deleted)));
    }
    return exit;
  }
}
