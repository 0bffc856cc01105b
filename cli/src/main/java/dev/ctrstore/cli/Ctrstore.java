package dev.ctrstore.cli;

import dev.ctrstore.Context;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code ctrstore} command: {@code ctr containers} over a ctrstore store. Subcommands
 * {@code ls}, {@code info}, {@code create}, {@code label}, {@code update}, {@code rm} and
 * {@code events}; the
 * global options {@code -n/--namespace}, {@code --config} and {@code --format} may be given
 * before or after the subcommand.
 *
 * <p>Exit codes: 0 on success, 1 when the store refuses (not found, invalid argument, …) or
 * cannot be opened, 2 for a command line that does not parse, {@value #EXIT_INCOMPLETE} when a
 * move ({@code import}, {@code copy}, {@code import-containerd}) ran to the end but some
 * containers conflicted or failed, or {@code verify} found the stores different. Every error is one line on
 * stderr, {@code ctrstore: <message>}, never a stack trace.
 */
@Command(
    name = "ctrstore",
    mixinStandardHelpOptions = true,
    versionProvider = Ctrstore.Version.class,
    description = "Container metadata in a ctrstore store, managed the way `ctr containers` does.",
    footer = {
        "",
        "With no configuration the store is an embedded SQLite database in the file",
        "./ctrstore-data/ctrstore.db, relative to the working directory, now:",
        "  ${sys:user.dir}",
        "so each directory has its own store; commands may run on it in parallel.",
        "-V shows the store a command would open.",
        "Configure with --config FILE, CTRSTORE_CONFIG, or CTRSTORE_* environment",
        "variables (e.g. CTRSTORE_JDBC_URL=jdbc:mysql://host:3306/db)."},
    subcommands = {
        ListCommand.class,
        InfoCommand.class,
        CreateCommand.class,
        LabelCommand.class,
        UpdateCommand.class,
        RemoveCommand.class,
        ExportCommand.class,
        ImportCommand.class,
        CopyCommand.class,
        VerifyCommand.class,
        ImportContainerdCommand.class,
        EventsCommand.class,
        CommandLine.HelpCommand.class})
public final class Ctrstore implements Runnable {
  /** The environment variable giving the default namespace. */
  public static final String NAMESPACE_ENV = "CTRSTORE_NAMESPACE";
  /** The namespace used when neither {@code -n} nor {@value #NAMESPACE_ENV} names one. */
  public static final String DEFAULT_NAMESPACE = "default";

  /** Exit code of a move that left containers out, and of {@code verify} finding differences. */
  public static final int EXIT_INCOMPLETE = 3;

  /** Output formats. */
  enum Format { table, json }

  // Inherited options are defined once and accepted on every subcommand as well.
  @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT, paramLabel = "NAMESPACE",
      description = "Namespace to work in (default: $" + NAMESPACE_ENV + ", else \""
          + DEFAULT_NAMESPACE + "\").")
  private @Nullable String namespace;

  @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "A ctrstore.properties file choosing and configuring the backend.")
  private @Nullable Path config;

  @Option(names = "--format", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: table).")
  private @Nullable Format format;

  @Spec private CommandSpec spec;

  private final Map<String, String> env;
  private final StoreOpener opener;

  /**
   * A command reading its defaults from {@code env} and getting its store from {@code opener}.
   * {@link #main} passes the process environment and {@link StoreOpener#standard()}.
   */
  public Ctrstore(Map<String, String> env, StoreOpener opener) {
    this.env = Map.copyOf(env);
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    // ctrstore, HikariCP and Flyway log through SLF4J, whose simple binding this jar ships set
    // to WARN (simplelogger.properties): stderr is kept for errors.
    System.exit(commandLine(System.getenv(), StoreOpener.standard()).execute(args));
  }

  /**
   * A configured {@link CommandLine}: one-line error reporting, exit codes 1 (store errors) and
   * 2 (usage errors). Set its out and err writers to capture output.
   */
  public static CommandLine commandLine(Map<String, String> env, StoreOpener opener) {
    CommandLine cl = new CommandLine(new Ctrstore(env, opener));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // As with ctr, everything after IMAGE belongs to the container: `create IMAGE ID sh -c ...`.
    cl.getSubcommands().get("create").setStopAtPositional(true);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine failed = ex.getCommandLine();
      failed.getErr().println("ctrstore: " + oneLine(ex.getMessage()) + " (see '"
          + failed.getCommandSpec().qualifiedName() + " --help')");
      return failed.getCommandSpec().exitCodeOnInvalidInput();
    });
    cl.setExecutionExceptionHandler((ex, failed, parseResult) -> {
      failed.getErr().println("ctrstore: " + message(ex));
      return 1;
    });
    return cl;
  }

  /** {@code ctrstore} alone: a subcommand is required. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "a command is required: ls, info, create, label, update, rm, events, export, import,"
            + " copy, verify or import-containerd");
  }

  /** The namespace: {@code -n}, else {@value #NAMESPACE_ENV}, else {@value #DEFAULT_NAMESPACE}. */
  String namespace() {
    if (namespace != null) {
      return namespace;
    }
    String fromEnv = env.get(NAMESPACE_ENV);
    return fromEnv == null || fromEnv.isBlank() ? DEFAULT_NAMESPACE : fromEnv.trim();
  }

  /** Whether {@code -n} was given (moves then read that namespace only, else all of them). */
  boolean namespaceGiven() {
    return namespace != null;
  }

  /** The call context for the chosen namespace. */
  Context context() {
    return Context.withNamespace(namespace());
  }

  boolean json() {
    return format == Format.json;
  }

  /** Opens the store; the caller closes it. */
  Store openStore() {
    return opener.open(config);
  }

  /** Opens the store configured by {@code file} ({@code copy --from}, say); the caller closes it. */
  Store openStore(Path file) {
    return opener.open(file);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** The message for an error: a store's own message, or the exception named when it has none. */
  static String message(Throwable e) {
    if (e instanceof StoreException) {
      return oneLine(e.getMessage());
    }
    String m = e.getMessage();
    return oneLine(m == null || m.isBlank() ? e.getClass().getName() : e.getClass().getSimpleName()
        + ": " + m);
  }

  private static String oneLine(@Nullable String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * {@code -V}: the version of ctrstore (from the build, {@value #VERSION_RESOURCE}) and the
   * store a command would open, told without opening it ({@link Target}).
   */
  static final class Version implements CommandLine.IVersionProvider {
    @Spec CommandSpec spec;

    @Override
    public String[] getVersion() {
      Ctrstore root = (Ctrstore) spec.root().userObject();
      return new String[] {"ctrstore " + version(),
          "store: " + Target.describe(root.env, System.getProperties(), root.config)};
    }
  }

  /** The class-path resource holding {@code version=}, filled in by the build. */
  static final String VERSION_RESOURCE = "dev/ctrstore/cli/version.properties";

  /** ctrstore's version, e.g. {@code 0.1.0-SNAPSHOT}. */
  static String version() {
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in = Ctrstore.class.getClassLoader().getResourceAsStream(VERSION_RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (java.io.IOException e) {
      // fall through to the manifest
    }
    String v = p.getProperty("version");
    if (v == null || v.startsWith("${")) {
      v = Ctrstore.class.getPackage().getImplementationVersion();
    }
    return v == null ? "(unknown version)" : v;
  }
}
