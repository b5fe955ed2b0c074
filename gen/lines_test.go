package gen_test

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/asyncgo/asyncgo/gen"
)

// TestLineDirectives checks the //line directives of every committed twin
// in the repository: each statement of a twin that is a copy of user code
// (its first line appears in the source file) must be reported, through the
// directives, at a line of the source holding that text. A single directive
// over a block whose printed lines do not match the source (a folded async
// closure, a dropped comment or blank line) shifts every statement after it
// and fails here.
func TestLineDirectives(t *testing.T) {
	var twins []string
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != ".." && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		// analysistest fixtures (testdata/src trees) hold hand-written
		// stand-ins for twins, not generator output.
		if d.IsDir() && d.Name() == "src" && filepath.Base(filepath.Dir(path)) == "testdata" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, "_aio.go") {
			twins = append(twins, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, twin := range twins {
		data, err := os.ReadFile(twin)
		if err != nil || !bytes.HasPrefix(data, []byte(gen.Header)) {
			continue
		}
		checked += checkTwinLines(t, twin, data)
	}
	if checked < 1000 {
		t.Errorf("checked %d copied statements in %d twins, want more: is the test still finding them?", checked, len(twins))
	}
}

// checkTwinLines checks one twin and returns the number of statements it
// checked.
func checkTwinLines(t *testing.T, twin string, data []byte) int {
	t.Helper()
	srcName := ""
	for _, l := range strings.SplitN(string(data), "\n", 4) {
		if rest, ok := strings.CutPrefix(l, "// Source: "); ok {
			srcName, _, _ = strings.Cut(rest, " ")
		}
	}
	if srcName == "" {
		t.Errorf("%s: no // Source: line", twin)
		return 0
	}
	src, err := os.ReadFile(filepath.Join(filepath.Dir(twin), srcName))
	if err != nil {
		t.Error(err)
		return 0
	}
	srcLines := strings.Split(string(src), "\n")
	// where[text] lists the source lines (1-based) holding text; filled
	// lazily per statement text.
	where := map[string][]int{}
	linesOf := func(text string) []int {
		if ls, ok := where[text]; ok {
			return ls
		}
		var ls []int
		for i, l := range srcLines {
			if strings.Contains(l, text) {
				ls = append(ls, i+1)
			}
		}
		where[text] = ls
		return ls
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, twin, data, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Errorf("%s: %v", twin, err)
		return 0
	}
	tf := fset.File(f.Pos())
	// Resume starts with generated code (hoisted variables, the panic
	// handler, the jump to the resume point) reported at the body's line;
	// the user's statements start at the first directive in it.
	prologue := map[ast.Stmt]bool{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Body == nil {
			continue
		}
		if fd.Name.Name == "FrameLocation" {
			prologue[fd.Body] = true // all generated
			continue
		}
		if fd.Name.Name != "Resume" {
			continue
		}
		for _, s := range fd.Body.List {
			if hasDirectiveBefore(f, tf, s.Pos()) {
				break
			}
			prologue[s] = true
		}
	}
	checked, bad := 0, 0
	recv := ""
	// top: statements directly in Resume. Those right after a //line
	// directive start the code generated for one user statement, which may
	// be rewritten (if err == nil { becomes if f.err != nil { goto ... }):
	// only its first token must be on the line. The ones after are
	// generated and not checked.
	top := map[ast.Stmt]bool{}
	check := func(s ast.Stmt) {
		pos := fset.Position(s.Pos())
		if filepath.Base(pos.Filename) != srcName {
			return
		}
		off := tf.Offset(s.Pos())
		text, _, _ := strings.Cut(string(data[off:]), "\n")
		text = strings.TrimSpace(text)
		if recv != "" {
			// Variables moved to the frame: f.x = 1 is x := 1.
			text = regexp.MustCompile(`\b`+recv+`\.`).ReplaceAllString(text, "")
		}
		ls := linesOf(text)
		if len(ls) == 0 {
			if def := strings.Replace(text, " = ", " := ", 1); def != text {
				text, ls = def, linesOf(def)
			}
		}
		if len(ls) == 0 || isGeneratedShape(text) {
			return // generated, or rewritten from user code
		}
		checked++
		for _, l := range ls {
			if l == pos.Line {
				return
			}
		}
		// Generated from the statement at that line: if _, err :=
		// aio.Await(x); err != nil { ... } becomes if err != nil { ... }.
		if pos.Line >= 1 && pos.Line <= len(srcLines) {
			want := tokens(text)
			if top[s] {
				want = want[:1]
			}
			if isSubsequence(want, tokens(srcLines[pos.Line-1])) {
				return
			}
		}
		if bad++; bad <= 20 {
			t.Errorf("%s:%d: %q is reported at %s:%d, but the source has it at line %v",
				twin, tf.PositionFor(s.Pos(), false).Line, text, srcName, pos.Line, ls)
		}
	}
	for _, d := range f.Decls {
		recv = ""
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Name.Name == "Resume" && len(fd.Recv.List[0].Names) > 0 {
			recv = fd.Recv.List[0].Names[0].Name
		}
		ast.Inspect(d, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SwitchStmt:
				if recv != "" && regexp.MustCompile(`^switch `+recv+`\.(PC|defers\.Next\(\)) `).MatchString(nodeText(data, tf, n)) {
					return false // dispatch to a resume point or a deferred block
				}
			}
			if fd, ok := n.(*ast.FuncDecl); ok && recv != "" {
				for _, s := range fd.Body.List {
					for {
						ls, ok := s.(*ast.LabeledStmt)
						if !ok {
							break
						}
						s = ls.Stmt
					}
					if hasDirectiveBefore(f, tf, s.Pos()) {
						top[s] = true
					} else {
						prologue[s] = true
					}
				}
			}
			s, ok := n.(ast.Stmt)
			if !ok {
				return true
			}
			if prologue[s] {
				return false
			}
			switch s.(type) {
			case *ast.BlockStmt, *ast.LabeledStmt, *ast.EmptyStmt:
				return true
			}
			check(s)
			return true
		})
	}
	if bad > 20 {
		t.Errorf("%s: %d mismatches in all", twin, bad)
	}
	return checked
}

// nodeText returns the first line of n in the twin.
func nodeText(data []byte, tf *token.File, n ast.Node) string {
	text, _, _ := strings.Cut(string(data[tf.Offset(n.Pos()):]), "\n")
	return text
}

// isGeneratedShape reports statement texts the generator writes itself
// that user code may also hold (so finding the text in the source proves
// nothing).
func isGeneratedShape(text string) bool {
	switch text {
	case "return", `panic("unreachable")`:
		return true
	}
	return false
}

// hasDirectiveBefore reports whether a //line comment ends on the line
// before pos.
func hasDirectiveBefore(f *ast.File, tf *token.File, pos token.Pos) bool {
	line := tf.PositionFor(pos, false).Line
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//line ") && tf.PositionFor(c.Pos(), false).Line == line-1 {
				return true
			}
		}
	}
	return false
}

// tokens returns the Go tokens of a line of source.
func tokens(line string) []string {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(line)), []byte(line), nil, scanner.ScanComments)
	var out []string
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return out
		}
		if lit == "\n" {
			continue // an inserted semicolon
		}
		if lit == "" {
			lit = tok.String()
		}
		out = append(out, lit)
	}
}

func isSubsequence(sub, seq []string) bool {
	i := 0
	for _, t := range seq {
		if i < len(sub) && sub[i] == t {
			i++
		}
	}
	return i == len(sub)
}
