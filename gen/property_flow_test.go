package gen_test

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgo/asyncgo/gen"
)

// flowGen builds random statement trees: loops of every form, if/else,
// switch with fallthrough, labeled break/continue, defers and closures over
// loop variables, with awaits scattered through them.
type flowGen struct {
	r     *rand.Rand
	tags  int
	vars  int
	loops []string // labels of enclosing loops
}

func (g *flowGen) tag() string {
	g.tags++
	return fmt.Sprintf("%q", fmt.Sprint("s", g.tags))
}

func (g *flowGen) aw() string {
	return fmt.Sprintf("must(aio.Await(v(t, %s, %d)))", g.tag(), g.r.Intn(5))
}

func (g *flowGen) cond() string {
	switch g.r.Intn(3) {
	case 0:
		return fmt.Sprintf("%s%%2 == 0", g.aw())
	case 1:
		return fmt.Sprintf("x%%%d == %d", 2+g.r.Intn(3), g.r.Intn(2))
	}
	return fmt.Sprintf("x > %d && %s > 1", g.r.Intn(10), g.aw())
}

func (g *flowGen) block(depth int) string {
	var b strings.Builder
	n := 1 + g.r.Intn(3)
	for range n {
		b.WriteString(g.stmt(depth))
	}
	return b.String()
}

func (g *flowGen) stmt(depth int) string {
	k := g.r.Intn(16)
	if depth <= 0 {
		k = g.r.Intn(3)
	}
	d := depth - 1
	switch k {
	case 0:
		return fmt.Sprintf("t.p(%s+\" %%d\", x)\n", g.tag())
	case 1:
		return fmt.Sprintf("x += %s\n", g.aw())
	case 2:
		if len(g.loops) > 0 && g.r.Intn(2) == 0 {
			target := g.loops[g.r.Intn(len(g.loops))]
			jump := []string{"break", "continue"}[g.r.Intn(2)]
			return fmt.Sprintf("if x%%%d == 0 {\nt.p(\"%s %s\")\n%s %s\n}\n", 2+g.r.Intn(3), jump, target, jump, target)
		}
		return fmt.Sprintf("x = x*3%%17 + %d\n", g.r.Intn(4))
	case 3, 4:
		s := fmt.Sprintf("if %s {\n%s}", g.cond(), g.block(d))
		if g.r.Intn(2) == 0 {
			s += fmt.Sprintf(" else {\n%s}", g.block(d))
		}
		return s + "\n"
	case 5, 6:
		g.vars++
		i := fmt.Sprint("i", g.vars)
		label := fmt.Sprint("L", g.vars)
		g.loops = append(g.loops, label)
		defer func() { g.loops = g.loops[:len(g.loops)-1] }()
		capture := ""
		if g.r.Intn(2) == 0 {
			capture = fmt.Sprintf("fns = append(fns, func() int { return %s })\n", i)
		}
		var head string
		switch g.r.Intn(4) {
		case 0:
			head = fmt.Sprintf("for %s := 0; %s < %d; %s++", i, i, 1+g.r.Intn(3), i)
		case 1:
			head = fmt.Sprintf("for %s := 0; %s < %d; %s += %s + 1", i, i, 1+g.r.Intn(4), i, g.aw())
		case 2:
			head = fmt.Sprintf("for _, %s := range []int{%d, %d}", i, g.r.Intn(9), g.r.Intn(9))
		default:
			head = fmt.Sprintf("for %s := range %d", i, 1+g.r.Intn(3))
		}
		body := fmt.Sprintf("t.p(\"%s=%%d\", %s)\n%s%s", i, i, capture, g.block(d))
		if strings.Contains(body, " "+label+"\n") {
			head = label + ":\n" + head
		}
		return fmt.Sprintf("%s {\n%s}\n", head, body)
	case 7:
		var b strings.Builder
		fmt.Fprintf(&b, "switch x %% 3 {\n")
		fmt.Fprintf(&b, "case 0:\n%s", g.block(d))
		if g.r.Intn(2) == 0 {
			b.WriteString("fallthrough\n")
		}
		fmt.Fprintf(&b, "case %s %% 3:\n%s", g.aw(), g.block(d))
		fmt.Fprintf(&b, "default:\n%s}\n", g.block(d))
		return b.String()
	case 8:
		return fmt.Sprintf("defer t.p(%s+\" deferred %%d\", x)\n", g.tag())
	case 9:
		return fmt.Sprintf("{\nx := x + %s\nt.p(%s+\" inner %%d\", x)\n}\n", g.aw(), g.tag())
	case 10:
		return fmt.Sprintf("if y := %s; y > 2 {\nx += y\n} else if z := x + y; z%%2 == 0 {\nx -= z\n}\n", g.aw())
	case 12:
		// Case expressions are evaluated in order up to the first match.
		return fmt.Sprintf("switch {\ncase %s:\n%scase x%%3 == 1 || %s > 2:\n%sdefault:\n%s}\n", g.cond(), g.block(d), g.aw(), g.block(d), g.block(d))
	case 13:
		// Ranging over an array value copies it; over a pointer it does not.
		g.vars++
		a := fmt.Sprint("a", g.vars)
		amp := []string{"", "&"}[g.r.Intn(2)]
		return fmt.Sprintf("%s := [3]int{x, %s, 2}\nfor j, e := range %s%s {\n%s[(j+1)%%3] += 10\nx += e\n%s}\n", a, g.aw(), amp, a, a, g.block(d))
	case 14:
		// Deferred call arguments are evaluated at the defer statement.
		return fmt.Sprintf("defer t.p(%s+\" deferred %%d %%d\", x, %s)\n", g.tag(), g.aw())
	case 15:
		// A select evaluates its send values up front; one case is ready.
		g.vars++
		c := fmt.Sprint("c", g.vars)
		return fmt.Sprintf("%s := make(chan int, %d)\nselect {\ncase %s <- %s:\nt.p(%s+\" sent\")\n%sdefault:\nt.p(%s+\" full\")\n}\nif len(%s) > 0 {\nx += <-%s\n}\n", c, g.r.Intn(2), c, g.aw(), g.tag(), g.block(d), g.tag(), c, c)
	}
	return fmt.Sprintf("aio.Await(aio.Yield())\nt.p(%s)\n", g.tag())
}

