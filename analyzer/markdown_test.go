package analyzer_test

import (
	"flag"
	"os"
	"testing"

	"github.com/asyncgo/asyncgo/analyzer"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

// TestRulesDoc keeps docs/rules.md in sync with the rules' documentation.
func TestRulesDoc(t *testing.T) {
	const path = "../docs/rules.md"
	want := analyzer.Markdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./analyzer -run TestRulesDoc -update)", err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date: run go test ./analyzer -run TestRulesDoc -update", path)
	}
}
