package doccheck

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// root is the repository root, two levels above this package.
var root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}()

// block is a fenced code block of a Markdown file.
type block struct {
	lang    string
	line    int    // line of the opening fence
	heading string // the closest heading above it
	text    string
}

// codeBlocks returns the fenced code blocks of the Markdown file at path.
func codeBlocks(t *testing.T, path string) []block {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var (
		blocks  []block
		cur     *block
		body    strings.Builder
		heading string
	)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &block{lang: strings.TrimPrefix(line, "```"), line: n, heading: heading}
			body.Reset()
		case cur != nil && line == "```":
			cur.text = body.String()
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			body.WriteString(line + "\n")
		case strings.HasPrefix(line, "#"):
			heading = strings.TrimSpace(strings.TrimLeft(line, "#"))
		}
	}
	if cur != nil {
		t.Fatalf("%s:%d: unterminated code block", path, cur.line)
	}
	return blocks
}

// skipped lists the README commands the test does not run, and why. A
// command that is neither run nor listed here fails the test, so a new
// command in the README forces a decision.
var skipped = []struct {
	re     *regexp.Regexp
	reason string
}{
	{regexp.MustCompile(`^\./scripts/test\.sh$`), "it is the test suite that runs this test"},
	{regexp.MustCompile(`^go (install|get)\b`), "installs into the user's GOPATH"},
	{regexp.MustCompile(`\./mycafe\b`), "the walkthrough's package: TestFirstAsyncFunction runs it"},
}

// tools builds asyncgo and asyncvet once, into a directory that the README
// commands find them in as $(go env GOPATH)/bin would be.
var tools = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "doccheck-bin-")
	if err != nil {
		return "", err
	}
	cmd := exec.Command("go", "build", "-o", dir, "./cmd/asyncgo", "./cmd/asyncvet")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", &exec.ExitError{Stderr: out, ProcessState: cmd.ProcessState}
	}
	return dir, nil
})

func toolsDir(t *testing.T) string {
	t.Helper()
	dir, err := tools()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("building the tools: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	return dir
}

// shell runs a command line with bash in dir, with the built tools first
// on PATH, and returns its combined output.
func shell(t *testing.T, dir, line string) (string, error) {
	t.Helper()
	bin := toolsDir(t)
	// The README says $(go env GOPATH)/bin/asyncvet after go install; the
	// test uses the binary it built instead of touching GOPATH.
	line = strings.ReplaceAll(line, "$(go env GOPATH)/bin/", bin+"/")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-e", "-o", "pipefail", "-c", line)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// commands returns the command lines of the README's sh blocks, without
// their trailing comments.
func commands(t *testing.T) []string {
	var cmds []string
	for _, b := range codeBlocks(t, filepath.Join(root, "README.md")) {
		if b.lang != "sh" {
			continue
		}
		for _, line := range strings.Split(b.text, "\n") {
			if i := strings.Index(line, " #"); i >= 0 {
				line = line[:i]
			}
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				cmds = append(cmds, line)
			}
		}
	}
	if len(cmds) == 0 {
		t.Fatal("README.md has no sh command blocks")
	}
	return cmds
}

// TestReadmeCommands runs every shell command of README.md from the
// repository root, except the ones listed in skipped.
func TestReadmeCommands(t *testing.T) {
	ran := false
	for _, line := range commands(t) {
		t.Run(line, func(t *testing.T) {
			for _, s := range skipped {
				if s.re.MatchString(line) {
					t.Skipf("not run: %s", s.reason)
				}
			}
			ran = true // before Parallel: subtests run in sequence until then
			t.Parallel()
			out, err := shell(t, root, line)
			if err != nil {
				t.Fatalf("%s: %v\n%s", line, err, out)
			}
			t.Logf("%s\n%s", line, out)
		})
	}
	t.Cleanup(func() {
		if !ran {
			t.Error("no README command was run")
		}
	})
}

// TestQuickStartOutput checks that the quick start's first command prints
// the hello example's output.
func TestQuickStartOutput(t *testing.T) {
	const cmd = "go run ./cmd/asyncgo run ./examples/hello"
	if !contains(commands(t), cmd) {
		t.Fatalf("README.md quick start lost %q", cmd)
	}
	t.Parallel()
	out, err := shell(t, root, cmd)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want, err := os.ReadFile(filepath.Join(root, "examples/hello/testdata/golden.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("%s printed\n%s\nwant (examples/hello/testdata/golden.txt)\n%s", cmd, out, want)
	}
}

// TestTwinsFresh checks that every example's committed twin is what the
// generator writes today.
func TestTwinsFresh(t *testing.T) {
	t.Parallel()
	if out, err := shell(t, root, "asyncgo gen -check ./examples/..."); err != nil {
		t.Fatalf("stale generated files (run go run ./cmd/asyncgo gen ./examples/...): %v\n%s", err, out)
	}
}

// TestGeneratedListing checks that the README's before/after listing of
// the hello example is the real source and the real generator output.
func TestGeneratedListing(t *testing.T) {
	var gos []block
	for _, b := range codeBlocks(t, filepath.Join(root, "README.md")) {
		if b.lang == "go" && b.heading == "What the generator produces" {
			gos = append(gos, b)
		}
	}
	if len(gos) != 2 {
		t.Fatalf("want 2 go blocks under \"What the generator produces\", found %d", len(gos))
	}
	for i, file := range []string{"examples/hello/main.go", "examples/hello/main_aio.go"} {
		data, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), gos[i].text) {
			t.Errorf("README.md:%d: the listing is not a verbatim part of %s; copy it again", gos[i].line, file)
		}
	}
}

