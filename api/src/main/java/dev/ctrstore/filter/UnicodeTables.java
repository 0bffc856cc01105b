package dev.ctrstore.filter;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Unicode classes Go 1.19's {@code regexp} knows ({@code \p{Greek}}, {@code \pL}, ...), as
 * lo,hi range lists computed from Java 17's Unicode 13.0 data, the version Go 1.19 was built
 * with. Names are Go's: its 36 general categories (no {@code Cn}: unassigned code points belong
 * to no category, and {@code C} is {@code Cc|Cf|Co|Cs}), its 156 scripts (no {@code Unknown})
 * and {@code Any}.
 */
final class UnicodeTables {
  static final List<String> CATEGORIES = List.of("C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm",
      "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf",
      "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");

  static final List<String> SCRIPTS = List.of("Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic",
      "Armenian", "Avestan", "Balinese", "Bamum", "Bassa_Vah", "Batak", "Bengali", "Bhaiksuki",
      "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal", "Carian",
      "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian", "Common", "Coptic",
      "Cuneiform", "Cypriot", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra",
      "Duployan", "Egyptian_Hieroglyphs", "Elbasan", "Elymaic", "Ethiopic", "Georgian",
      "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati", "Gunjala_Gondi", "Gurmukhi", "Han",
      "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew", "Hiragana", "Imperial_Aramaic",
      "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi",
      "Kannada", "Katakana", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki",
      "Khudawadi", "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian",
      "Lydian", "Mahajani", "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen",
      "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive",
      "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro", "Multani", "Myanmar",
      "Nabataean", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu",
      "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Old_Hungarian", "Old_Italic",
      "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian",
      "Old_Turkic", "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau",
      "Phags_Pa", "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra",
      "Sharada", "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng",
      "Soyombo", "Sundanese", "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le",
      "Tai_Tham", "Tai_Viet", "Takri", "Tamil", "Tangut", "Telugu", "Thaana", "Thai", "Tibetan",
      "Tifinagh", "Tirhuta", "Ugaritic", "Vai", "Wancho", "Warang_Citi", "Yezidi", "Yi",
      "Zanabazar_Square");

  private static final int[] ANY = {0, Character.MAX_CODE_POINT};

  private UnicodeTables() {}

  /** The clean range list of Go's class {@code name}, or null when Go does not know it. */
  static int @Nullable [] table(String name) {
    if (name.equals("Any")) {
      return ANY;
    }
    int[] t = Categories.TABLES.get(name);
    return t != null ? t : Scripts.TABLES.get(name);
  }

  private static final class Categories {
    static final Map<String, int[]> TABLES = build();

    private static Map<String, int[]> build() {
      Map<String, RuneList> lists = new HashMap<>();
      for (String c : CATEGORIES) {
        lists.put(c, new RuneList());
      }
      // Runs of one general category, appended as ranges.
      int start = 0;
      int type = Character.getType(0);
      for (int cp = 1; cp <= Character.MAX_CODE_POINT + 1; cp++) {
        int t = cp <= Character.MAX_CODE_POINT ? Character.getType(cp) : -1;
        if (t == type) {
          continue;
        }
        String two = twoLetter(type);
        if (two != null) {
          RuneClasses.appendRange(lists.get(two), start, cp - 1);
          RuneClasses.appendRange(lists.get(two.substring(0, 1)), start, cp - 1);
        }
        start = cp;
        type = t;
      }
      Map<String, int[]> tables = new HashMap<>();
      lists.forEach((k, v) -> tables.put(k, java.util.Arrays.copyOf(v.array(), v.size())));
      return Map.copyOf(tables);
    }

    private static @Nullable String twoLetter(int type) {
      return switch (type) {
        case Character.UPPERCASE_LETTER -> "Lu";
        case Character.LOWERCASE_LETTER -> "Ll";
        case Character.TITLECASE_LETTER -> "Lt";
        case Character.MODIFIER_LETTER -> "Lm";
        case Character.OTHER_LETTER -> "Lo";
        case Character.NON_SPACING_MARK -> "Mn";
        case Character.ENCLOSING_MARK -> "Me";
        case Character.COMBINING_SPACING_MARK -> "Mc";
        case Character.DECIMAL_DIGIT_NUMBER -> "Nd";
        case Character.LETTER_NUMBER -> "Nl";
        case Character.OTHER_NUMBER -> "No";
        case Character.SPACE_SEPARATOR -> "Zs";
        case Character.LINE_SEPARATOR -> "Zl";
        case Character.PARAGRAPH_SEPARATOR -> "Zp";
        case Character.CONTROL -> "Cc";
        case Character.FORMAT -> "Cf";
        case Character.PRIVATE_USE -> "Co";
        case Character.SURROGATE -> "Cs";
        case Character.DASH_PUNCTUATION -> "Pd";
        case Character.START_PUNCTUATION -> "Ps";
        case Character.END_PUNCTUATION -> "Pe";
        case Character.CONNECTOR_PUNCTUATION -> "Pc";
        case Character.OTHER_PUNCTUATION -> "Po";
        case Character.MATH_SYMBOL -> "Sm";
        case Character.CURRENCY_SYMBOL -> "Sc";
        case Character.MODIFIER_SYMBOL -> "Sk";
        case Character.OTHER_SYMBOL -> "So";
        case Character.INITIAL_QUOTE_PUNCTUATION -> "Pi";
        case Character.FINAL_QUOTE_PUNCTUATION -> "Pf";
        default -> null;
      };
    }
  }

  private static final class Scripts {
    static final Map<String, int[]> TABLES = build();

    private static Map<String, int[]> build() {
      Map<Character.UnicodeScript, RuneList> lists = new HashMap<>();
      Map<String, int[]> tables = new HashMap<>();
      for (String s : SCRIPTS) {
        lists.put(Character.UnicodeScript.valueOf(s.toUpperCase(Locale.ROOT)), new RuneList());
      }
      int start = 0;
      Character.UnicodeScript script = Character.UnicodeScript.of(0);
      for (int cp = 1; cp <= Character.MAX_CODE_POINT + 1; cp++) {
        Character.UnicodeScript s = cp <= Character.MAX_CODE_POINT
            ? Character.UnicodeScript.of(cp) : null;
        if (s == script) {
          continue;
        }
        RuneList l = lists.get(script);
        if (l != null) {
          RuneClasses.appendRange(l, start, cp - 1);
        }
        start = cp;
        script = s;
      }
      for (String s : SCRIPTS) {
        RuneList l = lists.get(Character.UnicodeScript.valueOf(s.toUpperCase(Locale.ROOT)));
        tables.put(s, java.util.Arrays.copyOf(l.array(), l.size()));
      }
      return Map.copyOf(tables);
    }
  }
}
