package dev.ctrstore.conformance;

import static dev.ctrstore.conformance.Fixtures.any;
import static dev.ctrstore.conformance.Fixtures.spec;

import dev.ctrstore.Container;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The worked filter examples of the semantics reference (docs/semantics.md §8.9): four sample containers and 120
 * List calls, with ctrstore's decision D-8 applied (rows 23 and 40–42, whose invalid regular
 * expression containerd silently treats as a non-match, are {@code InvalidArgument}). Row 106
 * holds three independent calls and appears as 106a–c.
 */
final class FilterExamples {
  private FilterExamples() {}

  /** One row: its number, the expected result ({@code ERR}, {@code none} or sample names), the strings. */
  record Row(String number, String expected, String... filters) {
    boolean isError() {
      return expected.equals("ERR");
    }

    /** The expected ids, in List order (byte order of the id). */
    List<String> expectedIds() {
      if (expected.equals("none")) {
        return List.of();
      }
      List<String> ids = new ArrayList<>();
      for (String c : expected.split(" ")) {
        ids.add(switch (c) {
          case "C1" -> "redis-1";
          case "C2" -> "web.2";
          case "C3" -> "Kata3";
          case "C4" -> "bare";
          default -> throw new IllegalArgumentException(c);
        });
      }
      ids.sort(null); // ASCII ids: String order is byte order
      return ids;
    }

    @Override
    public String toString() {
      return "#" + number + " " + Arrays.toString(filters) + " -> " + expected;
    }
  }

  /** The four sample containers C1–C4 of §8.9. */
  static List<Container> samples() {
    return List.of(
        Container.builder().id("redis-1").image("docker.io/library/redis:7")
            .runtime("io.containerd.runc.v2").spec(spec())
            .labels(Map.of("env", "prod", "tier", "db", "io.k8s.pod", "p1", "app/name", "redis"))
            .build(),
        Container.builder().id("web.2").image("docker.io/library/nginx:latest")
            .runtime("io.containerd.runc.v2").spec(spec())
            .labels(Map.of("env", "dev", "Env", "PROD", "tier", "web", "a.b", "dotted",
                "region", "eu,west"))
            .build(),
        Container.builder().id("Kata3").image("")
            .runtime("io.containerd.kata.v2").spec(spec())
            .labels(Map.of("env", "Prod", "quote\"key", "q", "sp ace", "x y", "pad", " "))
            .build(),
        Container.builder().id("bare").image("registry.local:5000/app")
            .runtime("runsc").spec(any("types.containerd.io/opencontainers/runtime-spec/1/Spec", "{}"))
            .snapshotter("overlayfs").snapshotKey("bare-snap")
            .build());
  }

  private static final String ALL = "C1 C2 C3 C4";

  private static Row r(String n, String expected, String... filters) {
    return new Row(n, expected, filters);
  }

