package dev.ctrstore.internal;

import dev.ctrstore.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Page tokens: the id of the last container of a page, bound to the namespace and filters the
 * page was read with, in URL-safe base64 without padding:
 * {@code version(1) | scope(8) | last id (UTF-8) | check(8)}, where scope is a SHA-256 prefix of
 * the namespace and filters and check a SHA-256 prefix of everything before it.
 *
 * <p>The check catches altered and truncated tokens, not forgeries: it is a checksum, not a MAC,
 * because a token is only a position in id order and grants nothing a {@code list} would not.
 * Holding no key keeps tokens valid across restarts and across processes sharing a database.
 */
public final class PageTokens {
  private static final byte VERSION = 1;
  private static final int HASH = 8;
  private static final String FIELD = "page_token";

  private PageTokens() {}

  /** The token resuming after {@code lastId} in {@code namespace} with these filters. */
  public static String encode(String namespace, String[] filters, String lastId) {
    byte[] id = lastId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(1 + HASH + id.length + HASH);
    b.put(VERSION).put(scope(namespace, filters)).put(id);
    b.put(check(b.array(), b.position()));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /**
   * The id a token resumes after.
   *
   * @throws InvalidArgumentException if the token is malformed, altered, or was issued for
   *     another namespace or other filters
   */
  public static String decode(String token, String namespace, String[] filters) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid("is not a page token of this store (not URL-safe base64)");
    }
    // The decoder ignores unused trailing bits: require the one canonical spelling.
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(token)) {
      throw invalid("is not a page token of this store (not in canonical form)");
    }
    if (raw.length < 1 + HASH + 1 + HASH || raw[0] != VERSION) {
      throw invalid("is not a page token of this store (wrong length or version)");
    }
    int end = raw.length - HASH;
    if (!MessageDigest.isEqual(check(raw, end), Arrays.copyOfRange(raw, end, raw.length))) {
      throw invalid("was altered or truncated (checksum mismatch)");
    }
    if (!MessageDigest.isEqual(scope(namespace, filters), Arrays.copyOfRange(raw, 1, 1 + HASH))) {
      throw invalid("was issued for another namespace or other filters; "
          + "pass the same filters as for the first page");
    }
    return new String(raw, 1 + HASH, end - 1 - HASH, StandardCharsets.UTF_8);
  }

  private static InvalidArgumentException invalid(String why) {
    return new InvalidArgumentException(FIELD + ": the token " + why);
  }

  private static byte[] scope(String namespace, String[] filters) {
    MessageDigest d = sha256();
    d.update("ctrstore page scope\0".getBytes(StandardCharsets.UTF_8));
    d.update(namespace.getBytes(StandardCharsets.UTF_8));
    for (String f : filters) {
      d.update((byte) 0);
      d.update((f == null ? "" : f).getBytes(StandardCharsets.UTF_8));
    }
    return Arrays.copyOf(d.digest(), HASH);
  }

  private static byte[] check(byte[] bytes, int length) {
    MessageDigest d = sha256();
    d.update("ctrstore page token\0".getBytes(StandardCharsets.UTF_8));
    d.update(bytes, 0, length);
    return Arrays.copyOf(d.digest(), HASH);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
