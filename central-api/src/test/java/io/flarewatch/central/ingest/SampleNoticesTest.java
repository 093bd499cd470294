package io.flarewatch.central.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SampleNoticesTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void everyListenerOfANoticeGetsItsIdAndEachNoticeHasItsOwn() {
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    SampleNotices.listen(vertx, "north", first::add);
    SampleNotices.listen(vertx, "north", second::add);
    SampleNotices.stored(vertx, "north", 3);
    SampleNotices.stored(vertx, "north", 4);

    await().until(() -> first.size() == 2 && second.size() == 2);
    assertNotNull(first.get(0));
    assertEquals(first, second);
    assertNotEquals(first.get(0), first.get(1));
  }
}
