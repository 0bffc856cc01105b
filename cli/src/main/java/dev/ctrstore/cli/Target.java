package dev.ctrstore.cli;

import dev.ctrstore.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What store a command would open, told without opening it (opening creates and migrates a database
 * file): the backend and, for {@code jdbc}, the URL with passwords masked and an embedded file's
 * path made absolute. Read from the same sources as {@link Stores#open()}, highest first: system
 * property, environment variable, the {@code --config} file (else {@code ctrstore.config} /
 * {@code CTRSTORE_CONFIG}, else {@code ctrstore.properties} on the class path). For {@code -V}
 * and {@code --help}; the open itself stays {@link Stores}' business.
 */
final class Target {
  /** The jdbc backend's URL when none is configured (JdbcStoreProvider.DEFAULT_URL). */
  static final String DEFAULT_URL = "jdbc:sqlite:./ctrstore-data/ctrstore.db";

  private static final Pattern AUTHORITY_PASSWORD = Pattern.compile("(//[^/@:?;]*):[^/@]*@");
  private static final Pattern PARAM_PASSWORD =
      Pattern.compile("(?i)((?:^|[?&;,(])\\s*[a-z0-9_.-]*(?:password|pwd)\\s*=)[^&;,)]*");

  private Target() {}

  /** E.g. {@code backend jdbc, jdbc:sqlite:/home/u/ctrstore-data/ctrstore.db (the default: …)}. */
  static String describe(Map<String, String> env, Properties system, @Nullable Path config) {
    Properties file = new Properties();
    String source;
    try {
      source = load(file, env, system, config);
    } catch (IOException | IllegalArgumentException e) {
      return "cannot read the configuration: " + e.getMessage();
    }
    String backend = value("ctrstore.backend", env, system, file);
    if (backend == null) {
      backend = StoreOpener.DEFAULT_BACKEND;
    }
    StringBuilder b = new StringBuilder("backend ").append(backend);
    if (backend.equals("jdbc")) {
      String url = value("ctrstore.jdbc.url", env, system, file);
      b.append(", ").append(absoluteFile(mask(url == null ? DEFAULT_URL : url)));
      if (url == null) {
        b.append(" (the default: embedded SQLite under the working directory)");
      }
    }
    return b.append(source.isEmpty() ? "" : "; configuration from " + source).toString();
  }

  private static String load(Properties into, Map<String, String> env, Properties system,
      @Nullable Path config) throws IOException {
    Path file = config;
    if (file == null) {
      String named = system.getProperty(Stores.CONFIG, env.get("CTRSTORE_CONFIG"));
      file = named == null || named.isBlank() ? null : Path.of(named.trim());
    }
    if (file != null) {
      try (InputStream in = Files.newInputStream(file)) {
        into.load(in);
      }
      return file.toString();
    }
    try (InputStream in = Target.class.getClassLoader().getResourceAsStream(Stores.RESOURCE)) {
      if (in != null) {
        into.load(in);
        return Stores.RESOURCE + " on the class path";
      }
    }
    return "";
  }

  private static @Nullable String value(String key, Map<String, String> env, Properties system,
      Properties file) {
    String v = system.getProperty(key);
    if (v == null) {
      v = env.get(key.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    if (v == null) {
      v = file.getProperty(key);
    }
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** {@code url} with every password replaced by {@code ****}. */
  static String mask(String url) {
    String s = AUTHORITY_PASSWORD.matcher(url).replaceAll("$1:****@");
    return PARAM_PASSWORD.matcher(s).replaceAll("$1****");
  }

  /** An H2 or SQLite file URL whose path is relative ({@code ./…}) with that path made absolute. */
  static String absoluteFile(String url) {
    for (String prefix : new String[] {"jdbc:h2:file:", "jdbc:h2:", "jdbc:sqlite:"}) {
      if (url.regionMatches(true, 0, prefix, 0, prefix.length())) {
        String rest = url.substring(prefix.length());
        if (!rest.startsWith("./") && !rest.startsWith("../")) {
          return url;
        }
        int semi = rest.indexOf(prefix.equals("jdbc:sqlite:") ? '?' : ';');
        String path = semi < 0 ? rest : rest.substring(0, semi);
        return prefix + Path.of("").toAbsolutePath().resolve(path).normalize()
            + (semi < 0 ? "" : rest.substring(semi));
      }
    }
    return url;
  }
}
