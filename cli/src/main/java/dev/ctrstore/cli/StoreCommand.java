package dev.ctrstore.cli;

import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A subcommand that works on the store: opens it, runs, closes it. */
abstract class StoreCommand implements Callable<Integer> {
  @ParentCommand Ctrstore root;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = root.openStore()) {
      return run(store, root.context(), out);
    } finally {
      out.flush(); // print() does not flush, and main() ends with System.exit
    }
  }

  /** The command's work; returns the exit code. Store errors propagate and become exit code 1. */
  abstract int run(Store store, Context ctx, PrintWriter out);

  /**
   * {@code KEY=VALUE} arguments as a map, in the order given. As in {@code ctr}, a bare {@code
   * KEY} means {@code KEY=true}, and {@code KEY=} (empty value) asks for the label's removal.
   */
  Map<String, String> labels(List<String> args) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String key = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? "true" : arg.substring(eq + 1);
      if (key.isEmpty()) {
        throw new ParameterException(spec.commandLine(),
            "invalid label \"" + arg + "\": expected KEY=VALUE with a non-empty KEY");
      }
      labels.put(key, value);
    }
    return labels;
  }
}
