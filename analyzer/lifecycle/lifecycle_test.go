package lifecycle_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/asyncgo/asyncgo/analyzer/lifecycle"
)

var testdata, _ = filepath.Abs("../testdata")

func TestUnawaited(t *testing.T) {
	analysistest.Run(t, testdata, lifecycle.Unawaited, "unawaited")
}

func TestUnawaitedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, lifecycle.Unawaited, "unawaitedfix")
}

func TestDangling(t *testing.T) {
	analysistest.Run(t, testdata, lifecycle.Dangling, "danglingtask")
}
