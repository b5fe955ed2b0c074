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
