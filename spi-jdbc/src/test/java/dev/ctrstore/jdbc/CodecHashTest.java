package dev.ctrstore.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The stored hash is the first 8 bytes of SHA-256, however often and from how many threads a string is hashed. */
class CodecHashTest {
  private static byte[] sha256Prefix(String s) throws Exception {
    return Arrays.copyOf(MessageDigest.getInstance("SHA-256")
        .digest(s.getBytes(StandardCharsets.UTF_8)), Codec.HASH_BYTES);
  }

  @Test
  void theFirstEightBytesOfSha256() {
    // SHA-256("abc") begins ba7816bf8f01cfea.
    assertArrayEquals(HexFormat.of().parseHex("ba7816bf8f01cfea"), Codec.hash("abc"));
  }

  @Test
  void aRepeatedStringHashesTheSameAndHandsOutItsOwnCopy() throws Exception {
    byte[] first = Codec.hash("io.kubernetes.pod.name");
    first[0] ^= 1; // a caller that changes its array must not change the next caller's
    byte[] second = Codec.hash("io.kubernetes.pod.name");
    assertArrayEquals(sha256Prefix("io.kubernetes.pod.name"), second);
    assertNotSame(first, second);
  }

  @Test
  void stringsThatShareASlotKeepTheirOwnHashes() throws Exception {
    // Far more strings than the memo has slots, each hashed twice, long ones included.
    List<String> strings = IntStream.range(0, 20_000)
        .mapToObj(i -> i % 97 == 0 ? "v".repeat(300) + i : "label-" + i).toList();
    for (int round = 0; round < 2; round++) {
      for (String s : strings) {
        assertArrayEquals(sha256Prefix(s), Codec.hash(s), s);
      }
    }
  }

  @Test
  void threadsRacingOnTheMemoGetCorrectHashes() throws Exception {
    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    List<Thread> threads = IntStream.range(0, 8).mapToObj(t -> new Thread(() -> {
      for (int i = 0; i < 50_000; i++) {
        String s = "k" + ((i * 31 + t) % 6_000);
        try {
          if (!Arrays.equals(sha256Prefix(s), Codec.hash(s))) {
            wrong.add(s);
          }
        } catch (Exception e) {
          wrong.add(s + ": " + e);
        }
      }
    })).toList();
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), List.copyOf(wrong));
  }
}
