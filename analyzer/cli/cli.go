// Package cli is the `asyncgo vet` driver: it loads packages with go/packages
// under the aiosrc build tag (where async code is plain source), runs every
// asyncgo analyzer with the go/analysis checker, and prints diagnostics the
// way go vet does. cmd/asyncvet is the `go vet -vettool` flavour of the same
// analyzers.
package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/asyncgo/asyncgo/analyzer"
)

// Exit codes, as go vet: 0 clean, 1 diagnostics or load errors, 2 usage.
const (
	ExitClean    = 0
	ExitProblems = 1
	ExitUsage    = 2
)

// Main runs `asyncgo vet` with args (not including the program or command
// name) and returns the exit code.
func Main(args []string) int { return Run(args, os.Stdout, os.Stderr) }

// Run is Main with explicit output streams.
func Run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("asyncgo vet", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonOut := fs.Bool("json", false, "print diagnostics as JSON (the go vet -json format) on stdout and exit 0")
	explain := fs.String("explain", "", "print the documentation of a rule id (e.g. AIO251) and exit")
	list := fs.Bool("list", false, "list the rule ids and analyzers and exit")
	enable := fs.String("enable", "", "comma-separated opt-in rule ids to enable (AIO109,AIO115,AIO124,AIO913), or \"all\"")
	tags := fs.String("tags", "", "additional build tags (aiosrc is always set)")
	tests := fs.Bool("test", true, "also analyze test files")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: asyncgo vet [flags] [packages]\n\nRuns the asyncgo analyzers on the aiosrc build of packages (default ./...).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	// Each analyzer's own flags, as -analyzer.flag (like go vet).
	for _, a := range analyzer.Analyzers() {
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	if *list {
		for _, r := range analyzer.Rules() {
			opt := ""
			if r.OptIn {
				opt = " (opt-in)"
			}
			fmt.Fprintf(stdout, "%s  %-16s %s%s\n", r.ID, r.Analyzer.Name, r.Title, opt)
		}
		return ExitClean
	}
	if *explain != "" {
		r, ok := analyzer.Lookup(*explain)
		if !ok {
			fmt.Fprintf(stderr, "asyncgo vet: unknown rule %q (see -list)\n", *explain)
			return ExitUsage
		}
		fmt.Fprint(stdout, analyzer.Explain(r))
		return ExitClean
	}
	if err := enableOptIn(*enable); err != nil {
		fmt.Fprintf(stderr, "asyncgo vet: %v\n", err)
		return ExitUsage
	}

	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	buildTags := "aiosrc"
	if *tags != "" {
		buildTags += "," + *tags
	}
	cfg := &packages.Config{
		Mode:       packages.LoadAllSyntax | packages.NeedModule,
		BuildFlags: []string{"-tags=" + buildTags},
		Tests:      *tests,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "asyncgo vet: %v\n", err)
		return ExitProblems
	}
	loadErrs := 0
	for _, p := range pkgs {
		for _, e := range p.Errors {
			if e.Pos == "" || e.Pos == "-" {
				// Nothing to point at (a pattern that names no
				// package): no "-:" placeholder.
				fmt.Fprintf(stderr, "asyncgo vet: %s: %s\n", p.PkgPath, e.Msg)
			} else {
				fmt.Fprintf(stderr, "%s: %v\n", p.PkgPath, e)
			}
			loadErrs++
		}
	}
	graph, err := checker.Analyze(analyzer.Analyzers(), pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "asyncgo vet: %v\n", err)
		return ExitProblems
	}
	if *jsonOut {
		if err := graph.PrintJSON(stdout); err != nil {
			fmt.Fprintf(stderr, "asyncgo vet: %v\n", err)
			return ExitProblems
		}
		if loadErrs > 0 {
			return ExitProblems
		}
		return ExitClean
	}
	n := printText(stderr, graph)
	if n > 0 || loadErrs > 0 {
		return ExitProblems
	}
	return ExitClean
}

// enableOptIn sets the -enable flag of the analyzers of the listed opt-in ids.
func enableOptIn(list string) error {
	if list == "" {
		return nil
	}
	for _, id := range strings.Split(list, ",") {
		id = strings.TrimSpace(id)
		all := strings.EqualFold(id, "all")
		matched := false
		for _, r := range analyzer.Rules() {
			if r.OptIn && (all || strings.EqualFold(id, r.ID)) {
				if err := r.Analyzer.Flags.Set("enable", "true"); err != nil {
					return err
				}
				matched = true
			}
		}
		if !matched {
			return fmt.Errorf("-enable: %s is not an opt-in rule (see -list)", id)
		}
	}
	return nil
}

// printText prints root diagnostics as go vet does (file:line:col: message,
// paths relative to the working directory, grouped per package with a
// "# pkg" header) and returns how many it printed. Test variants of a
// package repeat its diagnostics; each is printed once.
func printText(w io.Writer, graph *checker.Graph) int {
	type diag struct {
		pkg, posn, msg string
		file           string
		line, col      int
	}
	wd, _ := os.Getwd()
	seen := map[string]bool{}
	var ds []diag
	for _, act := range graph.Roots {
		if act.Err != nil {
			fmt.Fprintf(w, "%s: %v\n", act, act.Err)
			continue
		}
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.Position(d.Pos)
			file := p.Filename
			if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
				file = "./" + rel
			}
			posn := fmt.Sprintf("%s:%d:%d", file, p.Line, p.Column)
			if seen[posn+d.Message] {
				continue
			}
			seen[posn+d.Message] = true
			ds = append(ds, diag{pkg: pkgPath(act.Package), posn: posn, msg: d.Message, file: file, line: p.Line, col: p.Column})
		}
	}
	sort.Slice(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.pkg != b.pkg {
			return a.pkg < b.pkg
		}
		if a.file != b.file {
			return a.file < b.file
		}
		if a.line != b.line {
			return a.line < b.line
		}
		if a.col != b.col {
			return a.col < b.col
		}
		return a.msg < b.msg
	})
	last := ""
	for _, d := range ds {
		if d.pkg != last {
			fmt.Fprintf(w, "# %s\n", d.pkg)
			last = d.pkg
		}
		fmt.Fprintf(w, "%s: %s\n", d.posn, d.msg)
	}
	return len(ds)
}

func pkgPath(p *packages.Package) string {
	path := p.PkgPath
	if i := strings.Index(path, " ["); i >= 0 { // test variant "p [p.test]"
		path = path[:i]
	}
	return strings.TrimSuffix(path, "_test")
}