  /** The rows, in the order of the reference. */
  static List<Row> rows() {
    return List.of(
        r("1", ALL),
        r("2", ALL, ""),
        r("3", "ERR", " "),
        r("4", "C1", "id==redis-1"),
        r("5", "none", "id==REDIS-1"),
        r("6", "none", "ID==bare"),
        r("7", "C2 C3 C4", "id!=redis-1"),
        r("8", "C1 C2 C4", "id~=e"),
        r("9", "C2", "id~=^web"),
        r("10", "C3", "id~=(?i)kata"),
        r("11", "C1 C2 C3", "id~=\\d"),
        r("12", "ERR", "id~=\"\\d\""),
        r("13", "C1 C2 C3", "id~=\"\\\\d\""),
        r("14", "ERR", "id~=/\\d/"),
        r("15", "ERR", "id~=.*"),
        r("16", ALL, "id~=\".*\""),
        r("17", "ERR", "id~=|^(redis|web)|"),
        r("18", "C1 C2", "id~=|^(redis\\|web)|"),
        r("19", "ERR", "id~=/web\\.2/"),
        r("20", "C2", "id~=/web\\\\.2/"),
        r("21", "C2", "id~=\\bweb"),
        r("22", "none", "id~=\"\\bweb\""),
        r("23", "ERR", "id~=(?=x)"), // D-8: containerd matches nothing
        r("24", "C4", "id~=(?i)BARE"),
        r("25", "C4", "id.extra==bare"),
        r("26", "C1 C2 C4", "image"),
        r("27", "ERR", "image=="),
        r("28", "none", "image==\"\""),
        r("29", "C1 C2 C4", "image!=\"\""),
        r("30", ALL, "image~=\"\""),
        r("31", "C3", "image~=^$"),
        r("32", "C1", "image==docker.io/library/redis:7"),
        r("33", "C4", "image==registry.local:5000/app"),
        r("34", "C1 C2", "image~=redis|nginx"),
        r("35", "C1 C2", "image~=/redis|nginx/"),
        r("36", "C1 C2", "image~=^docker\\.io"),
        r("37", "ERR", "image~=/^docker\\.io/"),
        r("38", "C1 C2", "image~=/^docker\\\\.io/"),
        r("39", "C4", "image~=:\\d+/"),
        r("40", "ERR", "image~=["), // D-8: containerd matches nothing
        r("41", "ERR", "image~=[", "id==bare"), // D-8: containerd returns C4
        r("42", "ERR", "image~=[,id==bare"), // D-8: containerd matches nothing
        r("43", "C1 C2", "runtime.name==io.containerd.runc.v2"),
        r("44", "C1 C2", "runtime.name~=runc"),
        r("45", "none", "runtime==runsc"),
        r("46", "none", "runtime.options"),
        r("47", "C4", "runtime.name.extra==runsc"),
        r("48", "C1", "labels.env==prod"),
        r("49", "C3", "labels.env==Prod"),
        r("50", "C1 C3", "labels.env~=(?i)^prod$"),
        r("51", "C1", "labels.env~=^p"),
        r("52", "C2 C3 C4", "labels.env!=prod"),
        r("53", "C1 C2 C3", "labels.env!=\"\""),
        r("54", ALL, "labels.env~=\"\""),
        r("55", ALL, "labels.nope!=x"),
        r("56", ALL, "labels.nope~=^$"),
        r("57", "C1 C2 C3", "labels.env"),
        r("58", "C2", "labels.Env"),
        r("59", "none", "labels"),
        r("60", "none", "labels.\"\""),
        r("61", "C1", "labels.env==prod,labels.tier==db"),
        r("62", "C1 C2", "labels.env==dev", "labels.tier==db"),
        r("63", ALL, "labels.env==dev", ""),
        r("64", "C3 C4", "labels.env!=prod,labels.env!=dev"),
        r("65", "C1 C2", "labels.tier~=^(db|web)$"),
        r("66", "C1", "labels.io.k8s.pod==p1"),
        r("67", "C1", "labels.\"io.k8s.pod\"==p1"),
        r("68", "C1", "labels.\"io\".k8s.\"pod\""),
        r("69", "C2", "labels.a.\"b\"==dotted"),
        r("70", "ERR", "labels.app/name==redis"),
        r("71", "C1", "labels.\"app/name\"==redis"),
        r("72", "ERR", "labels./env/==prod"),
        r("73", "C3", "labels.\"quote\\\"key\"==q"),
        r("74", "C3", "labels.\"sp ace\"==\"x y\""),
        r("75", "ERR", "labels.\"sp ace\"==x y"),
        r("76", "none", "labels.region==eu,west"),
        r("77", "C2", "labels.region==\"eu,west\""),
        r("78", "C3", "labels.pad==\" \""),
        r("79", "ERR", "labels.ключ"),
        r("80", "none", "labels.\"ключ\""),
        r("81", "C1", "\"labels\".\"env\"==\"prod\""),
        r("82", "none", "labels.env=='prod'"),
        r("83", "ERR", "labels.env==/prod/"),
        r("84", "none", "labels.env==pr\\od"),
        r("85", "none", "labels.env==p!=x"),
        r("86", "ERR", "labels.env==!prod"),
        r("87", "none", "labels.1abc"),
        r("88", "none", "snapshotter==overlayfs"),
        r("89", ALL, "snapshotter!=overlayfs"),
        r("90", "none", "snapshotter~=overlay"),
        r("91", "C4", " id==bare"),
        r("92", "C4", "\tid==bare"),
        r("93", "C4", "id == bare"),
        r("94", "ERR", "id==bare "),
        r("95", "C4", "id==bare, image"),
        r("96", "ERR", "id==bare ,image"),
        r("97", "C1 C2 C3", "labels. env"),
        r("98", "ERR", "labels .env"),
        r("99", "ERR", "id=bare"),
        r("100", "ERR", "id===bare"),
        r("101", "ERR", "id==.bare"),
        r("102", "ERR", "id==/bare/"),
        r("103", "none", "id==\"/bare\""),
        r("104", "none", "id==bare\""),
        r("105", "ERR", "id==\"bare\"x"),
        r("106a", "C4", "id==\"\\x62are\""),
        r("106b", "C4", "id==\"\\142are\""),
        r("106c", "C4", "id==\"\\" + "u0062are\""),
        r("107", "ERR", "id==\"\\400\""),
        r("108", "ERR", "id==\"a\\qb\""),
        r("109", "ERR", "id==bare,"),
        r("110", "ERR", "id==bare,,image"),
        r("111", "ERR", "!=x"),
        r("112", "none", "a,b"),
        r("113", "none", "a, b"),
        r("114", "ERR", "a ,b"),
        r("115", "none", "id~=a~=b"),
        r("116", "ERR", "id==bare", "bad("),
        r("117", "C4", "id~=bare$,labels.nope!=x"),
        r("118", "ERR", "id==bare" + (char) 0x00A0),
        r("119", "ERR", "id==" + (char) 0xFFFD),
        r("120", "ERR", "id==a" + (char) 0 + "b"));
  }

