package optin_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/asyncgo/asyncgo/analyzer/optin"
)

var testdata, _ = filepath.Abs("../testdata")

func enable(t *testing.T, a *analysis.Analyzer) {
	t.Helper()
	if err := a.Flags.Set("enable", "true"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Flags.Set("enable", "false") })
}

func TestNoAwait(t *testing.T) {
	enable(t, optin.NoAwait)
	analysistest.Run(t, testdata, optin.NoAwait, "noawait")
}

func TestBusyLoop(t *testing.T) {
	enable(t, optin.BusyLoop)
	analysistest.Run(t, testdata, optin.BusyLoop, "busyloop")
}

func TestSleepZero(t *testing.T) {
	enable(t, optin.SleepZero)
	analysistest.RunWithSuggestedFixes(t, testdata, optin.SleepZero, "sleepzero")
}

func TestTimeoutParam(t *testing.T) {
	enable(t, optin.TimeoutParam)
	analysistest.Run(t, testdata, optin.TimeoutParam, "timeoutparam")
}

// TestOffByDefault checks that opt-in rules stay silent unless enabled.
func TestOffByDefault(t *testing.T) {
	for _, a := range []*analysis.Analyzer{optin.NoAwait, optin.BusyLoop, optin.SleepZero, optin.TimeoutParam} {
		analysistest.Run(t, testdata, a, "optinoff")
	}
}
