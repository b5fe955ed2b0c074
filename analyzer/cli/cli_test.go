package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/asyncgo/asyncgo/analyzer/cli"
)

// repoRoot is the module root holding runtime/aio, which the test module
// replaces its asyncgo requirement with.
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// writeModule writes a module using asyncgo with the given aiosrc source.
func writeModule(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	root := repoRoot(t)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod":  "module example.com/shop\n\ngo 1.26.0\n\nrequire github.com/asyncgo/asyncgo v0.0.0\n\nreplace github.com/asyncgo/asyncgo => " + root + "\n",
		"go.sum":  string(sum),
		"shop.go": src,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const badSrc = `//go:build aiosrc

package shop

import (
	"os"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func readConfig() ([]byte, error) { return os.ReadFile("x") }

func MakeCoffee(brew time.Duration) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		time.Sleep(brew)
		b, err := readConfig()
		return string(b), err
	})
}
`

const goodSrc = `//go:build aiosrc

package shop

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func MakeCoffee(brew time.Duration) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		if _, err := aio.Await(aio.Sleep(brew)); err != nil {
			return "", err
		}
		return "coffee", nil
	})
}
`

func run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code := cli.Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVetReportsAndExitsOne(t *testing.T) {
	code, _, stderr := run(t, writeModule(t, badSrc))
	if code != cli.ExitProblems {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, cli.ExitProblems, stderr)
	}
	for _, want := range []string{
		"# example.com/shop\n",
		"./shop.go:16:3: AIO251: time.Sleep blocks the event loop in async function MakeCoffee",
		"./shop.go:17:13: AIO201: readConfig blocks the event loop in async function MakeCoffee: readConfig -> os.ReadFile (AIO230)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("missing %q in output:\n%s", want, stderr)
		}
	}
}

// TestVetCleanExitsZero checks the clean case: same tag and layout as
// badSrc, no findings, exit 0 and no output.
func TestVetCleanExitsZero(t *testing.T) {
	code, _, stderr := run(t, writeModule(t, goodSrc))
	if code != cli.ExitClean || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
}

// A pattern naming no directory is reported by name, without go list's
// "-:" position placeholder.
func TestVetMissingDirectory(t *testing.T) {
	code, _, stderr := run(t, writeModule(t, goodSrc), "./no-such-dir")
	if code != cli.ExitProblems || !strings.HasPrefix(stderr, "asyncgo vet: ") || strings.Contains(stderr, "-: ") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
}

func TestVetJSON(t *testing.T) {
	code, stdout, stderr := run(t, writeModule(t, badSrc), "-json", "./...")
	if code != cli.ExitClean {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var tree map[string]map[string][]struct {
		Category string `json:"category"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, stdout)
	}
	got := tree["example.com/shop"]["blockingsleep"]
	if len(got) != 1 || got[0].Category != "AIO251" {
		t.Fatalf("blockingsleep diagnostics = %+v", got)
	}
}

func TestExplainAndUsage(t *testing.T) {
	code, stdout, _ := run(t, t.TempDir(), "-explain", "aio251")
	if code != 0 || !strings.HasPrefix(stdout, "AIO251: blocking sleep in async code\n") || !strings.Contains(stdout, "Good:") {
		t.Errorf("explain: exit %d, output:\n%s", code, stdout)
	}
	if code, _, _ := run(t, t.TempDir(), "-explain", "AIO999"); code != cli.ExitUsage {
		t.Errorf("unknown rule: exit %d, want %d", code, cli.ExitUsage)
	}
	if code, _, _ := run(t, t.TempDir(), "-enable", "AIO251"); code != cli.ExitUsage {
		t.Errorf("-enable of a default rule: exit %d, want %d", code, cli.ExitUsage)
	}
}

// TestVettool builds cmd/asyncvet and runs it under go vet, the way users do.
func TestVettool(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "asyncvet")
	build := exec.Command("go", "build", "-o", bin, "./cmd/asyncvet")
	build.Dir = repoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dir := writeModule(t, badSrc)
	vet := exec.Command("go", "vet", "-vettool="+bin, "-tags", "aiosrc", "./...")
	vet.Dir = dir
	out, err := vet.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet succeeded, want failure; output:\n%s", out)
	}
	if !strings.Contains(string(out), "AIO251: time.Sleep blocks") || !strings.Contains(string(out), "readConfig -> os.ReadFile") {
		t.Errorf("go vet output:\n%s", out)
	}
	// Without the tag the async file is excluded: nothing to report.
	vet = exec.Command("go", "vet", "-vettool="+bin, "./...")
	vet.Dir = dir
	if out, err := vet.CombinedOutput(); err != nil && strings.Contains(string(out), "AIO") {
		t.Errorf("untagged vet reported:\n%s", out)
	}
}
