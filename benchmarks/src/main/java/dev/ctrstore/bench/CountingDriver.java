package dev.ctrstore.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * A JDBC driver that counts what the store sends to the database: it hands out connections of
 * the real H2 or MySQL driver, wrapped so that every statement execution (one per {@code
 * execute*} call; a whole JDBC batch counts once) and every {@code prepareStatement} is counted.
 * Give it to the store's pool with {@code ctrstore.jdbc.pool.driverClassName}; it is not
 * registered with {@link java.sql.DriverManager}, so nothing else picks it up.
 */
public final class CountingDriver implements Driver {
  private static final AtomicLong EXECUTIONS = new AtomicLong();
  private static final AtomicLong PREPARES = new AtomicLong();
  private static final AtomicLong COMMITS = new AtomicLong();
  private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
  private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate",
      "executeBatch", "executeLargeUpdate", "executeLargeBatch");

  // The thread whose statements are counted: the one that last reset the counters, so that
  // a store's background work (the change log's compactor) does not count.
  private static volatile Thread counted;

  /** Resets the counters and the log; from now on only the calling thread's statements count. */
  public static void reset() {
    counted = Thread.currentThread();
    EXECUTIONS.set(0);
    PREPARES.set(0);
    COMMITS.set(0);
    LOG.clear();
  }

  /** Statement executions since the last {@link #reset()}. */
  public static long executions() {
    return EXECUTIONS.get();
  }

  /** {@code Connection.prepareStatement} calls since the last {@link #reset()}. */
  public static long prepares() {
    return PREPARES.get();
  }

  /** {@code Connection.commit} calls since the last {@link #reset()}. */
  public static long commits() {
    return COMMITS.get();
  }

  /** The SQL of each execution since the last {@link #reset()}, in order. */
  public static List<String> log() {
    synchronized (LOG) {
      return List.copyOf(LOG);
    }
  }

  private static @Nullable Driver delegate(String url) throws SQLException {
    if (url.startsWith("jdbc:h2:")) {
      return new org.h2.Driver();
    }
    if (url.startsWith("jdbc:mysql:")) {
      return new com.mysql.cj.jdbc.Driver();
    }
    return null;
  }

  @Override
  public @Nullable Connection connect(String url, Properties info) throws SQLException {
    Driver d = delegate(url);
    if (d == null) {
      return null;
    }
    Connection real = d.connect(url, info);
    return (Connection) Proxy.newProxyInstance(CountingDriver.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new ConnectionHandler(real));
  }

  @Override
  public boolean acceptsURL(String url) throws SQLException {
    return delegate(url) != null;
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    Driver d = delegate(url);
    return d == null ? new DriverPropertyInfo[0] : d.getPropertyInfo(url, info);
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  private static Object call(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private record ConnectionHandler(Connection real) implements InvocationHandler {
    @Override
    public @Nullable Object invoke(Object proxy, Method m, Object @Nullable [] args)
        throws Throwable {
      switch (m.getName()) {
        case "unwrap":
          if (((Class<?>) args[0]).isInstance(proxy)) {
            return proxy;
          }
          break;
        case "isWrapperFor":
          if (((Class<?>) args[0]).isInstance(proxy)) {
            return true;
          }
          break;
        case "commit":
          COMMITS.incrementAndGet();
          break;
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          break;
      }
      Object result = call(real, m, args);
      if (m.getName().equals("prepareStatement") || m.getName().equals("prepareCall")) {
        PREPARES.incrementAndGet();
        String sql = (String) args[0];
        Class<?> type = m.getName().equals("prepareCall") ? CallableStatement.class : PreparedStatement.class;
        return Proxy.newProxyInstance(CountingDriver.class.getClassLoader(), new Class<?>[] {type},
            new StatementHandler(result, sql));
      }
      if (m.getName().equals("createStatement")) {
        return Proxy.newProxyInstance(CountingDriver.class.getClassLoader(),
            new Class<?>[] {Statement.class}, new StatementHandler(result, null));
      }
      return result;
    }
  }

  private record StatementHandler(Object real, String sql) implements InvocationHandler {
    @Override
    public @Nullable Object invoke(Object proxy, Method m, Object @Nullable [] args)
        throws Throwable {
      if (m.getName().equals("equals")) {
        return proxy == args[0];
      }
      if (m.getName().equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      Thread only = counted;
      if (EXECUTE.contains(m.getName()) && (only == null || only == Thread.currentThread())) {
        EXECUTIONS.incrementAndGet();
        LOG.add(sql != null ? sql : args != null && args.length > 0 ? String.valueOf(args[0]) : "?");
      }
      return call(real, m, args);
    }
  }
}
