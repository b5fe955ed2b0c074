// Package rule holds what every asyncgo rule analyzer shares: the rule
// documentation record, diagnostic reporting with //aio:ignore suppression,
// and the per-pass outcome that lets the aioignore analyzer report unused
// suppressions.
package rule

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/token"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/asyncgo/asyncgo/analyzer/internal/aiotypes"
)

// InGoroot reports whether the pass's package is a standard library package
// whose files live in GOROOT (test packages in GOPATH-style testdata have
// standard-library-like paths but do not). Fact-computing analyzers skip
// them: the rule tables name the standard library's behaviour.
func InGoroot(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 || !aiotypes.IsStdlib(pass.Pkg.Path()) {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	root := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
	return strings.HasPrefix(name, root) || strings.HasPrefix(name, "$GOROOT")
}

// DocsURL is where docs/rules.md is published; each rule has an anchor named
// after its lower-case id.
const DocsURL = "https://github.com/asyncgo/asyncgo/blob/main/docs/rules.md"

// Doc documents one rule id. It is the single source for the analyzer's Doc
// field, for `-explain`, and for docs/rules.md.
type Doc struct {
	ID    string // "AIO251"
	Title string // short imperative title
	Why   string // why the pattern is a problem, in a paragraph
	Bad   string // Go code that the rule reports
	Good  string // the corrected code
	OptIn bool   // reported only when enabled with the analyzer's -enable flag
}

// URL returns the documentation URL of rule id.
func URL(id string) string { return DocsURL + "#" + strings.ToLower(id) }

// AnalyzerDoc builds an analyzer's Doc text from the rules it implements: the
// first line is the summary go vet prints in its help.
func AnalyzerDoc(summary string, docs ...Doc) string {
	var b strings.Builder
	b.WriteString(summary)
	b.WriteString("\n")
	for _, d := range docs {
		fmt.Fprintf(&b, "\n%s: %s", d.ID, d.Title)
		if d.OptIn {
			b.WriteString(" (opt-in)")
		}
		b.WriteString("\n\n")
		b.WriteString(d.Why)
		b.WriteString("\n")
	}
	return b.String()
}

// An Ignore is one //aio:ignore comment.
type Ignore struct {
	Pos    token.Pos // start of the comment
	File   string    // file name
	Line   int       // line of the comment
	IDs    []string  // rule ids it suppresses
	Reason string    // free text after the ids; required
}

// Ignores indexes the //aio:ignore comments of a package by file and line.
type Ignores struct {
	All    []*Ignore
	byLine map[string]map[int][]*Ignore
	// generated holds the files with a "Code generated ... DO NOT EDIT."
	// header: asyncgo's *_aio.go twins (and other tools' output) are the
	// product of a generator, their //line directives point back at the
	// user's source, and whatever they contain is reported, if at all, on
	// that source. No rule reports in them and their comments suppress
	// nothing.
	generated map[*token.File]bool
}

// Generated reports whether pos lies in a generated file of the pass.
func (ign *Ignores) Generated(fset *token.FileSet, pos token.Pos) bool {
	return ign != nil && len(ign.generated) > 0 && ign.generated[fset.File(pos)]
}

// IgnorePrefix starts a suppression comment.
const IgnorePrefix = "//aio:ignore"

// ParseAnalyzer collects the //aio:ignore comments of a package. Rule
// analyzers require it to honour suppressions.
var ParseAnalyzer = &analysis.Analyzer{
	Name:             "aioignoreparse",
	Doc:              "collect //aio:ignore suppression comments (no diagnostics)",
	URL:              DocsURL + "#suppression",
	Run:              parseIgnores,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeOf((*Ignores)(nil)),
}

func parseIgnores(pass *analysis.Pass) (any, error) {
	ign := &Ignores{byLine: map[string]map[int][]*Ignore{}, generated: map[*token.File]bool{}}
	for _, f := range pass.Files {
		if ast.IsGenerated(f) {
			ign.generated[pass.Fset.File(f.Pos())] = true
			continue
		}
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				text, ok := strings.CutPrefix(c.Text, IgnorePrefix)
				if !ok || (text != "" && text[0] != ' ' && text[0] != '\t') {
					continue
				}
				// A further "//" ends the directive, so that a trailing comment
				// is not taken for the reason.
				if i := strings.Index(text, "//"); i >= 0 {
					text = text[:i]
				}
				pos := pass.Fset.Position(c.Pos())
				ids, reason, _ := strings.Cut(strings.TrimSpace(text), " ")
				it := &Ignore{Pos: c.Pos(), File: pos.Filename, Line: pos.Line, Reason: strings.TrimSpace(reason)}
				for _, id := range strings.Split(ids, ",") {
					if id = strings.TrimSpace(id); id != "" {
						it.IDs = append(it.IDs, strings.ToUpper(id))
					}
				}
				ign.All = append(ign.All, it)
				m := ign.byLine[it.File]
				if m == nil {
					m = map[int][]*Ignore{}
					ign.byLine[it.File] = m
				}
				m[it.Line] = append(m[it.Line], it)
			}
		}
	}
	return ign, nil
}

