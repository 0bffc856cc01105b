package dev.ctrstore.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.NotFoundException;
import dev.ctrstore.Store;
import dev.ctrstore.filter.Filter;
import dev.ctrstore.filter.Filters;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index only narrows what the shared filter decides: after a random history of creates,
 * label updates and deletes, every indexed answer equals a full scan filtered in memory.
 */
class LabelIndexTest {
  private static final String[][] FILTERS = {
      {"labels.grp==3"}, {"labels.grp"}, {"labels.grp==3", "labels.env==prod"},
      {"labels.grp==1,labels.env==dev"}, {"id==c7"}, {"labels.grp==2,image~=x"},
      {"labels.env!=prod"}, {"labels.grp==9", "id~=1$"}, {"labels.nope"}, {""},
  };

  @Test
  void indexedListsEqualFullScans() {
    Random random = new Random(42);
    Context ctx = Context.withNamespace("index");
    try (Store store = MemoryStoreProvider.openStore()) {
      for (int step = 0; step < 3000; step++) {
        String id = "c" + random.nextInt(60);
        Container c = Container.builder().id(id).runtime("rt").spec(Any.getDefaultInstance())
            .label("grp", String.valueOf(random.nextInt(10)))
            .label("env", random.nextBoolean() ? "prod" : "")
            .image(random.nextBoolean() ? "x" : "y").build();
        try {
          switch (random.nextInt(4)) {
            case 0 -> store.create(ctx, c);
            case 1 -> store.update(ctx, c, "labels.grp", "labels.env");
            case 2 -> store.update(ctx, c);
            default -> store.delete(ctx, id);
          }
        } catch (NotFoundException | dev.ctrstore.AlreadyExistsException expected) {
          // the random history hits missing and existing ids; both are fine here
        }
        if (step % 100 == 0) {
          List<Container> all = store.list(ctx);
          for (String[] f : FILTERS) {
            Filter filter = Filters.parse(f);
            assertEquals(all.stream().filter(filter).toList(), store.list(ctx, f),
                () -> "filter " + String.join(" | ", f));
          }
        }
      }
    }
  }
}
