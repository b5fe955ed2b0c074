package transitive_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/asyncgo/asyncgo/analyzer/transitive"
)

// TestTransitive checks both the facts exported for lib's and app's
// functions and the AIO201 diagnostics in app, which uses lib's facts.
func TestTransitive(t *testing.T) {
	testdata, _ := filepath.Abs("../testdata")
	analysistest.Run(t, testdata, transitive.Analyzer, "transitive/lib", "transitive/app")
}
