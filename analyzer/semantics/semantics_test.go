package semantics_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/asyncgo/asyncgo/analyzer/semantics"
)

var testdata, _ = filepath.Abs("../testdata")

func TestTimeoutNoAwait(t *testing.T) {
	analysistest.Run(t, testdata, semantics.TimeoutNoAwait, "timeoutnoawait")
}

func TestBusyWait(t *testing.T) {
	analysistest.Run(t, testdata, semantics.BusyWait, "busywait")
}

func TestLongSleep(t *testing.T) {
	analysistest.Run(t, testdata, semantics.LongSleep, "longsleep")
}

func TestCoroReuse(t *testing.T) {
	analysistest.Run(t, testdata, semantics.CoroReuse, "cororeuse")
}
