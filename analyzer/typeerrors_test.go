package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/asyncgo/asyncgo/analyzer/blocking"
)

// TestTypeErrors runs every analyzer on a package that does not type-check:
// none may crash or fail, and diagnostics on well-typed code still appear.
func TestTypeErrors(t *testing.T) {
	analyzeTestdata(t, "typeerrors")
	analysistest.Run(t, testdata, blocking.Sleep, "typeerrors")
}
