package dev.ctrstore.reliability;

import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.ErrorKind;
import dev.ctrstore.Store;
import dev.ctrstore.StoreException;
import dev.ctrstore.reliability.Linearizability.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded random mix of the five operations over a small set of ids, so that calls collide:
 * creates and full updates with random labels, image, spec and extensions; field-path updates
 * (whole maps and single keys); deletes; gets; and lists with equality, presence, inequality,
 * regex and OR-ed filters. A few calls are invalid on purpose (an empty label key, an unknown
 * field path).
 */
final class Workload {
  static final String[] FILTERS = {
      "labels.env==prod", "labels.tier", "image==img-1,labels.env==dev", "labels.env!=prod",
      "id~=^c1", "labels.tier==a", "runtime.name==" + Rel.RUNTIME + ",labels.tier!=b",
      "image~=img-[12]$", "labels.\"app/name\"==web", "snapshotter==overlayfs,labels.env"};
  static final String[] PATHS = {
      "labels", "labels.env", "labels.tier", "labels.app/name", "image", "spec", "extensions",
      "extensions.e1", "snapshotkey"};

  /** A planned call. */
  record Call(Kind kind, String id, Container input, List<String> paths, List<String> filters) {}

  private final Random random;
  private final int ids;

  Workload(long seed, int ids) {
    this.random = new Random(seed);
    this.ids = ids;
  }

  Call next() {
    String id = "c" + random.nextInt(ids);
    int p = random.nextInt(100);
    if (p < 18) {
      return new Call(Kind.GET, id, null, null, null);
    }
    if (p < 36) {
      List<String> filters = new ArrayList<>();
      int n = random.nextInt(4) == 0 ? 2 : 1;
      for (int i = 0; i < n; i++) {
        filters.add(FILTERS[random.nextInt(FILTERS.length)]);
      }
      return new Call(Kind.LIST, id, null, null, filters);
    }
    if (p < 56) {
      return new Call(Kind.CREATE, id, content(id), null, null);
    }
    if (p < 85) {
      List<String> paths = new ArrayList<>();
      if (random.nextInt(3) > 0) {
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          paths.add(random.nextInt(40) == 0 ? "bogus" : PATHS[random.nextInt(PATHS.length)]);
        }
      }
      return new Call(Kind.UPDATE, id, content(id), paths, null);
    }
    return new Call(Kind.DELETE, id, null, null, null);
  }

  private Container content(String id) {
    Container.Builder b = Container.builder().id(id).runtime(Rel.RUNTIME).snapshotter("overlayfs")
        .snapshotKey(random.nextBoolean() ? "" : "k" + random.nextInt(3))
        .image(random.nextInt(4) == 0 ? "" : "img-" + random.nextInt(3))
        .spec(Rel.spec("s" + random.nextInt(4)));
    if (random.nextBoolean()) {
      b.label("env", random.nextBoolean() ? "prod" : "dev");
    }
    if (random.nextBoolean()) {
      b.label("tier", String.valueOf((char) ('a' + random.nextInt(3))));
    }
    if (random.nextInt(3) == 0) {
      b.label("app/name", random.nextBoolean() ? "web" : ""); // "" deletes the label
    }
    if (random.nextInt(50) == 0) {
      b.label("", "x"); // invalid: empty key
    }
    if (random.nextBoolean()) {
      b.extension("e1", Rel.any("t/e", "x" + random.nextInt(3)));
    }
    return b.build();
  }

  /** Runs a call; the result is a Container, a List, "ok", or the ErrorKind of a StoreException. */
  static Object run(Store store, Context ctx, Call c) {
    try {
      return switch (c.kind()) {
        case GET -> store.get(ctx, c.id());
        case LIST -> store.list(ctx, c.filters().toArray(String[]::new));
        case CREATE -> store.create(ctx, c.input());
        case UPDATE -> store.update(ctx, c.input(), c.paths().toArray(String[]::new));
        case DELETE -> {
          store.delete(ctx, c.id());
          yield "ok";
        }
      };
    } catch (StoreException e) {
      if (e.kind() == ErrorKind.UNKNOWN || e.kind() == ErrorKind.UNAVAILABLE
          || e.kind() == ErrorKind.DEADLINE_EXCEEDED || e.kind() == ErrorKind.FAILED_PRECONDITION) {
        throw new AssertionError(c + " failed unexpectedly: " + e, e);
      }
      return e.kind();
    }
  }
}
