package dev.ctrstore.internal;

import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import dev.ctrstore.spi.StoreProvider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * A provider that only records the configuration it was opened with; its storage keeps nothing
 * (every abstract method answers null, default methods behave as the interface says).
 */
public final class FakeProvider implements StoreProvider {
  static volatile StoreConfig lastConfig;

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public Set<String> keys() {
    return Set.of("ctrstore.fake.url", "ctrstore.fake.password", "ctrstore.fake.pool.*");
  }

  @Override
  public Storage open(StoreConfig config) {
    lastConfig = config;
    return nullStorage();
  }

  /** A storage whose abstract methods answer null and whose default methods do what they say. */
  static Storage nullStorage() {
    return (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(),
        new Class<?>[] {Storage.class}, (proxy, method, args) -> method.isDefault()
            ? InvocationHandler.invokeDefault(proxy, method, args) : null);
  }
}
