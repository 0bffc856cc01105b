package dev.ctrstore.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import dev.ctrstore.Container;
import dev.ctrstore.Context;
import dev.ctrstore.Event;
import dev.ctrstore.NamespacedContainer;
import dev.ctrstore.Store;
import dev.ctrstore.Stores;
import dev.ctrstore.TransferOptions;
import dev.ctrstore.TransferReport;
import dev.ctrstore.Transfers;
import dev.ctrstore.spi.Storage;
import dev.ctrstore.spi.StoreConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bulk moves into the memory backend: a batch takes its revisions at once ({@link
 * Storage.Writer#nextRevisions}), one per container written, each with its event.
 */
class MemoryTransfersTest {
  private final Storage storage = new MemoryStoreProvider().open(StoreConfig.of(Map.of()));
  private final Context ctx = Context.withNamespace("ns");

  @Test
  void aBatchTakesOneRevisionAndOneEventPerContainerWritten() {
    Instant t = Instant.parse("2024-01-02T03:04:05.123456Z");
    List<NamespacedContainer> batch = IntStream.range(0, 4).mapToObj(i ->
        new NamespacedContainer("ns", Container.builder().id("c" + i).runtime("rt")
            .spec(Any.getDefaultInstance()).createdAt(t).updatedAt(t.plusSeconds(i)).build()))
        .toList();
    try (Store store = Stores.over(storage)) {
      store.create(ctx, Container.builder().id("a").runtime("rt").spec(Any.getDefaultInstance())
          .build());
      TransferReport r = Transfers.write(batch.stream(), store, TransferOptions.defaults());
      assertEquals(4, r.copied());
      assertEquals(5, store.revision(ctx));
      assertEquals(List.of(2L, 3L, 4L, 5L), storage.events(ctx, "ns", 1, 100).events().stream()
          .map(Event::revision).toList());
      assertEquals(batch.get(3).container().toBuilder().revision(5).build(), store.get(ctx, "c3"));
      assertEquals(6, store.update(ctx, store.get(ctx, "a").toBuilder().image("i").build())
          .revision());
      assertEquals(4, Transfers.write(batch.stream(), store, TransferOptions.defaults())
          .identical());
      assertEquals(6, store.revision(ctx));
    }
  }
}
