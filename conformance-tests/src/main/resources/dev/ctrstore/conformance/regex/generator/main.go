// Command generator writes corpus.txt: regular expressions with Go's own verdict
// (regexp.Compile accepts or refuses them) and, for accepted ones, texts with Go's answer to
// MatchString. Run with Go 1.19 (Debian's golang-1.19): go run . > ../corpus.txt
package main

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"regexp"
	"regexp/syntax"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

type entry struct {
	section string
	expr    string
	texts   []string
}

var out []entry

func add(section, expr string, texts ...string) {
	out = append(out, entry{section, expr, texts})
}

// Texts tried against most expressions: ASCII edges, folding partners, other scripts.
var common = []string{"", "a", "A", "b", "z", "Z", "0", "9", "_", " ", "\n", "\t", "\v", "-", "{",
	"}", "ab", "aB", "abc", "xyz", "k", "K", "\u212a", "s", "S", "\u017f", "\u00e4", "\u00c4",
	"\u00b5", "\u03bc", "\u039c", "\u0131", "\u0130", "i", "I", "\u00df", "\u1e9e", "\u0663",
	"\ufb00", "\U0001f600", "\uab70", "\u13a0", "\U0001e900", "\U0001e922", "\u4e2d", "\u00a0",
	"\u2028", "\ue000", "\u0378", "\ufffd", "web-1", "redis.2", "a\nb", "a b", "aaaa", "hello"}

func classSamples(t *unicode.RangeTable, rng *rand.Rand) []string {
	var runes []rune
	for _, r := range t.R16 {
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			runes = append(runes, c)
		}
	}
	for _, r := range t.R32 {
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			runes = append(runes, c)
		}
	}
	pick := []rune{runes[0], runes[len(runes)-1], runes[0] - 1, runes[len(runes)-1] + 1}
	for i := 0; i < 4; i++ {
		c := runes[rng.Intn(len(runes))]
		pick = append(pick, c, c-1, c+1)
	}
	var s []string
	for _, c := range pick {
		if c >= 0 && c <= unicode.MaxRune && utf8.ValidRune(c) {
			s = append(s, string(c))
		}
	}
	return s
}

