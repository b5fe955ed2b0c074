// Package blocking holds the analyzers for calls that block the event loop
// when made directly in an async body (AIO181, AIO200, AIO210, AIO215,
// AIO220-222, AIO230/240, AIO250, AIO251, AIO260, AIO261, AIO270), and the
// classifier of blocking primitives that the transitive analyzer (AIO201)
// reuses.
//
// An asyncgo loop runs every task on one goroutine: a call that waits for the
// clock, the network, a file, another goroutine or a database stalls every
// task of the program until it returns. Code inside `go` statements and
// callbacks passed to aio.ToThread runs elsewhere and is not reported.
package blocking

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/types"
	"os"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/asyncgo/asyncgo/analyzer/asyncfind"
	"github.com/asyncgo/asyncgo/analyzer/internal/aiotypes"
	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
)

// family builds one analyzer for the rule ids in docs.
func family(name, summary string, docs ...rule.Doc) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:             name,
		Doc:              rule.AnalyzerDoc(summary, docs...),
		URL:              rule.URL(docs[0].ID),
		Requires:         []*analysis.Analyzer{asyncfind.Analyzer, rule.ParseAnalyzer, inspect.Analyzer},
		RunDespiteErrors: true,
		ResultType:       rule.OutcomeType,
	}
	a.Run = func(pass *analysis.Pass) (any, error) { return runFamily(pass, docs) }
	return a
}

// Docs lists the documentation of every rule in this package, by analyzer.
var Docs = map[string][]rule.Doc{}

func register(a *analysis.Analyzer, docs ...rule.Doc) *analysis.Analyzer {
	Docs[a.Name] = docs
	return a
}

// Flags shared by the family analyzers, set through the flags of the
// analyzer that owns them (-blockingsync.mutex, -blockingcustom.funcs,
// -blockingcustom.config) and read by AIO201 as well.
var (
	flagMutex      bool
	flagCustomList string
	flagCustomFile string
)

// parsed caches the AIO200 table: every analyzer of every package asks for
// it, and the flags do not change during a run.
var parsed struct {
	sync.Mutex
	list, file string
	custom     map[string]string
	err        error
	done       bool
}

// CurrentOptions returns the classifier options selected by flags.
func CurrentOptions() (Options, error) {
	parsed.Lock()
	defer parsed.Unlock()
	if !parsed.done || parsed.list != flagCustomList || parsed.file != flagCustomFile {
		parsed.custom, parsed.err = parseCustom(flagCustomList, flagCustomFile)
		parsed.list, parsed.file, parsed.done = flagCustomList, flagCustomFile, true
	}
	return Options{Mutex: flagMutex, Custom: parsed.custom}, parsed.err
}

// parseCustom reads AIO200 entries: `pkg.Func -> hint`, separated by ';' in
// the flag and by newlines in the file ('#' starts a comment line).
func parseCustom(list, file string) (map[string]string, error) {
	entries := strings.Split(list, ";")
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("AIO200 config: %v", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			entries = append(entries, sc.Text())
		}
	}
	m := map[string]string{}
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if e == "" || strings.HasPrefix(e, "#") {
			continue
		}
		key, hint, _ := strings.Cut(e, "->")
		key, hint = strings.TrimSpace(key), strings.TrimSpace(hint)
		if hint == "" {
			hint = "configured as blocking; " + hintThread
		}
		for _, k := range customKeys(key) {
			m[k] = hint
		}
	}
	return m, nil
}

// customKeys expands a user-written name into the keys aiotypes.Key
// produces: "example.com/db.Conn.Query" also matches the pointer and value
// method forms "(*example.com/db.Conn).Query" and "(example.com/db.Conn).Query".
func customKeys(key string) []string {
	if strings.HasPrefix(key, "(") {
		return []string{key}
	}
	slash := strings.LastIndex(key, "/")
	rest := key[slash+1:]
	parts := strings.Split(rest, ".")
	if len(parts) != 3 {
		return []string{key}
	}
	typ := key[:slash+1] + parts[0] + "." + parts[1]
	return []string{key, "(*" + typ + ")." + parts[2], "(" + typ + ")." + parts[2]}
}

