package dev.ctrstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ctrstore.InvalidArgumentException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageTokensTest {
  private static final String[] FILTERS = {"labels.app==web", "image~=redis"};

  @Test
  void roundTripsTheLastId() {
    String token = PageTokens.encode("ns", FILTERS, "c-0042");
    assertEquals("c-0042", PageTokens.decode(token, "ns", FILTERS.clone()));
    assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
  }

  @Test
  void everySingleByteChangeIsRejected() {
    byte[] raw = Base64.getUrlDecoder().decode(PageTokens.encode("ns", FILTERS, "c-0042"));
    for (int i = 0; i < raw.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] changed = raw.clone();
        changed[i] ^= (byte) (1 << bit);
        String t = Base64.getUrlEncoder().withoutPadding().encodeToString(changed);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
            () -> PageTokens.decode(t, "ns", FILTERS));
        assertTrue(e.getMessage().startsWith("page_token: "), e.getMessage());
      }
    }
  }

  @Test
  void truncatedAndForeignTokensAreRejected() {
    String token = PageTokens.encode("ns", FILTERS, "c-0042");
    for (String bad : new String[] {"", "x", "not a token", token.substring(0, token.length() - 3),
        token + "A", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", token.replace('-', '+')}) {
      if (bad.equals(token)) {
        continue;
      }
      assertThrows(InvalidArgumentException.class, () -> PageTokens.decode(bad, "ns", FILTERS),
          bad);
    }
  }

  @Test
  void otherFiltersOrNamespaceAreRejectedNamingTheRule() {
    String token = PageTokens.encode("ns", FILTERS, "c-0042");
    InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
        () -> PageTokens.decode(token, "ns", new String[] {"labels.app==web"}));
    assertTrue(e.getMessage().contains("other filters"), e.getMessage());
    assertThrows(InvalidArgumentException.class,
        () -> PageTokens.decode(token, "other", FILTERS));
    assertThrows(InvalidArgumentException.class,
        () -> PageTokens.decode(token, "ns", new String[] {FILTERS[1], FILTERS[0]}));
  }

  @Test
  void theEncodingIsFixedSoTokensOutliveTheProcess() {
    // No per-process key: a token issued before a restart, or by another process, still decodes.
    // The value was issued by this encoding when it was introduced; changing it breaks tokens.
    assertEquals("AaRniCfR8CMhY2lkMVR28slaV25U", PageTokens.encode("ns", new String[0], "cid1"));
    assertEquals("cid1", PageTokens.decode("AaRniCfR8CMhY2lkMVR28slaV25U", "ns", new String[0]));
  }
}
