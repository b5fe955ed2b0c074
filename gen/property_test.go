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

// exprGen builds random int expressions whose operands have visible side
// effects (traced calls) and awaits in any operand position.
type exprGen struct {
	r    *rand.Rand
	tags int
}

func (g *exprGen) tag() string {
	g.tags++
	return fmt.Sprintf("%q", fmt.Sprint("e", g.tags))
}

func (g *exprGen) expr(depth int) string {
	if depth <= 0 {
		switch g.r.Intn(3) {
		case 0:
			return fmt.Sprint(g.r.Intn(9))
		case 1:
			return "x"
		}
		return fmt.Sprintf("rec(t, %s, %d)", g.tag(), g.r.Intn(9))
	}
	d := depth - 1
	switch g.r.Intn(11) {
	case 0, 1:
		return fmt.Sprintf("must(aio.Await(v(t, %s, %s)))", g.tag(), g.expr(d))
	case 2:
		return fmt.Sprintf("(%s %s %s)", g.expr(d), []string{"+", "-", "*"}[g.r.Intn(3)], g.expr(d))
	case 3:
		return fmt.Sprintf("add3(%s, %s, %s)", g.expr(d), g.expr(d), g.expr(d))
	case 4:
		return fmt.Sprintf("b2i(%s > %d %s %s < %d)", g.expr(d), g.r.Intn(9), []string{"&&", "||"}[g.r.Intn(2)], g.expr(d), g.r.Intn(9))
	case 5:
		return fmt.Sprintf("arr[idx(t, %s)]", g.expr(d))
	case 6:
		return fmt.Sprintf("sum([]int{%s, %s})", g.expr(d), g.expr(d))
	case 7:
		return fmt.Sprintf("(pt{%s, %s}).sum()", g.expr(d), g.expr(d))
	case 8:
		// A variadic async function, with listed or spread arguments.
		if g.r.Intn(2) == 0 {
			return fmt.Sprintf("must(aio.Await(sumv(t, %s, %s)))", g.expr(d), g.expr(d))
		}
		return fmt.Sprintf("must(aio.Await(sumv(t, []int{%s, %s}...)))", g.expr(d), g.expr(d))
	case 9:
		// Async methods called through a method value, a method
		// expression or an interface.
		switch g.r.Intn(3) {
		case 0:
			return fmt.Sprintf("must(aio.Await((&acc{%s}).add(t, %s)))", g.expr(d), g.expr(d))
		case 1:
			return fmt.Sprintf("must(aio.Await((*acc).add(&acc{%s}, t, %s)))", g.expr(d), g.expr(d))
		}
		return fmt.Sprintf("must(aio.Await(adder(&acc{%s}).add(t, %s)))", g.expr(d), g.expr(d))
	}
	return fmt.Sprintf("rec(t, %s, %s)", g.tag(), g.expr(d))
}

func (g *exprGen) program(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "func prog%d(t *tr) aio.Coro[int] {\n\treturn aio.Async(func() (int, error) {\n", i)
	fmt.Fprintf(&b, "\t\tx := 1\n\t\tx = %s\n", g.expr(3))
	for k := 0; k < 3; k++ {
		switch g.r.Intn(4) {
		case 0:
			fmt.Fprintf(&b, "\t\tx += %s\n", g.expr(3))
		case 1:
			fmt.Fprintf(&b, "\t\tarr[idx(t, %s)] = %s\n", g.expr(2), g.expr(2))
		case 2:
			fmt.Fprintf(&b, "\t\tif %s > %s {\n\t\t\tx++\n\t\t}\n", g.expr(2), g.expr(2))
		default:
			fmt.Fprintf(&b, "\t\tt.p(\"x=%%d\", %s)\n", g.expr(3))
		}
	}
	fmt.Fprintf(&b, "\t\treturn x + %s, nil\n\t})\n}\n\n", g.expr(2))
	return b.String()
}

const propertyHeader = `//go:build aiosrc

package main

import (
	"fmt"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type tr struct{}

func (*tr) p(format string, args ...any) { fmt.Printf(format+"\n", args...) }

var arr = []int{3, 1, 4, 1, 5, 9, 2, 6}

func rec(t *tr, tag string, v int) int { t.p("call %s %d", tag, v); return v }

func v(t *tr, tag string, x int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t.p("await %s begins", tag)
		aio.Await(aio.Yield())
		t.p("await %s ends %d", tag, x)
		return x, nil
	})
}

func must(x int, err error) int {
	if err != nil {
		panic(err)
	}
	return x
}

func add3(a, b, c int) int { return a + b - c }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func idx(t *tr, i int) int {
	t.p("idx %d", i)
	return (i%8 + 8) % 8
}

func sum(xs []int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

type pt struct{ a, b int }

func (p pt) sum() int { return p.a*10 + p.b }

func sumv(t *tr, xs ...int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t.p("await sumv %v", xs)
		s := 0
		for _, x := range xs {
			aio.Await(aio.Yield())
			s += x
		}
		return s, nil
	})
}

type acc struct{ n int }

type adder interface {
	add(t *tr, k int) aio.Coro[int]
}

func (a *acc) add(t *tr, k int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t.p("await add %d+%d", a.n, k)
		aio.Await(aio.Yield())
		a.n += k
		return a.n, nil
	})
}

`

// TestPropertyEvaluationOrder generates random programs with awaits in
// operand positions, compiles them with the generator, and checks that
// the side effects happen in the same order as in the source build.
func TestPropertyEvaluationOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two programs")
	}
	g := &exprGen{r: rand.New(rand.NewSource(20261121))}
	const n = 60
	var b strings.Builder
	b.WriteString(propertyHeader)
	for i := 0; i < n; i++ {
		b.WriteString(g.program(i))
	}
	b.WriteString("func main() {\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "\tfmt.Println(\"--- prog%d\")\n\tfmt.Println(aio.Run(prog%d(&tr{})))\n", i, i)
	}
	b.WriteString("}\n")
	dir, err := os.MkdirTemp("../testdata", "gentmp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
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
				t.Fatalf("line %d: source %q, generated %q (programs kept in %s)", i+1, wl[i], gl[i], src)
			}
		}
		t.Fatalf("outputs differ in length: %d vs %d lines", len(wl), len(gl))
	}
	if strings.Count(want, "await") < 100 {
		t.Fatalf("the programs awaited too little to test anything:\n%s", want)
	}
}