func runFamily(pass *analysis.Pass, docs []rule.Doc) (any, error) {
	opts, err := CurrentOptions()
	if err != nil {
		return nil, err
	}
	ids := rule.Enabled(true, docs...)
	rep := rule.NewReporter(pass, ids...)
	res := pass.ResultOf[asyncfind.Analyzer].(*asyncfind.Result)
	if len(res.Bodies) == 0 {
		return rep.Outcome(), nil
	}
	cls := NewClassifier(pass.TypesInfo, pass.Files, opts)
	cls.Bindings = res.Bindings
	for _, b := range res.Bodies {
		asyncfind.WalkBody(b, func(n ast.Node, stack []ast.Node) bool {
			p := cls.Classify(n, stack)
			if p == nil || !slices.Contains(ids, p.ID) {
				return true
			}
			rep.Report(p.ID, p.Node, sleepFix(pass, b, p, stack), "%s blocks the event loop in %s: every other task stalls until it returns; %s", p.Name, b.Name(), p.Hint)
			return true
		})
	}
	return rep.Outcome(), nil
}

// sleepFix rewrites `time.Sleep(d)` and `<-time.After(d)` used as a whole
// statement into `aio.Await(aio.Sleep(d))`. Only statements qualify: there
// the value is unused, so dropping Await's results changes nothing but the
// blocking. Cancellation then surfaces at the next await instead of here;
// the message says so.
func sleepFix(pass *analysis.Pass, b *asyncfind.Body, p *Primitive, stack []ast.Node) []analysis.SuggestedFix {
	if p.ID != "AIO251" || len(stack) == 0 {
		return nil
	}
	if _, ok := stack[len(stack)-1].(*ast.ExprStmt); !ok {
		return nil
	}
	for _, n := range stack {
		if _, ok := n.(*ast.FuncLit); ok { // immediately called literal: Await is not allowed there
			return nil
		}
	}
	aio := aiotypes.AioImportName(b.File)
	if aio == "" {
		return nil
	}
	var arg ast.Expr
	switch x := p.Node.(type) {
	case *ast.CallExpr:
		if len(x.Args) == 1 {
			arg = x.Args[0]
		}
	case *ast.UnaryExpr:
		if call, ok := ast.Unparen(x.X).(*ast.CallExpr); ok && len(call.Args) == 1 {
			if fn := aiotypes.Callee(pass.TypesInfo, call); fn != nil && aiotypes.Key(fn) == "time.After" {
				arg = call.Args[0]
			}
		}
	}
	if arg == nil || !timeStillUsed(pass, b.File, p.Node, arg) {
		return nil
	}
	var buf bytes.Buffer
	if err := format.Node(&buf, pass.Fset, arg); err != nil {
		return nil
	}
	text := fmt.Sprintf("%s(%s(%s))", aiotypes.Qualify(aio, "Await"), aiotypes.Qualify(aio, "Sleep"), buf.String())
	return []analysis.SuggestedFix{{
		Message:   "Replace with " + text + " (cancellation is then observed at the next await)",
		TextEdits: []analysis.TextEdit{{Pos: p.Node.Pos(), End: p.Node.End(), NewText: []byte(text)}},
	}}
}

// timeStillUsed reports whether file refers to package time somewhere other
// than in the part of node that the fix removes (everything but arg): if
// not, the rewrite would leave an unused import and the file would no
// longer compile, so no fix is offered.
func timeStillUsed(pass *analysis.Pass, file *ast.File, node ast.Node, arg ast.Expr) bool {
	used := false
	ast.Inspect(file, func(n ast.Node) bool {
		if used {
			return false
		}
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		if id.Pos() >= node.Pos() && id.End() <= node.End() && (id.Pos() < arg.Pos() || id.End() > arg.End()) {
			return true // removed by the fix
		}
		switch obj := pass.TypesInfo.Uses[id].(type) {
		case *types.PkgName:
			used = obj.Imported().Path() == "time"
		case nil:
		default:
			// A dot import of time: its members are used unqualified.
			if obj.Pkg() != nil && obj.Pkg().Path() == "time" && obj.Parent() == obj.Pkg().Scope() {
				used = !isSelectorSel(file, id)
			}
		}
		return true
	})
	return used
}

// isSelectorSel reports whether id is the selected name of a selector x.id.
func isSelectorSel(file *ast.File, id *ast.Ident) bool {
	found := false
	ast.Inspect(file, func(n ast.Node) bool {
		if found || n == nil || n.Pos() > id.Pos() || n.End() < id.End() {
			return false
		}
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel == id {
			found = true
		}
		return !found
	})
	return found
}
