package gen_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/asyncgo/asyncgo/gen"
)

// generated are the directories whose twins are committed: golden tests,
// the corpus, examples.
var generated = []string{
	"./testdata/golden/...",
	"../testdata/corpus",
	"../testdata/gentest/...",
}

// TestGolden regenerates every committed twin in-process and compares it
// byte for byte (with -update it rewrites them). This is also the
// freshness check CI relies on: it fails when a twin is stale.
func TestGolden(t *testing.T) {
	pkgs, err := gen.Load("", nil, generated...)
	if err != nil {
		t.Fatal(err)
	}
	outs, err := gen.Generate(pkgs)
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) < 8 {
		t.Fatalf("generated %d files, want the golden, corpus and example sources", len(outs))
	}
	for _, o := range outs {
		if o.NewSource != nil {
			t.Errorf("%s lacks the aiosrc build constraint", o.Source)
		}
		old, err := os.ReadFile(o.Twin)
		if *update {
			if err != nil || !bytes.Equal(old, o.Data) {
				if err := gen.WriteAtomic(o.Twin, o.Data); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("missing twin %s (run go test ./gen -update)", o.Twin)
			continue
		}
		if !bytes.Equal(old, o.Data) {
			t.Errorf("%s is stale (run go test ./gen -update, or asyncgo gen)", o.Twin)
		}
	}
}

// TestDeterministic: generating twice gives the same bytes, whatever the
// package order.
func TestDeterministic(t *testing.T) {
	a, err := gen.Load("", nil, generated...)
	if err != nil {
		t.Fatal(err)
	}
	rev := append([]string(nil), generated...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	b, err := gen.Load("", nil, rev...)
	if err != nil {
		t.Fatal(err)
	}
	oa, err := gen.Generate(a)
	if err != nil {
		t.Fatal(err)
	}
	ob, err := gen.Generate(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(oa) != len(ob) {
		t.Fatalf("%d vs %d outputs", len(oa), len(ob))
	}
	for i := range oa {
		if oa[i].Twin != ob[i].Twin || !bytes.Equal(oa[i].Data, ob[i].Data) {
			t.Errorf("%s differs between runs", oa[i].Twin)
		}
	}
}

// TestGeneratedCodeVets builds and vets the committed twins (the default
// build) and the sources (the aiosrc build).
func TestGeneratedCodeVets(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	for _, tags := range []string{"", "aiosrc"} {
		cmd := exec.Command("go", append([]string{"vet", "-tags=" + tags}, generated...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go vet -tags=%q: %v\n%s", tags, err, out)
		}
	}
}

var wantRE = regexp.MustCompile(`// want: (.*)`)

// TestErrors: misuse gets a compiler-style file:line:col message, no panic
// and no output.
func TestErrors(t *testing.T) {
	dirs, err := filepath.Glob("testdata/errors/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			pkgs, err := gen.Load("", nil, "./"+dir)
			if err != nil {
				t.Fatal(err)
			}
			_, err = gen.Generate(pkgs)
			list, ok := err.(gen.ErrorList)
			if !ok {
				t.Fatalf("got %v (%T), want an ErrorList", err, err)
			}
			src, _ := os.ReadFile(filepath.Join(dir, "x.go"))
			var wants []string
			for i, line := range strings.Split(string(src), "\n") {
				if m := wantRE.FindStringSubmatch(line); m != nil {
					wants = append(wants, "x.go:"+strconv.Itoa(i+1)+":"+"|"+m[1])
				}
			}
			if len(list) != len(wants) {
				t.Fatalf("got %d errors, want %d:\n%v", len(list), len(wants), list)
			}
			for i, e := range list {
				loc, msg, _ := strings.Cut(wants[i], "|")
				s := e.Error()
				if !strings.Contains(s, loc) || !strings.Contains(s, msg) || e.Pos.Column == 0 {
					t.Errorf("got %q, want %s...: %s", s, loc, msg)
				}
			}
		})
	}
}
