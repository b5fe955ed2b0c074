package analyzer

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/asyncgo/asyncgo/analyzer/internal/rule"
)

// DocIgnore documents the suppression rule.
var DocIgnore = rule.Doc{
	ID:    "AIO001",
	Title: "malformed or unused //aio:ignore",
	Why: "`//aio:ignore AIO251 reason` on the line of a diagnostic, or on the line of (or just above) the statement " +
		"that contains it, suppresses that rule there; several ids may be joined with commas. A suppression must say " +
		"why (the reason is what a reviewer reads), must name a known rule, and must still suppress something: a " +
		"stale suppression would silently hide the next real problem on that line.",
	Bad: `return aio.Async(func() (int, error) {
	//aio:ignore AIO251
	time.Sleep(time.Millisecond)
	x := 1 //aio:ignore AIO261 no channel here any more
	return x, nil
})`,
	Good: `return aio.Async(func() (int, error) {
	//aio:ignore AIO251 calibration: nothing else may run during this 1ms
	time.Sleep(time.Millisecond)
	return 1, nil
})`,
}

// Ignore checks //aio:ignore comments: a reason is required, ids must be
// known, and a suppression that suppressed nothing is reported. It requires
// every rule analyzer so that it sees which suppressions they used.
var Ignore = &analysis.Analyzer{
	Name:             "aioignore",
	Doc:              rule.AnalyzerDoc("check //aio:ignore suppressions: reason required, unused ones reported (AIO001)", DocIgnore),
	URL:              rule.URL("AIO001"),
	RunDespiteErrors: true,
}

func init() {
	Ignore.Run = runIgnore // set here: runIgnore refers back to the registry
	Ignore.Requires = []*analysis.Analyzer{rule.ParseAnalyzer}
	for _, f := range families() {
		Ignore.Requires = append(Ignore.Requires, f.a)
	}
}

func runIgnore(pass *analysis.Pass) (any, error) {
	ign := pass.ResultOf[rule.ParseAnalyzer].(*rule.Ignores)
	if len(ign.All) == 0 {
		return nil, nil
	}
	known := map[string]bool{}
	for _, r := range Rules() {
		known[r.ID] = true
	}
	enabled := map[string]bool{}
	used := map[*rule.Ignore]map[string]bool{}
	for _, f := range families() {
		out, _ := pass.ResultOf[f.a].(*rule.Outcome)
		if out == nil {
			continue
		}
		for _, id := range out.Enabled {
			enabled[id] = true
		}
		for _, u := range out.Used {
			if used[u.Ignore] == nil {
				used[u.Ignore] = map[string]bool{}
			}
			used[u.Ignore][u.ID] = true
		}
	}
	report := func(ig *rule.Ignore, format string, args ...any) {
		pass.Report(analysis.Diagnostic{Pos: ig.Pos, Category: "AIO001", URL: rule.URL("AIO001"), Message: "AIO001: " + fmt.Sprintf(format, args...)})
	}
	for _, ig := range ign.All {
		if len(ig.IDs) == 0 {
			report(ig, "//aio:ignore names no rule; write //aio:ignore AIO251 <reason>")
			continue
		}
		if ig.Reason == "" {
			report(ig, "//aio:ignore %s needs a reason after the rule ids: say why the code is safe", strings.Join(ig.IDs, ","))
		}
		var unused []string
		for _, id := range ig.IDs {
			switch {
			case !known[id]:
				report(ig, "//aio:ignore names unknown rule %s (see asyncgo vet -explain)", id)
			case enabled[id] && !used[ig][id]:
				unused = append(unused, id)
			}
		}
		sort.Strings(unused)
		if len(unused) > 0 {
			report(ig, "unused suppression: no %s diagnostic here to ignore; remove it", strings.Join(unused, ","))
		}
	}
	return nil, nil
}