func unicodeClasses(rng *rand.Rand) {
	var names []string
	for k := range unicode.Categories {
		names = append(names, k)
	}
	for k := range unicode.Scripts {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, n := range names {
		t := unicode.Categories[n]
		if t == nil {
			t = unicode.Scripts[n]
		}
		texts := append(classSamples(t, rng), common...)
		add("unicode", `\p{`+n+`}`, texts...)
		add("unicode", `\P{`+n+`}`, texts...)
		add("unicode", `(?i)\p{`+n+`}`, texts...)
		add("unicode", `(?i)[^\p{`+n+`}]`, texts...)
		add("unicode", `[\p{^`+n+`}0-9]`, texts...)
		if len(n) == 1 {
			add("unicode", `\p`+n, texts...)
			add("unicode", `(?i)\P`+n, texts...)
		}
	}
	for _, n := range []string{"Any", "Unknown", "Cn", "LC", "L&", "Latn", "greek", "IsGreek",
		"Zzzz", "Letter", "", "^", "^Any", "Han ", " Han", "Braille}", "Hrkt"} {
		add("unicode", `\p{`+n+`}`, common...)
		add("unicode", `(?i)\P{`+n+`}`, common...)
	}
	for _, s := range []string{`\p`, `\pX`, `\pl`, `\p{`, `\p{L`, `\pLL`, `\p{L}{2}`, `[\pL-z]`,
		`[a-\pL]`, `\P{^L}`, `[\P{^Greek}]`, `\p\{L}`, `\p{Ä}`, `\pÄ`} {
		add("unicode", s, common...)
	}
}

func folding() {
	seen := map[rune]bool{}
	for c := rune(0); c <= unicode.MaxRune; c++ {
		if seen[c] || unicode.SimpleFold(c) == c {
			continue
		}
		orbit := []string{}
		for f := c; ; {
			seen[f] = true
			orbit = append(orbit, string(f))
			f = unicode.SimpleFold(f)
			if f == c {
				break
			}
		}
		texts := append(orbit, string(c-1), string(c+1), "a")
		add("fold", "(?i)"+regexp.QuoteMeta(string(c)), texts...)
		if len(orbit) > 2 || c%7 == 0 {
			add("fold", "(?i:["+string(c)+"])x", orbit[0]+"x", orbit[len(orbit)-1]+"X", "x")
			add("fold", "(?i)[^"+string(c)+"]", texts...)
		}
	}
	for _, s := range []string{`(?i)[a-z]`, `(?i)[k]`, `(?i)[^k]`, `(?i)\w`, `(?i)\W`, `(?i)[\w]`,
		`(?i)[^\W]`, `(?i)[[:upper:]]`, `(?i)[[:^lower:]]`, `(?i)[A-Z0-9]`, `(?i)\x{212a}`,
		`(?i)ǅ`, `(?i)ß`, `(?i)σ`, `(?i)ς`, `(?i)ΐ`, `(?i)ﬀ`, `(?i:K)x|Ky`, `(?i:1)x|1y`,
		`(?i)hello|HELLO`, `(?i)a(?-i)b`, `(?i)a(?-i:b)c`, `(?-i)a`, `(?i-i)a`, `(?i)[\x{0}-\x{10ffff}]`,
		`(?i)[\x{42}-\x{10ffff}]`, `(?i)[^\x{41}-\x{5a}]`, `(?i)ı`, `(?i)İ`, `(?i)[ıİ]`} {
		add("fold", s, append([]string{"Kx", "ky", "1x", "1y", "HeLLo", "aB", "Ab", "aBc", "abc",
			"ǆ", "Ǆ", "ẞ", "Σ", "ΐ", "ΐ", "FF"}, common...)...)
	}
}

func posixAndPerl() {
	var ascii []string
	for c := 0; c < 128; c++ {
		ascii = append(ascii, string(rune(c)))
	}
	texts := append(ascii, "\u00e4", "\u212a", "\u017f", "\u0663", "\u00a0", "\u2028")
	for _, n := range []string{"alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph",
		"lower", "print", "punct", "space", "upper", "word", "xdigit"} {
		add("posix", "[[:"+n+":]]", texts...)
		add("posix", "[[:^"+n+":]]", texts...)
		add("posix", "(?i)[[:"+n+":]]", texts...)
		add("posix", "(?i)[^[:"+n+":]]", texts...)
	}
	for _, s := range []string{"[[:nope:]]", "[[:alpha:]", "[:alpha:]", "[[:Alpha:]]",
		"[[:alpha:][:digit:]]", "[[:alpha]]", "[[=a=]]", "[[.a.]]", "[[:^:]]", "[[:word:]-z]"} {
		add("posix", s, texts...)
	}
	for _, p := range []string{`\d`, `\D`, `\s`, `\S`, `\w`, `\W`} {
		add("perl", p, texts...)
		add("perl", "["+p+"]", texts...)
		add("perl", "[^"+p+"]", texts...)
		add("perl", "(?i)"+p, texts...)
		add("perl", "[a"+p+"-]", texts...)
	}
}

func escapes() {
	texts := append([]string{"\a", "\f", "\r", "\x00", "\x01", "S", "\x7f", "\u00ff", "\u0100",
		"\U0010ffff", "\x12", "\n3", "\x08", "8", "\\", "\\d", "d"}, common...)
	for c := 0x20; c < 0x7f; c++ {
		add("escape", `\`+string(rune(c)), texts...)
		add("escape", `[\`+string(rune(c))+`]`, texts...)
	}
	for _, s := range []string{`\`, `a\`, `\x`, `\x4`, `\x41`, `\x4g`, `\x{41}`, `\x{}`, `\x{10ffff}`,
		`\x{110000}`, `\x{0000000041}`, `\x{41`, `\x{g}`, `\0`, `\00`, `\000`, `\0000`, `\07`, `\08`,
		`\1`, `\12`, `\123`, `\1234`, `\8`, `\9`, `\400`, `\777`, `\a`, `\f`, `\t`, `\n`, `\r`, `\v`,
		`\b`, `\B`, `\A`, `\z`, `\Z`, `\C`, `\Q`, `\Qa.b`, `\Qa.b\E.`, `\Q\E`, `\Qab\\E`, `\E`,
		`\ä`, `\😀`, "\\\u00a0", `\é`, `[\ä]`, `\cA`, `\e`, `\G`, `\K`, `\N`, `\R`, `\X`, `\h`,
		`\u0041`, `\U00000041`, `\o{1}`, `\k<n>`, `[\b]`, `[\B]`, `[\A]`, `[\Q]`, `[\z]`, `[\x41-\x5a]`,
		`[\x{10ffff}-\x{0}]`, `\pN\d`, `a\bb`, `\bweb`, `web\b`, `\Bb`, `x\z`, `\Ax`} {
		add("escape", s, texts...)
	}
}

func repetition() {
	texts := []string{"", "a", "aa", "aaa", "aaaa", "a{", "a{,2}", "{", "{?", "{}", "a{1", "ab",
		"aab", "b", "a{+", "a{*", "a{1,", "a{x}", "{1}", "a{01}", "aaaaaaaaaa", "[abc]{+", "c{+"}
	for _, s := range []string{`a{`, `a{1`, `a{1,`, `a{1,2`, `a{,2}`, `a{}`, `a{x}`, `a{1,x}`,
		`a{01}`, `a{1,02}`, `a{0}`, `a{0,}`, `a{1,}`, `a{2,}`, `a{2}`, `a{2,3}`, `a{3,2}`, `a{1000}`,
		`a{1001}`, `a{0,1000}`, `a{0,1001}`, `a{1000,}`, `a{1001,}`, `a{99999999999}`,
		`a{100000000}`, `a{2}{3}`, `a{2}*`, `a*{2}`, `a**`, `a*+`, `a*?`, `a+?`, `a??`, `a{2}?`,
		`a{2,}?`, `a???`, `a*??`, `a{+`, `a{*`, `{?`, `{`, `}`, `{}`, `{1}`, `x|{1}`, `({1})`,
		`[abc]{+`, `a{+}`, `a{,}`, `*`, `+`, `?`, `(*)`, `(?:*)`, `a|*`, `^*`, `$*`, `\b*`, `(?i)*`,
		`(?U)a+`, `(?U)a+?`, `a{2}{+`, `(a){0}`, `(a){0}b`, `(?:a{0}){1000}`, `(a*)*`, `(a*)+`,
		`(a|)*`, `(|a)+`, `(a?){3}`, `a{2}{,3}`, `((a{2}){2}){2}`} {
		add("repeat", s, texts...)
	}
	// Nested counted repetitions: Go refuses products above 1000 (integer division steps).
	for _, p := range [][2]int{{10, 100}, {10, 101}, {2, 500}, {2, 501}, {3, 333}, {3, 334},
		{334, 3}, {4, 250}, {4, 251}, {1000, 1}, {1, 1000}, {7, 142}, {7, 143}, {0, 1000},
		{1000, 0}, {31, 32}, {32, 32}, {999, 2}} {
		add("limits", fmt.Sprintf("(a{%d}){%d}", p[0], p[1]), "", "a", strings.Repeat("a", 50))
		add("limits", fmt.Sprintf("(?:a{%d,}){%d}", p[0], p[1]), "", "a")
		add("limits", fmt.Sprintf("((?:a{0,%d})b){%d}", p[0], p[1]), "", "ab", "b")
	}
	add("limits", "(?P<n>x)((a{1000}){1000}){1000}", "x", "a")
	add("limits", "((a{1000}){1000}){1000}", "x", "a")
	add("limits", "(?P<n>x)(a{100}){20}", "x", "a")
	add("limits", "(a{100}){20}", "x", "a")
	add("limits", "((((a{2}){2}){2}){2}){2}", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "a")
	add("limits", "(((a{10}){10}){10}){2}", "a")
	add("limits", "(((a{10}){10}){10})", "a", strings.Repeat("a", 1000))
}

func limits() {
	for _, n := range []int{10, 500, 997, 998, 999, 1000, 1001, 1002, 1500} {
		add("depth", strings.Repeat("(", n)+"a"+strings.Repeat(")", n), "a", "b")
		add("depth", strings.Repeat("(?:", n)+"a"+strings.Repeat(")", n), "a", "b")
		add("depth", strings.Repeat("(?:a", n)+strings.Repeat(")", n), "a", strings.Repeat("a", n))
		add("depth", strings.Repeat("(?:a|", n)+"b"+strings.Repeat(")", n), "a", "b", "c")
		add("depth", strings.Repeat("(?P<g>", n)+"a"+strings.Repeat(")", n), "a", "b")
		add("depth", strings.Repeat("(?:(?:a)*", n)+strings.Repeat(")", n), "a", "b")
		add("depth", "x"+strings.Repeat("(a", n)+strings.Repeat(")*", n), "x", "xa", "b")
	}
	for _, n := range []int{1, 2, 3, 500, 1000, 1001} {
		add("depth", strings.Repeat("(", n), "a")
		add("depth", strings.Repeat(")", n), "a")
	}
	for _, k := range []int{100, 3354, 3355, 3356, 4000} {
		add("size", "(?:"+strings.Repeat("a", k)+"){1000}", "a", "b")
	}
	for _, k := range []int{3, 1000, 1300} {
		add("size", strings.Repeat("(?:[a-z]{999}x)", k/100+1), "a", "x")
		add("size", strings.Repeat(`\pL{1000}`, k/100+1), "a", "x")
		add("size", strings.Repeat(`(?:[\pL]{40}|b){25}`, k/300+1), "a", "b")
		add("size", "(?:"+strings.Repeat("ab|", k/3)+"c){1000}", "a", "c")
	}
	for _, k := range []int{3, 1300} {
		add("size", "(?:"+strings.Repeat("a*", k)+"){"+strconv.Itoa(k%1000)+"}", "a", "b")
	}
}

func syntaxCases() {
	texts := append([]string{"x", "y", "xy", "yx", "n", "a\nb", "\nb", "a\n", "b\n", "ab\n",
		"A\nB", "é", ">", "<", "(", ")", "P", "(?", "a(b"}, common...)
	for _, s := range []string{``, `a`, `.`, `(?s).`, `^`, `$`, `^$`, `(?m)^b`, `(?m)a$`, `a$`,
		`^b`, `(?m)^$`, `(?s:.)x`, `(?m)^`, `(?ms)a.$`, `x|`, `|x`, `|`, `||`, `()`, `(|)`, `(?:)`,
		`(`, `)`, `())`, `(()`, `[`, `]`, `[]`, `[]a]`, `[^]a]`, `[^]`, `[a-]`, `[-a]`, `[a-b-c]`,
		`[z-a]`, `[a-a]`, `[---]`, `[\d-z]`, `[a-\d]`, `[\n]`, `[^\n]`, `[.]`, `[$^]`, `[[]`,
		`[[]]`, `[a[]`, `[\]]`, `[\[]`, `[^a-z0-9]`, `[\x00-\x{10FFFF}]`, `[^\x00-\x{10FFFF}]`,
		`(?P<n>x)`, `(?P<n>x)(?P<n>y)`, `(?P<a>x)(?P<a>y)`, `(?P<>x)`, `(?P<1>x)`, `(?P<a-b>x)`,
		`(?P<é>x)`, `(?P<n`, `(?P<n>`, `(?P=n)`, `(?P>n)`, `(?P`, `(?P<`, `(?<n>x)`, `(?'n'x)`,
		`(?=x)`, `(?!x)`, `(?<=x)`, `(?<!x)`, `(?#c)`, `(?>x)`, `(?|x)`, `(?i)`, `(?i)x`, `(?i:x)`,
		`(?-)`, `(?-:x)`, `(?i-)x`, `(?--i)x`, `(?i-m:x)`, `(?x)a b`, `(?u)x`, `(?a)x`, `(?smiU)x`,
		`(?:x`, `(?`, `(?i`, `(?:`, `(?P<n>x`, `x)`, `a|b|c`, `ab|ac|ad`, `abc|abd|aef|bcx|bcy`,
		`a(?:b|c)d`, `[ab]x|[ab]y`, `a{2}x|a{2}y`, `(?:a|b)*c`, `(a|ab)(c|bcd)(d*)`, `x*y*z*`,
		`^(?:a+)+$`, `(x+x+)+y`, `\b\B`, `^\b`, `\bx\b`, `\Bx\B`, `[\b-\B]`, `a\Eb`, `\Q(?\E`,
		"\u00e4+", "😀{2}", "[😀-😂]", "[^😀]", `.{3}`, `(?s).{3}`, `(?U)x+?y`, `\Qxy`} {
		add("syntax", s, texts...)
	}
}

// Random expressions over a small grammar, valid and invalid, with random texts.
func random(rng *rand.Rand) {
	atoms := []string{"a", "b", "x", ".", `\d`, `\w`, `\s`, `\W`, "[ab]", "[^a]", "[a-c]", `\pL`,
		`\p{Greek}`, `\PN`, "[[:alpha:]]", `\x{212a}`, "k", "K", "ſ", "é", "😀", `\b`, `\B`, "^",
		"$", `\A`, `\z`, `\n`, "\n", `\.`, "{", "}", "]", `\Q.*\E`, "(?i:k)", "(?s:.)", "[\\d\\s]",
		`\pS`, `\p{Adlam}`, "ß", "Σ", "σ", "ς", "_", "-", " "}
	ops := []string{"*", "+", "?", "*?", "+?", "??", "{2}", "{0,2}", "{1,}", "{3,5}", "{0}", "{,2}",
		"{", "**", "{2}{2}", "{1001}"}
	alphabet := []string{"a", "b", "x", "k", "K", "\u212a", "\u017f", "s", "S", "é", "É", "😀",
		"\n", " ", "1", "_", ".", "-", "Σ", "σ", "ς", "ß", "ẞ", "{", "}", "\u0663", "\u1e900"}
	var gen func(depth int) string
	gen = func(depth int) string {
		switch k := rng.Intn(10); {
		case depth > 3 || k < 4:
			return atoms[rng.Intn(len(atoms))]
		case k < 6:
			return gen(depth+1) + gen(depth+1)
		case k < 7:
			return gen(depth+1) + "|" + gen(depth+1)
		case k < 8:
			g := []string{"(", "(?:", "(?i)", "(?i:", "(?P<g>", "(?m:", "(?s:", "(?U:"}[rng.Intn(8)]
			if g == "(?i)" {
				return "(?:" + g + gen(depth+1) + ")"
			}
			return g + gen(depth+1) + ")"
		default:
			return gen(depth+1) + ops[rng.Intn(len(ops))]
		}
	}
	for i := 0; i < 1200; i++ {
		e := gen(0)
		if rng.Intn(15) == 0 {
			e = e[:rng.Intn(len(e)+1)] // possibly broken
		}
		if !utf8.ValidString(e) {
			continue
		}
		var texts []string
		for j := 0; j < 10; j++ {
			var b strings.Builder
			for n := rng.Intn(7); n > 0; n-- {
				b.WriteString(alphabet[rng.Intn(len(alphabet))])
			}
			texts = append(texts, b.String())
		}
		add("random", e, texts...)
	}
}

func main() {
	if !strings.HasPrefix(runtime.Version(), "go1.19") {
		fmt.Fprintln(os.Stderr, "warning: corpus verdicts are Go 1.19's; running", runtime.Version())
	}
	rng := rand.New(rand.NewSource(19))
	syntaxCases()
	escapes()
	repetition()
	limits()
	posixAndPerl()
	unicodeClasses(rng)
	folding()
	random(rng)

	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintf(w, "# Go %s regexp verdicts, Unicode %s; generated by generator/main.go\n",
		runtime.Version(), unicode.Version)
	fmt.Fprintln(w, "# R <section> <expr> ok | R <section> <expr> err <code>; T <text> <1|0>")
	for _, e := range out {
		re, err := regexp.Compile(e.expr)
		if err != nil {
			var se *syntax.Error
			code := err.Error()
			if errors.As(err, &se) {
				code = string(se.Code)
			}
			fmt.Fprintf(w, "R\t%s\t%s\terr\t%s\n", e.section, strconv.QuoteToASCII(e.expr),
				strconv.QuoteToASCII(code))
			continue
		}
		fmt.Fprintf(w, "R\t%s\t%s\tok\n", e.section, strconv.QuoteToASCII(e.expr))
		seen := map[string]bool{}
		for _, t := range e.texts {
			if seen[t] {
				continue
			}
			seen[t] = true
			m := 0
			if re.MatchString(t) {
				m = 1
			}
			fmt.Fprintf(w, "T\t%s\t%d\n", strconv.QuoteToASCII(t), m)
		}
	}
}
