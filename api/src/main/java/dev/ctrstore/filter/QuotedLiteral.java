package dev.ctrstore.filter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a quoted literal ({@code "…"}, {@code /…/} or {@code |…|}) and decodes its Go-style
 * escapes. {@code \xHH} and octal escapes stand for single bytes, so the literal is collected as
 * bytes and decoded as UTF-8 at the end; a result that is not UTF-8 is marked invalid, because
 * it can never equal a stored string.
 *
 * @param text the decoded text (undecodable bytes replaced by U+FFFD)
 * @param validUtf8 whether the bytes were valid UTF-8
 */
record QuotedLiteral(String text, boolean validUtf8) {

  /** Reads the literal whose opening delimiter is at the cursor. */
  static QuotedLiteral read(Cursor in) {
    int start = in.pos();
    int quote = in.peek();
    in.advance(quote);
    Bytes out = new Bytes();
    while (true) {
      int c = in.peek();
      if (c == Cursor.EOF || c == '\n') {
        throw in.error(start, "quoted literal not terminated");
      }
      in.advance(c);
      if (c == quote) {
        return out.decode();
      }
      if (c == '\\') {
        escape(in, quote, out);
      } else {
        out.codePoint(c);
      }
    }
  }

  /** One escape; the backslash has been read. Only the current delimiter may be escaped. */
  private static void escape(Cursor in, int quote, Bytes out) {
    int at = in.pos() - 1;
    int c = in.peek();
    if (c == Cursor.EOF || c == '\n') {
      throw in.error(at, "quoted literal not terminated");
    }
    in.advance(c);
    switch (c) {
      case 'a' -> out.add(7);
      case 'b' -> out.add(8);
      case 'f' -> out.add(12);
      case 'n' -> out.add(10);
      case 'r' -> out.add(13);
      case 't' -> out.add(9);
      case 'v' -> out.add(11);
      case '\\' -> out.add('\\');
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        int v = (c - '0') << 6 | digits(in, at, 8, 2);
        if (v > 255) {
          throw in.error(at, "unquoting failed: quote syntax error (octal escape above \\377)");
        }
        out.add(v);
      }
      case 'x' -> out.add(digits(in, at, 16, 2));
      case 'u' -> out.codePoint(unicode(digits(in, at, 16, 4)));
      case 'U' -> {
        int v = digits(in, at, 16, 8);
        if (v < 0 || v > Character.MAX_CODE_POINT) {
          throw in.error(at, "unquoting failed: quote syntax error (\\U escape above 10FFFF)");
        }
        out.codePoint(unicode(v));
      }
      default -> {
        if (c != quote) {
          throw in.error(at, "illegal escape sequence");
        }
        out.codePoint(c);
      }
    }
  }

  /** containerd's unquote encodes a surrogate code point as U+FFFD rather than failing. */
  private static int unicode(int v) {
    return v >= 0xD800 && v <= 0xDFFF ? 0xFFFD : v;
  }

  /** Exactly n ASCII digits of the base; 8 hex digits may overflow to a negative int. */
  private static int digits(Cursor in, int at, int base, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      int c = in.peek();
      int d = digitValue(c);
      if (d >= base) {
        throw in.error(at, "illegal numeric escape sequence");
      }
      in.advance(c);
      v = v * base + d;
    }
    return v;
  }

  private static int digitValue(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return 16;
  }

  /** A growable byte buffer; escapes add single bytes, other characters their UTF-8 form. */
  private static final class Bytes {
    private byte[] buf = new byte[16];
    private int len;

    void add(int b) {
      if (len == buf.length) {
        buf = Arrays.copyOf(buf, len * 2);
      }
      buf[len++] = (byte) b;
    }

    void codePoint(int cp) {
      if (cp < 0x80) {
        add(cp);
      } else {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          add(b);
        }
      }
    }

    QuotedLiteral decode() {
      try {
        String s = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(buf, 0, len)).toString();
        return new QuotedLiteral(s, true);
      } catch (CharacterCodingException e) {
        return new QuotedLiteral(new String(buf, 0, len, StandardCharsets.UTF_8), false);
      }
    }
  }
}
