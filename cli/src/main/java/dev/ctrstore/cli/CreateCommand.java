package dev.ctrstore.cli;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctrstore create IMAGE ID [COMMAND [ARG...]]}: a new container record, with the same
 * defaults {@code ctr containers create} uses (runtime {@code io.containerd.runc.v2},
 * snapshotter {@code overlayfs}, snapshot key = id, a minimal OCI spec running COMMAND).
 */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create a container record (nothing is run: ctrstore keeps metadata only).",
        "Options go before IMAGE; everything after ID is the container's command."})
final class CreateCommand extends StoreCommand {
  @Parameters(index = "0", paramLabel = "IMAGE", description = "The image reference.")
  String image;

  @Parameters(index = "1", paramLabel = "ID", description = "The container id.")
  String id;

  @Parameters(index = "2..*", paramLabel = "COMMAND", arity = "0..*",
      description = "The process to put in the generated spec (default: sh).")
  List<String> command = new ArrayList<>();

  @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "A label; repeatable.")
  List<String> labels = new ArrayList<>();

  @Option(names = "--runtime", paramLabel = "NAME", defaultValue = "io.containerd.runc.v2",
      description = "Runtime name (default: ${DEFAULT-VALUE}).")
  String runtime;

  @Option(names = "--snapshotter", paramLabel = "NAME", defaultValue = "overlayfs",
      description = "Snapshotter (default: ${DEFAULT-VALUE}).")
  String snapshotter;

  @Option(names = "--snapshot-key", paramLabel = "KEY",
      description = "Snapshot key (default: the container id).")
  @Nullable String snapshotKey;

  @Option(names = "--sandbox", paramLabel = "ID", description = "The sandbox the container belongs to.")
  @Nullable String sandbox;

  @Option(names = "--spec", paramLabel = "FILE",
      description = "An OCI runtime spec (JSON) to store instead of the generated one.")
  @Nullable Path specFile;

  @Override
  int run(Store store, Context ctx, PrintWriter out) {
    Container.Builder b = Container.builder()
        .id(id)
        .image(image)
        .runtime(runtime)
        .snapshotter(snapshotter)
        .snapshotKey(snapshotKey != null ? snapshotKey : id)
        .sandboxId(sandbox)
        .spec(specFile != null
            ? OciSpecs.read(specFile)
            : OciSpecs.minimal(id, command.isEmpty() ? List.of("sh") : command));
    labels(labels).forEach(b::label);
    Container created = store.create(ctx, b.build());
    // Like ctr, silent on success; JSON callers get the stored record (with its timestamps).
    if (root.json()) {
      out.println(Render.text(Render.json(created)));
    }
    return 0;
  }
}