func (g *flowGen) program(i int) string {
	g.vars, g.loops = 0, nil
	return fmt.Sprintf(`func flow%d(t *tr) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		x := 1
		var fns []func() int
		%s
		for _, f := range fns {
			x += f()
		}
		return x, nil
	})
}

`, i, g.block(3))
}

// TestPropertyControlFlow generates random programs mixing every control
// flow form with awaits and checks the generated build prints the same
// trace as the source build.
func TestPropertyControlFlow(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two programs")
	}
	seed := int64(1122)
	if s := os.Getenv("ASYNCGO_SEED"); s != "" {
		fmt.Sscan(s, &seed) // explore: ASYNCGO_SEED=n go test -run TestPropertyControlFlow
	}
	g := &flowGen{r: rand.New(rand.NewSource(seed))}
	const n = 80
	var b strings.Builder
	b.WriteString(propertyHeader)
	for i := range n {
		b.WriteString(g.program(i))
	}
	b.WriteString("func main() {\n")
	for i := range n {
		fmt.Fprintf(&b, "\tfmt.Println(\"--- flow%d\")\n\tfmt.Println(aio.Run(flow%d(&tr{})))\n", i, i)
	}
	b.WriteString("}\n")
	dir, err := os.MkdirTemp("../testdata", "gentmp")
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("ASYNCGO_KEEP") == "" {
		t.Cleanup(func() { os.RemoveAll(dir) })
	}
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("gofmt", "-l", src).CombinedOutput(); err != nil {
		t.Fatalf("generated program does not parse: %v\n%s", err, out)
	}
	pkgs, err := gen.Load("", nil, "./"+dir)
	if err != nil {
		t.Fatal(err)
	}
	outs, err := gen.Generate(pkgs)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range outs {
		if err := gen.WriteAtomic(o.Twin, o.Data); err != nil {
			t.Fatal(err)
		}
	}
	run := func(tags string) string {
		out, err := exec.Command("go", "run", "-tags="+tags, "./"+dir).CombinedOutput()
		if err != nil {
			t.Fatalf("go run -tags=%q: %v\n%s", tags, err, out)
		}
		return string(out)
	}
	want, got := run("aiosrc"), run("")
	if want != got {
		wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
		for i := range min(len(wl), len(gl)) {
			if wl[i] != gl[i] {
				t.Fatalf("line %d: source %q, generated %q", i+1, wl[i], gl[i])
			}
		}
		t.Fatalf("outputs differ in length: %d vs %d lines", len(wl), len(gl))
	}
	if strings.Count(want, "await") < 200 || strings.Count(want, "deferred") < 5 {
		t.Fatalf("the programs did too little to test anything:\n%s", want)
	}
}
