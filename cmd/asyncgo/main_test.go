package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgo/asyncgo/gen"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersionAndUsage(t *testing.T) {
	if code, out, _ := run(t, "version"); code != 0 || !strings.Contains(out, gen.Version) {
		t.Errorf("version: %d %q", code, out)
	}
	if code, _, errs := run(t); code != 2 || !strings.Contains(errs, "usage") {
		t.Errorf("no args: %d %q", code, errs)
	}
	if code, _, _ := run(t, "frobnicate"); code != 2 {
		t.Errorf("unknown command: %d", code)
	}
	if code, _, errs := run(t, "gen", "--bogus"); code != 2 || !strings.Contains(errs, "unknown flag: --bogus") {
		t.Errorf("gen --bogus: %d %q", code, errs)
	}
}

// A pattern that names nothing loadable has no position; the message says
// what is wrong without a "-:" placeholder.
func TestGenMissingDirectory(t *testing.T) {
	code, _, errs := run(t, "gen", "./no-such-dir")
	if code != 1 || !strings.HasPrefix(errs, "asyncgo: ") || !strings.Contains(errs, "no-such-dir") {
		t.Errorf("gen ./no-such-dir: %d %q", code, errs)
	}
}

func TestCheckFreshCorpus(t *testing.T) {
	code, out, errs := run(t, "gen", "-check", "../../testdata/corpus")
	if code != 0 {
		t.Fatalf("gen -check on the committed corpus: %d\n%s%s", code, out, errs)
	}
}

// tempPackage makes a package inside the module (so it can import the
// runtime) and removes it afterwards.
func tempPackage(t *testing.T, files map[string]string) string {
	t.Helper()
	dir, err := os.MkdirTemp("../../testdata", "gentmp")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const untagged = `package p

import "github.com/asyncgo/asyncgo/runtime/aio"

func F() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		return 1, nil
	})
}
`

func TestGenAddsConstraintAndChecks(t *testing.T) {
	dir := tempPackage(t, map[string]string{"p.go": untagged})
	code, out, errs := run(t, "gen", "-check", dir)
	if code != 1 || !strings.Contains(out, "missing //go:build aiosrc") || !strings.Contains(out, "p_aio.go: stale or missing") {
		t.Fatalf("check before gen: %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "p_aio.go")); err == nil {
		t.Fatal("-check wrote a file")
	}
	code, out, errs = run(t, "gen", "-v", dir)
	if code != 0 || !strings.Contains(errs, "added //go:build aiosrc") || !strings.Contains(out, "wrote") {
		t.Fatalf("gen: %d\n%s%s", code, out, errs)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "p.go"))
	if !strings.HasPrefix(string(src), "//go:build aiosrc\n") {
		t.Fatalf("constraint not added:\n%s", src)
	}
	twin, _ := os.ReadFile(filepath.Join(dir, "p_aio.go"))
	if !strings.HasPrefix(string(twin), gen.Header) || !strings.Contains(string(twin), "//go:build !aiosrc") {
		t.Fatalf("twin:\n%s", twin)
	}
	if code, out, errs := run(t, "gen", "-check", dir); code != 0 {
		t.Fatalf("check after gen: %d\n%s%s", code, out, errs)
	}
	// Editing the source makes the twin stale.
	os.WriteFile(filepath.Join(dir, "p.go"), append(src, []byte("\nfunc G() {}\n")...), 0o644)
	if code, out, _ := run(t, "gen", "-check", dir); code != 1 || !strings.Contains(out, "stale") {
		t.Fatalf("check after edit: %d %s", code, out)
	}
}

func TestGenErrorWritesNothing(t *testing.T) {
	dir := tempPackage(t, map[string]string{
		"ok.go": "//go:build aiosrc\n\n" + untagged,
		"bad.go": `//go:build aiosrc

package p

import "github.com/asyncgo/asyncgo/runtime/aio"

func G() {
	go func() { aio.Await(aio.Yield()) }()
}
`,
	})
	code, _, errs := run(t, "gen", dir)
	if code != 1 || !strings.Contains(errs, "bad.go:8:14: aio.Await") {
		t.Fatalf("gen: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "ok_aio.go")); err == nil {
		t.Fatal("a twin was written although the package has errors")
	}
}

func TestRunGeneratesAndRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	dir := tempPackage(t, map[string]string{"main.go": `//go:build aiosrc

package main

import (
	"fmt"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func main() {
	v, err := aio.Run(aio.Async(func() (string, error) {
		aio.Await(aio.Yield())
		return "hello from a state machine", nil
	}))
	fmt.Println(v, err)
}
`})
	code, out, errs := run(t, "run", dir)
	if code != 0 || !strings.Contains(out, "hello from a state machine <nil>") {
		t.Fatalf("run: %d\n%s%s", code, out, errs)
	}
}

func TestVetWarnsAboutStaleTwins(t *testing.T) {
	dir := tempPackage(t, map[string]string{"p.go": "//go:build aiosrc\n\n" + untagged})
	code, _, errs := run(t, "vet", dir)
	if code != 1 || !strings.Contains(errs, "p_aio.go: generated file is stale or missing") {
		t.Fatalf("vet before gen: %d\n%s", code, errs)
	}
	if code, _, errs := run(t, "gen", dir); code != 0 {
		t.Fatalf("gen: %d %s", code, errs)
	}
	if code, out, errs := run(t, "vet", dir); code != 0 || strings.Contains(errs, "stale") {
		t.Fatalf("vet after gen: %d\n%s%s", code, out, errs)
	}
}

func TestOrphanTwinIsReportedAndRemoved(t *testing.T) {
	dir := tempPackage(t, map[string]string{
		"keep.go": "//go:build aiosrc\n\n" + untagged,
		"gone.go": "//go:build aiosrc\n\npackage p\n\nfunc G() {}\n",
	})
	if code, _, errs := run(t, "gen", dir); code != 0 {
		t.Fatalf("gen: %s", errs)
	}
	// A twin whose source was deleted.
	twin := filepath.Join(dir, "old_aio.go")
	os.WriteFile(twin, []byte(gen.Header+"\n\n//go:build !aiosrc\n\npackage p\n"), 0o644)
	code, out, _ := run(t, "gen", "-check", dir)
	if code != 1 || !strings.Contains(out, "old_aio.go: generated from a source file that no longer exists") {
		t.Fatalf("check: %d %s", code, out)
	}
	if code, _, errs := run(t, "gen", dir); code != 0 || !strings.Contains(errs, "removed") {
		t.Fatalf("gen: %d %s", code, errs)
	}
	if _, err := os.Stat(twin); err == nil {
		t.Fatal("orphan twin not removed")
	}
}
