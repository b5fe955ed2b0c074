package awaitcheck_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/asyncgo/asyncgo/analyzer/awaitcheck"
)

var testdata, _ = filepath.Abs("../testdata")

func TestAwaitOutside(t *testing.T) {
	analysistest.Run(t, testdata, awaitcheck.AwaitOutside, "awaitoutside")
}

func TestGoroutineState(t *testing.T) {
	analysistest.Run(t, testdata, awaitcheck.GoroutineState, "goroutinestate")
}
