package dev.ctrstore.internal;

import dev.ctrstore.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Where the configuration file comes from: a file given directly, else the file named by {@code
 * -Dctrstore.config} or {@code CTRSTORE_CONFIG}, else {@code ctrstore.properties} on the class
 * path. A file that is named but missing or unreadable fails at once, naming it.
 */
public final class ConfigFiles {
  /** The class-path resource read when no file is named. */
  public static final String RESOURCE = "ctrstore.properties";

  private ConfigFiles() {}

  /** The properties of a file given directly (not through {@code ctrstore.config}). */
  public static Properties read(Path file) {
    return read(file, false);
  }

  /** The properties named by the sources, else the class-path resource, else none. */
  public static Properties lookUp(Properties system, Map<String, String> env, ClassLoader cl) {
    String named = system.getProperty(ConfigResolver.CONFIG);
    if (named == null || named.isBlank()) {
      named = env.get(ConfigResolver.envName(ConfigResolver.CONFIG));
    }
    if (named != null && !named.isBlank()) {
      return read(Path.of(named.trim()), true);
    }
    Properties props = new Properties();
    try (InputStream in = cl.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new InvalidArgumentException(ConfigResolver.CONFIG + ": cannot read class-path resource "
          + RESOURCE + ": " + e.getMessage(), e);
    }
    return props;
  }

  /** Messages name {@code ctrstore.config} only when that key named the file. */
  private static Properties read(Path file, boolean named) {
    String prefix = named ? ConfigResolver.CONFIG + ": " : "";
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    } catch (NoSuchFileException e) {
      throw new InvalidArgumentException(prefix + (named ? "file " : "config file ") + file
          + " does not exist", e);
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: Properties.load met a malformed Unicode escape.
      throw new InvalidArgumentException(prefix + "cannot read " + (named ? "" : "config file ")
          + file + ": " + e.getMessage(), e);
    }
    return props;
  }

  /** The thread's context class loader, else the one that loaded ctrstore. */
  public static ClassLoader defaultClassLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : ConfigFiles.class.getClassLoader();
  }

  /** {@code value}, or an {@link InvalidArgumentException} naming {@code what} when it is null. */
  public static <T> T required(@Nullable T value, String what) {
    if (value == null) {
      throw new InvalidArgumentException(what + " must not be null");
    }
    return value;
  }
}
