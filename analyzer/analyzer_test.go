package analyzer_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/asyncgo/asyncgo/analyzer"
)

var testdata, _ = filepath.Abs("testdata")

// TestIgnore checks suppression hygiene: missing reasons, unknown ids and
// unused suppressions are reported; used ones are not.
func TestIgnore(t *testing.T) {
	analysistest.Run(t, testdata, analyzer.Ignore, "aioignore")
}

// TestRegistry checks that every analyzer is valid and documented and that
// every rule id is unique and has complete docs.
func TestRegistry(t *testing.T) {
	if err := analysis.Validate(analyzer.Analyzers()); err != nil {
		t.Fatal(err)
	}
	for _, a := range analyzer.Analyzers() {
		if a.Doc == "" || a.URL == "" {
			t.Errorf("analyzer %s: Doc and URL must be set", a.Name)
		}
		if !a.RunDespiteErrors {
			t.Errorf("analyzer %s: must set RunDespiteErrors", a.Name)
		}
	}
	seen := map[string]bool{}
	for _, r := range analyzer.Rules() {
		if seen[r.ID] {
			t.Errorf("duplicate rule id %s", r.ID)
		}
		seen[r.ID] = true
		if r.Title == "" || r.Why == "" || r.Bad == "" || r.Good == "" {
			t.Errorf("rule %s: title, why, bad and good example are all required", r.ID)
		}
	}
	for _, id := range []string{"AIO001", "AIO100", "AIO105", "AIO109", "AIO110", "AIO115", "AIO116", "AIO124", "AIO140", "AIO150", "AIO180", "AIO181", "AIO190", "AIO200", "AIO201",
		"AIO210", "AIO215", "AIO220", "AIO221", "AIO222", "AIO230", "AIO240", "AIO250", "AIO251", "AIO260", "AIO261",
		"AIO270", "AIO300", "AIO301", "AIO913"} {
		if !seen[id] {
			t.Errorf("rule %s is not registered", id)
		}
	}
}

// TestGenerated checks that no rule reports in a generated file (an asyncgo
// twin, whose //line directives point at the user's source) and that
// suppressions copied into one are not reported as unused: the only
// diagnostic of package generated is the sleep in its source file.
func TestGenerated(t *testing.T) {
	g := analyzeTestdata(t, "generated")
	var got []string
	for _, act := range g.Roots {
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.PositionFor(d.Pos, false)
			got = append(got, fmt.Sprintf("%s:%d %s", filepath.Base(p.Filename), p.Line, d.Category))
		}
	}
	if want := []string{"twin.go:11 AIO251"}; !slices.Equal(got, want) {
		t.Errorf("diagnostics = %q, want %q", got, want)
	}
}