// TestFirstAsyncFunction follows "Your first async function" in a module of
// its own, as a user of the published module would: it writes the README's
// program to mycafe/main.go, runs the README's commands on it, and checks the
// output the README promises.
func TestFirstAsyncFunction(t *testing.T) {
	var src string
	var cmds []string
	for _, b := range codeBlocks(t, filepath.Join(root, "README.md")) {
		if b.heading != "Your first async function" {
			continue
		}
		switch b.lang {
		case "go":
			src = b.text
		case "sh":
			cmds = append(cmds, strings.Split(strings.TrimSpace(b.text), "\n")...)
		}
	}
	if src == "" || len(cmds) == 0 {
		t.Fatal(`README.md: no go and sh blocks under "Your first async function"`)
	}
	t.Parallel()

	mod := t.TempDir()
	gomod := "module example.com/cafe\n\ngo 1.26.0\n\nrequire github.com/asyncgo/asyncgo v0.0.0\n\nreplace github.com/asyncgo/asyncgo => " + root + "\n"
	if err := os.WriteFile(filepath.Join(mod, "go.mod"), []byte(gomod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(mod, "mycafe"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, "mycafe", "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var last string
	for _, c := range cmds {
		line, comment, _ := strings.Cut(c, " #")
		out, err := shell(t, mod, line)
		if err != nil {
			t.Fatalf("%s: %v\n%s", line, err, out)
		}
		// A comment of the form "a / b / c" lists the lines the command
		// prints.
		if want := strings.TrimSpace(comment); strings.Contains(want, " / ") {
			if got := strings.TrimSpace(out); got != strings.ReplaceAll(want, " / ", "\n") {
				t.Errorf("%s printed\n%s\nREADME.md says\n%s", line, got, strings.ReplaceAll(want, " / ", "\n"))
			}
		}
		last = out
	}
	if last == "" {
		t.Error("the walkthrough printed nothing")
	}
	// The source mode must print the same.
	out, err := shell(t, mod, "go run -tags aiosrc ./mycafe")
	if err != nil || out != last {
		t.Errorf("go run -tags aiosrc ./mycafe: %v\n%s\nwant\n%s", err, out, last)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestUnsupportedErrors runs the generator on each program of
// testdata/unsupported, which it must refuse, and checks that the table in
// docs/design.md shows the message the user gets today. When the generator
// learns to compile one of them, this test says so and the case and its row
// go away.
func TestUnsupportedErrors(t *testing.T) {
	design, err := os.ReadFile(filepath.Join(root, "docs/design.md"))
	if err != nil {
		t.Fatal(err)
	}
	// Table cells escape the pipe.
	doc := strings.ReplaceAll(string(design), `\|`, "|")
	dirs, err := filepath.Glob(filepath.Join(root, "internal/doccheck/testdata/unsupported/*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, dir := range dirs {
		rel, _ := filepath.Rel(root, dir)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			// -check: the generator must not write a twin even if it
			// accepted the program.
			out, err := shell(t, root, "asyncgo gen -check ./"+rel)
			if err == nil {
				t.Fatalf("asyncgo gen accepted %s: remove the case and its row in docs/design.md\n%s", rel, out)
			}
			first, _, _ := strings.Cut(out, "\n")
			msg := strings.TrimPrefix(first, rel+string(filepath.Separator))
			if msg == first {
				t.Fatalf("unexpected output for %s:\n%s", rel, out)
			}
			if !strings.Contains(doc, msg) {
				t.Errorf("docs/design.md does not show the message for %s:\n%s", rel, msg)
			}
		})
	}
}
