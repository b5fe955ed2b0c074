package blocking_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/asyncgo/asyncgo/analyzer/blocking"
)

var testdata, _ = filepath.Abs("../testdata")

func TestSleep(t *testing.T) { analysistest.Run(t, testdata, blocking.Sleep, "blockingsleep") }

func TestSleepFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata, blocking.Sleep, "blockingsleepfix")
}

func TestHTTP(t *testing.T)  { analysistest.Run(t, testdata, blocking.HTTP, "blockinghttp") }
func TestNet(t *testing.T)   { analysistest.Run(t, testdata, blocking.Net, "blockingnet") }
func TestProc(t *testing.T)  { analysistest.Run(t, testdata, blocking.Proc, "blockingproc") }
func TestFile(t *testing.T)  { analysistest.Run(t, testdata, blocking.File, "blockingfile") }
func TestInput(t *testing.T) { analysistest.Run(t, testdata, blocking.Input, "blockinginput") }
func TestSync(t *testing.T)  { analysistest.Run(t, testdata, blocking.Sync, "blockingsync") }
func TestSQL(t *testing.T)   { analysistest.Run(t, testdata, blocking.SQL, "blockingsql") }
func TestSyncWait(t *testing.T) {
	analysistest.Run(t, testdata, blocking.SyncWait, "syncwait")
}

func TestSyncMutexFlag(t *testing.T) {
	setFlag(t, blocking.Sync, "mutex", "true")
	analysistest.Run(t, testdata, blocking.Sync, "blockingsyncmutex")
}

func TestCustom(t *testing.T) {
	setFlag(t, blocking.Custom, "funcs", "legacy.Fetch -> use legacy.FetchAsync; legacy.Client.Get")
	analysistest.Run(t, testdata, blocking.Custom, "blockingcustom")
}

// setFlag sets an analyzer flag for the duration of a test.
func setFlag(t *testing.T, a *analysis.Analyzer, name, value string) {
	t.Helper()
	old := a.Flags.Lookup(name).Value.String()
	if err := a.Flags.Set(name, value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Flags.Set(name, old) })
}

func TestChan(t *testing.T) { analysistest.Run(t, testdata, blocking.Chan, "blockingchan") }

// TestCustomConfigFile checks the file form of the AIO200 configuration:
// comments, blank lines, a method in pkg.Type.Method form and a default hint.
func TestCustomConfigFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "blocking.txt")
	conf := "# project blocking calls\n\nlegacy.Fetch -> use legacy.FetchAsync\nlegacy.Client.Get\n"
	if err := os.WriteFile(file, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	setFlag(t, blocking.Custom, "config", file)
	analysistest.Run(t, testdata, blocking.Custom, "blockingcustom")
}

func TestCustomConfigMissingFile(t *testing.T) {
	setFlag(t, blocking.Custom, "config", filepath.Join(t.TempDir(), "absent"))
	if _, err := blocking.CurrentOptions(); err == nil {
		t.Fatal("a missing config file must be an error, not an empty rule set")
	}
}

// TestReach checks the ways a blocking call is reached from an async body
// (closures, in-place callbacks, imports, defer) and the ways it is not.
func TestReach(t *testing.T) { analysistest.Run(t, testdata, blocking.Sleep, "blockingreach") }
