package gen_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgo/asyncgo/testdata/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files and, in the aiosrc build, the corpus traces")

// TestCorpus is the differential test: `go test ./gen` runs every corpus
// program with the generated state machines, `go test -tags aiosrc ./gen`
// with the reference implementation, and both must print the expected trace
// in testdata/corpus/traces (recorded from the source build with -update).
func TestCorpus(t *testing.T) {
	progs := corpus.Programs()
	if len(progs) < 80 {
		t.Errorf("corpus has %d programs, want at least 80", len(progs))
	}
	dir := filepath.Join("..", "testdata", "corpus", "traces")
	for _, p := range progs {
		t.Run(p.Name, func(t *testing.T) {
			got := strings.Join(corpus.Run(p), "\n") + "\n"
			file := filepath.Join(dir, p.Name+".txt")
			if *update && sourceMode {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("no expected trace (run go test -tags aiosrc ./gen -update): %v", err)
			}
			if got != string(want) {
				mode := "generated"
				if sourceMode {
					mode = "source"
				}
				t.Errorf("%s mode trace differs from %s\n--- got\n%s--- want\n%s", mode, file, got, want)
			}
		})
	}
}