  /**
   * Further rows over the same samples, one per tokenizer and evaluation rule of §8.3–§8.7
   * that the worked examples leave implicit (numbered {@code T1}…).
   */
  static List<Row> tokenizerRows() {
    return List.of(
        r("T1", "none", "id==\"a\rb\""), // raw CR inside quotes is accepted
        r("T2", "ERR", "id==\"a\nb\""), // raw newline inside quotes is not
        r("T3", "ERR", "id==\"\\'\""), // \' is illegal everywhere
        r("T4", "ERR", "id==\"\\/\""), // \/ is illegal inside "..."
        r("T5", "ERR", "id~=/\\\"/"), // \" is illegal inside /.../
        r("T6", "ERR", "id~=|\\\"|"), // and inside |...|
        r("T7", "none", "id~=/\"/"), // a raw " inside /.../ is ordinary
        r("T8", "none", "id~=/\\//"), // \/ is the delimiter escape of /.../
        r("T9", "ERR", "id==\"\\U00110000\""), // \U above 10FFFF
        r("T10", "none", "id==\"\\U0010FFFF\""),
        r("T11", "ERR", "id==\"\\x\""), // \x needs two hex digits
        r("T12", "none", "id==\"\\a\\b\\f\\n\\r\\t\\v\\\\\""), // every single-letter escape
        r("T13", "C4", (char) 0x85 + "id==bare"), // Unicode white space is skipped at the start
        r("T14", "C4", (char) 0x2028 + "id==bare"),
        r("T15", "C4", "id==" + (char) 0x3000 + "bare"),
        r("T16", "ERR", "id==bare" + (char) 0x2028),
        r("T17", "ERR", "id==bare" + (char) 0x200B), // a format character ends a bare value: error
        r("T18", "ERR", "id==ba" + (char) 1 + "re"), // so does a control character
        r("T19", "C3", "labels.\"sp ace\""),
        r("T20", "none", "id==bare'"),
        r("T21", "none", "id==bare~"),
        r("T22", "none", "id==b=are"),
        r("T23", "ERR", "labels..env"),
        r("T24", "ERR", ","),
        r("T25", "ERR", "labels.env==prod,"),
        r("T26", "C1", "labels.env~=(?i)PROD,labels.tier"),
        r("T27", "C4", "id==bare", "id==bare"), // OR never duplicates a container
        r("T28", "C1 C2 C4", "id==bare", "image"),
        r("T29", "C4", "runtime.name==runsc"),
        r("T30", "C1 C2 C3", "runtime.name!=runsc"),
        r("T31", "C4", "id~=\"(?i)BARE\""),
        r("T32", "ERR", "id~=a{1001}"), // repetition over 1000: invalid RE2 (D-8)
        r("T33", "ERR", "id~=(a)\\1"), // back-reference: invalid RE2 (D-8)
        r("T34", "ERR", "id~=a++"), // possessive quantifier: invalid RE2 (D-8)
        r("T35", "ERR", "id~=a\\Z"), // \Z: invalid RE2 (D-8)
        r("T36", "C3", "labels.\"quote\\\"key\""),
        r("T37", "C1", "labels.\"app\\x2fname\"==redis"),
        r("T38", "none", "labels.env==\"prod\\x00\""),
        r("T39", "C2", "labels.region~=/,/"),
        r("T40", "ERR", "id==\"bare\" "), // white space after a quoted value
        r("T41", "C4", "image.x==registry.local:5000/app"), // extra components ignored
        r("T42", "none", "labels.env.x==prod"), // ...but not after labels: key "env.x"
        r("T43", "C1 C2 C3 C4", "labels.\"\"!=x")); // key "" never exists
  }
}
