package dev.ctrstore.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ctrstore.Stores;
import dev.ctrstore.spi.StoreProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The IDE metadata names exactly the keys the backends declare (the one key list, which
 * {@code Stores} checks): a key added to a backend and not here, or the reverse, fails.
 */
class ConfigurationMetadataTest {
  @Test
  void theMetadataListsEveryKeyOfTheBackendsAndNoOther() throws IOException {
    String json;
    try (InputStream in = Objects.requireNonNull(getClass().getClassLoader()
        .getResourceAsStream("META-INF/spring-configuration-metadata.json"))) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String properties = json.substring(json.indexOf("\"properties\""), json.indexOf("\"hints\""));
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("\"name\": \"([^\"]+)\"").matcher(properties);
    while (m.find()) {
      documented.add(m.group(1));
    }
    Set<String> declared = new TreeSet<>(Set.of(Stores.BACKEND, Stores.CONFIG));
    for (StoreProvider p : ServiceLoader.load(StoreProvider.class)) {
      for (String key : p.keys()) {
        declared.add(key.endsWith(".*") ? key.substring(0, key.length() - 2) : key);
      }
    }
    assertEquals(declared, documented);
  }
}