// Outcome is the result type of every rule analyzer: which ids it had
// enabled and which suppressions it consumed, so that the aioignore analyzer
// can tell unused suppressions from suppressions of disabled rules.
type Outcome struct {
	Enabled []string
	Used    []*Use
}

// Use records that a suppression comment suppressed a diagnostic of rule ID.
type Use struct {
	*Ignore
	ID string
}

// OutcomeType is the ResultType of every rule analyzer.
var OutcomeType = reflect.TypeOf((*Outcome)(nil))

// Reporter reports diagnostics for one pass, dropping those suppressed by an
// //aio:ignore comment.
type Reporter struct {
	pass    *analysis.Pass
	ign     *Ignores
	outcome *Outcome
	enabled map[string]bool
}

// NewReporter returns a reporter for the ids that are enabled in this pass.
// The analyzer must require ParseAnalyzer.
func NewReporter(pass *analysis.Pass, enabled ...string) *Reporter {
	r := &Reporter{pass: pass, outcome: &Outcome{Enabled: enabled}, enabled: map[string]bool{}}
	r.ign, _ = pass.ResultOf[ParseAnalyzer].(*Ignores)
	for _, id := range enabled {
		r.enabled[id] = true
	}
	return r
}

// Outcome returns the value the analyzer's Run must return.
func (r *Reporter) Outcome() *Outcome { return r.outcome }

// Pass returns the pass the reporter reports to.
func (r *Reporter) Pass() *analysis.Pass { return r.pass }

// Report reports rule id at node unless the id is disabled or suppressed.
// The message is prefixed with the id so that plain `go vet` output names
// the rule to look up with -explain.
func (r *Reporter) Report(id string, node ast.Node, fixes []analysis.SuggestedFix, format string, args ...any) {
	r.ReportRange(id, node.Pos(), node.End(), fixes, format, args...)
}

// ReportRange is Report for an explicit source range.
func (r *Reporter) ReportRange(id string, pos, end token.Pos, fixes []analysis.SuggestedFix, format string, args ...any) {
	if !r.enabled[id] || r.ign.Generated(r.pass.Fset, pos) {
		return
	}
	if ig := r.suppression(id, pos, end); ig != nil {
		r.outcome.Used = append(r.outcome.Used, &Use{ig, id})
		return
	}
	r.pass.Report(analysis.Diagnostic{
		Pos:            pos,
		End:            end,
		Category:       id,
		URL:            URL(id),
		Message:        id + ": " + fmt.Sprintf(format, args...),
		SuggestedFixes: fixes,
	})
}

// suppression finds an //aio:ignore for id on the diagnostic's line, or on
// the first line of the innermost statement enclosing it, or on the line
// just above that statement.
func (r *Reporter) suppression(id string, pos, end token.Pos) *Ignore {
	if r.ign == nil || len(r.ign.All) == 0 {
		return nil
	}
	p := r.pass.Fset.Position(pos)
	byLine := r.ign.byLine[p.Filename]
	if byLine == nil {
		return nil
	}
	lines := []int{p.Line}
	if stmt := enclosingStmt(r.pass, pos, end); stmt != nil {
		sl := r.pass.Fset.Position(stmt.Pos()).Line
		lines = append(lines, sl, sl-1)
	} else {
		lines = append(lines, p.Line-1)
	}
	for _, l := range lines {
		for _, ig := range byLine[l] {
			for _, x := range ig.IDs {
				if x == id {
					return ig
				}
			}
		}
	}
	return nil
}

func enclosingStmt(pass *analysis.Pass, pos, end token.Pos) ast.Stmt {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			path, _ := astutil.PathEnclosingInterval(f, pos, end)
			for _, n := range path {
				if s, ok := n.(ast.Stmt); ok {
					if _, isBlock := s.(*ast.BlockStmt); !isBlock {
						return s
					}
				}
			}
			return nil
		}
	}
	return nil
}

// Enabled reports the ids that are on given a set of docs and whether
// opt-in rules were requested.
func Enabled(optIn bool, docs ...Doc) []string {
	var ids []string
	for _, d := range docs {
		if !d.OptIn || optIn {
			ids = append(ids, d.ID)
		}
	}
	sort.Strings(ids)
	return ids
}
