package lockawait_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/asyncgo/asyncgo/analyzer/lockawait"
)

func TestLockAwait(t *testing.T) {
	testdata, _ := filepath.Abs("../testdata")
	analysistest.Run(t, testdata, lockawait.Analyzer, "lockawait")
}

// TestLockHelpers checks the LockFacts of helpers that lock or unlock for
// their caller, and AIO140 through them, within a package and across one.
func TestLockHelpers(t *testing.T) {
	testdata, _ := filepath.Abs("../testdata")
	analysistest.Run(t, testdata, lockawait.Analyzer, "lockhelper/store", "lockhelper/app")
}
