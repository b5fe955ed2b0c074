// Package analyzer is the registry of asyncgo's lint rules: every analyzer,
// the rule ids it reports, their documentation, and the aioignore analyzer
// that checks //aio:ignore suppressions.
//
// Rule ids follow flake8-async numbers where one exists, prefixed AIO: 1xx
// semantics, 2xx blocking calls, 3xx future and task lifecycle, 9xx opt-in.
// Drivers: cmd/asyncvet (go vet -vettool) and analyzer/cli (asyncgo vet).
package analyzer

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/asyncgo/asyncgo/analyzer/awaitcheck"
	"github.com/asyncgo/asyncgo/analyzer/blocking"
	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
	"github.com/asyncgo/asyncgo/analyzer/lifecycle"
	"github.com/asyncgo/asyncgo/analyzer/lockawait"
	"github.com/asyncgo/asyncgo/analyzer/optin"
	"github.com/asyncgo/asyncgo/analyzer/semantics"
	"github.com/asyncgo/asyncgo/analyzer/transitive"
)

// Doc documents one rule id (title, why, bad and good example).
type Doc = rule.Doc

// Rule ties a rule id to the analyzer that reports it.
type Rule struct {
	Doc
	Analyzer *analysis.Analyzer
}

// family lists each rule analyzer with the docs of the ids it reports.
type family struct {
	a    *analysis.Analyzer
	docs []rule.Doc
}

func families() []family {
	fs := []family{
		{awaitcheck.AwaitOutside, []rule.Doc{awaitcheck.DocAwaitOutside}},
		{awaitcheck.GoroutineState, []rule.Doc{awaitcheck.DocGoroutineState}},
		{lifecycle.Unawaited, []rule.Doc{lifecycle.DocUnawaitedCoro, lifecycle.DocUnawaitedAwaitable}},
		{lifecycle.Dangling, []rule.Doc{lifecycle.DocDangling}},
		{lockawait.Analyzer, []rule.Doc{lockawait.Doc}},
		{transitive.Analyzer, []rule.Doc{transitive.Doc}},
		{optin.NoAwait, []rule.Doc{optin.DocNoAwait}},
		{optin.BusyLoop, []rule.Doc{optin.DocBusyLoop}},
		{optin.SleepZero, []rule.Doc{optin.DocSleepZero}},
		{optin.TimeoutParam, []rule.Doc{optin.DocTimeoutParam}},
		{semantics.TimeoutNoAwait, []rule.Doc{semantics.DocTimeoutNoAwait}},
		{semantics.BusyWait, []rule.Doc{semantics.DocBusyWait}},
		{semantics.LongSleep, []rule.Doc{semantics.DocLongSleep}},
		{semantics.CoroReuse, []rule.Doc{semantics.DocCoroReuse}},
	}
	for _, a := range blocking.All {
		fs = append(fs, family{a, blocking.Docs[a.Name]})
	}
	return fs
}

// Rules returns every rule, sorted by id, including the suppression rule.
func Rules() []Rule {
	var rs []Rule
	for _, f := range families() {
		for _, d := range f.docs {
			rs = append(rs, Rule{d, f.a})
		}
	}
	rs = append(rs, Rule{DocIgnore, Ignore})
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	return rs
}

// Lookup returns the rule with the given id (case-insensitive).
func Lookup(id string) (Rule, bool) {
	for _, r := range Rules() {
		if strings.EqualFold(r.ID, id) {
			return r, true
		}
	}
	return Rule{}, false
}

// Analyzers returns every analyzer to run: the rule analyzers and aioignore.
func Analyzers() []*analysis.Analyzer {
	var as []*analysis.Analyzer
	for _, f := range families() {
		as = append(as, f.a)
	}
	sort.Slice(as, func(i, j int) bool { return as[i].Name < as[j].Name })
	return append(as, Ignore)
}

// Explain renders a rule's documentation as plain text for -explain.
func Explain(r Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", r.ID, r.Title)
	fmt.Fprintf(&b, "analyzer: %s", r.Analyzer.Name)
	if r.OptIn {
		fmt.Fprintf(&b, " (opt-in: -%s.enable)", r.Analyzer.Name)
	}
	fmt.Fprintf(&b, "\n%s\n\n%s\n\nBad:\n\n%s\n\nGood:\n\n%s\n", rule.URL(r.ID), r.Why, indent(r.Bad), indent(r.Good))
	return b.String()
}

func indent(code string) string {
	lines := strings.Split(code, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}
