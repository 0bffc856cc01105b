package dev.ctrstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No cycle between api's packages ({@code dev.ctrstore}, {@code .filter}, {@code .spi}, {@code
 * .internal}) at the level of classes: every strongly connected group of classes that refer to
 * each other lies in one package. Package by package, the public names make some references
 * mutual on purpose ({@code Stores.over(Storage)} in {@code dev.ctrstore}, a {@code Storage}
 * speaking {@code Container}; the engine in {@code internal} implementing {@code Store}), but no
 * class is reached again through another package, so each package can be read, and changed,
 * with the classes it uses from the others fixed. References are read from the sources (code
 * only, not comments or strings): fully qualified names, imports, and simple names within a
 * package.
 */
class ApiPackageCyclesTest {
  private static final String API = "api/src/main/java";
  private static final Pattern QUALIFIED =
      Pattern.compile("\\b(dev\\.ctrstore(?:\\.[a-z][a-z0-9]*)*)\\.([A-Z]\\w*)");
  private static final Pattern WILDCARD = Pattern.compile("import\\s+([\\w.]+)\\.\\*\\s*;");
  private static final Pattern HEADER = Pattern.compile("^\\s*(package|import)\\b[^;]*;",
      Pattern.MULTILINE);

  @Test
  void noCycleOfClassesSpansTwoPackages() {
    Map<String, Set<String>> graph = classGraph(RepositorySources.root().resolve(API));
    assertTrue(graph.size() > 50, "found only " + graph.size() + " classes in " + API);
    assertEquals(List.of(), crossPackageCycles(graph), "classes that reach themselves through"
        + " another package; move one of them, or the part both need, so the cycle stays in one"
        + " package");
  }

  @Test
  void theScanSeesReferencesEachWay() {
    // Guards the scan: these references exist both ways between the two packages.
    Map<String, Set<String>> graph = classGraph(RepositorySources.root().resolve(API));
    assertTrue(graph.get("dev.ctrstore.Stores").contains("dev.ctrstore.internal.ConfigResolver"),
        "Stores -> ConfigResolver");
    assertTrue(graph.get("dev.ctrstore.internal.StandardStore").contains("dev.ctrstore.Container"),
        "StandardStore -> Container");
    assertTrue(graph.get("dev.ctrstore.internal.StandardStore")
        .contains("dev.ctrstore.internal.Validation"), "same-package simple name");
  }

  @Test
  void aCycleThroughTwoPackagesIsFound() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a.A", Set.of("b.B"));
    graph.put("b.B", Set.of("b.C"));
    graph.put("b.C", Set.of("a.A", "b.B"));
    graph.put("b.D", Set.of("b.E", "a.A"));
    graph.put("b.E", Set.of("b.D"));
    assertEquals(List.of(List.of("a.A", "b.B", "b.C")), crossPackageCycles(graph));
  }

  /** Each top-level class of the source tree, with the classes of the tree it refers to. */
  static Map<String, Set<String>> classGraph(Path sources) {
    Map<String, String> code = new TreeMap<>();
    Map<String, Set<String>> byPackage = new HashMap<>();
    for (Path f : RepositorySources.javaFiles(sources)) {
      String file = f.getFileName().toString();
      if (file.equals("package-info.java")) {
        continue;
      }
      String pkg = sources.relativize(f.getParent()).toString().replace('/', '.');
      String simple = file.substring(0, file.length() - ".java".length());
      code.put(pkg + "." + simple, RepositorySources.code(f));
      byPackage.computeIfAbsent(pkg, k -> new TreeSet<>()).add(simple);
    }
    Map<String, Set<String>> graph = new TreeMap<>();
    code.forEach((name, text) -> {
      Set<String> refs = new TreeSet<>();
      Matcher q = QUALIFIED.matcher(text);
      while (q.find()) {
        refs.add(q.group(1) + "." + q.group(2));
      }
      List<String> visible = new ArrayList<>(List.of(packageOf(name)));
      Matcher w = WILDCARD.matcher(text);
      while (w.find()) {
        visible.add(w.group(1));
      }
      String body = HEADER.matcher(text).replaceAll(" ");
      for (String pkg : visible) {
        for (String simple : byPackage.getOrDefault(pkg, Set.of())) {
          if (Pattern.compile("\\b" + simple + "\\b").matcher(body).find()) {
            refs.add(pkg + "." + simple);
          }
        }
      }
      refs.remove(name);
      refs.retainAll(code.keySet());
      graph.put(name, refs);
    });
    return graph;
  }

  /** The strongly connected groups of {@code graph} with classes of two or more packages. */
  static List<List<String>> crossPackageCycles(Map<String, Set<String>> graph) {
    List<List<String>> out = new ArrayList<>();
    for (List<String> group : new Tarjan(graph).groups()) {
      if (group.stream().map(ApiPackageCyclesTest::packageOf).distinct().count() > 1) {
        out.add(group.stream().sorted().toList());
      }
    }
    return out;
  }

  private static String packageOf(String className) {
    return className.substring(0, className.lastIndexOf('.'));
  }

  /** Tarjan's strongly connected components. */
  private static final class Tarjan {
    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<List<String>> groups = new ArrayList<>();

    Tarjan(Map<String, Set<String>> graph) {
      this.graph = graph;
    }

    List<List<String>> groups() {
      for (String v : graph.keySet()) {
        if (!index.containsKey(v)) {
          visit(v);
        }
      }
      return groups;
    }

    private void visit(String v) {
      int i = index.size();
      index.put(v, i);
      low.put(v, i);
      stack.push(v);
      onStack.add(v);
      for (String w : graph.getOrDefault(v, Set.of())) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        List<String> group = new ArrayList<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          group.add(w);
        } while (!w.equals(v));
        groups.add(group);
      }
    }
  }
}
