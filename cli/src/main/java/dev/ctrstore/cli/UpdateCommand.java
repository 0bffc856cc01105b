package dev.ctrstore.cli;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ctrstore update ID [--image …] [--label …] [--spec …] [--snapshot-key …]
 * [--field-path PATH…]}: containerd's field-path update. The options build the input record;
 * the field paths say which of its fields are applied. A path whose field was not given clears
 * it ({@code --field-path labels.env} alone removes label {@code env}), exactly as containerd's
 * {@code Update} behaves. Without {@code --field-path}, the paths are those of the options given;
 * with it, an option no path selects is not applied and a warning on stderr says so.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
    description = {"Update fields of a container, by field path.",
        "Paths: labels, labels.KEY, image, spec, snapshotkey, extensions, extensions.KEY.",
        "Without --field-path, the fields of the options given are updated."})
final class UpdateCommand extends StoreCommand {
  @Parameters(paramLabel = "ID", description = "The container id.")
  String id;

  @Option(names = {"-p", "--field-path"}, paramLabel = "PATH",
      description = "A field to take from the options; repeatable.")
  List<String> fieldPaths = new ArrayList<>();

  @Option(names = "--image", paramLabel = "REF", description = "New image reference.")
  @Nullable String image;

  @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "A label; repeatable.")
  List<String> labels = new ArrayList<>();

  @Option(names = "--spec", paramLabel = "FILE", description = "New OCI runtime spec (JSON).")
  @Nullable Path specFile;

  @Option(names = "--snapshot-key", paramLabel = "KEY", description = "New snapshot key.")
  @Nullable String snapshotKey;

  @Override
  int run(Store store, Context ctx, PrintWriter out) {
    Container.Builder input = Container.builder().id(id);
    Set<String> implied = new LinkedHashSet<>();
    if (image != null) {
      input.image(image);
      implied.add("image");
    }
    Map<String, String> given = labels(labels);
    given.forEach((k, v) -> {
      input.label(k, v);
      implied.add("labels." + k);
    });
    if (specFile != null) {
      input.spec(OciSpecs.read(specFile));
      implied.add("spec");
    }
    if (snapshotKey != null) {
      input.snapshotKey(snapshotKey);
      implied.add("snapshotkey");
    }
    List<String> paths = fieldPaths.isEmpty() ? List.copyOf(implied) : fieldPaths;
    warnAboutUnselected(implied, paths);
    if (paths.isEmpty()) {
      // An update with no paths would replace every mutable field; never do that by accident.
      throw new ParameterException(spec.commandLine(),
          "nothing to update: give --field-path PATH or one of --image, --label, --spec,"
              + " --snapshot-key");
    }
    Container updated = store.update(ctx, input.build(), paths.toArray(String[]::new));
    if (root.json()) {
      out.println(Render.text(Render.json(updated)));
    }
    return 0;
  }

  /**
   * With explicit paths, an option whose field no path selects is not applied (containerd's
   * rule); say so on stderr rather than drop it silently. {@code labels} selects every
   * {@code labels.KEY}.
   */
  private void warnAboutUnselected(Set<String> implied, List<String> paths) {
    for (String field : implied) {
      boolean selected = paths.stream().anyMatch(p -> p.equals(field) || field.startsWith(p + "."));
      if (!selected) {
        spec.commandLine().getErr().println("ctrstore: warning: " + option(field)
            + " is not applied: no --field-path selects " + field + " (add -p " + field + ")");
      }
    }
  }

  private static String option(String field) {
    if (field.startsWith("labels.")) {
      return "--label " + field.substring("labels.".length());
    }
    return switch (field) {
      case "image" -> "--image";
      case "spec" -> "--spec";
      case "snapshotkey" -> "--snapshot-key";
      default -> field;
    };
  }
}
