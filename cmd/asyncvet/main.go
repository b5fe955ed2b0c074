// Command asyncvet runs asyncgo's analyzers as a go vet tool:
//
//	go install github.com/asyncgo/asyncgo/cmd/asyncvet
//	go vet -vettool=$(go env GOPATH)/bin/asyncvet -tags aiosrc ./...
//
// Async code lives in files with the aiosrc build tag, so pass -tags aiosrc.
// Analyzer flags follow go vet's conventions (-blockingsync.mutex,
// -noawait.enable, -json, ...). `asyncvet -explain AIO251` prints a rule's
// documentation; `asyncgo vet` runs the same analyzers without go vet.
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/asyncgo/asyncgo/analyzer"
)

func main() {
	// unitchecker owns the flag set; -explain is handled before it so that
	// a rule's documentation is one command away from its diagnostic.
	if len(os.Args) == 3 && (os.Args[1] == "-explain" || os.Args[1] == "--explain") {
		r, ok := analyzer.Lookup(os.Args[2])
		if !ok {
			fmt.Fprintf(os.Stderr, "asyncvet: unknown rule %q\n", os.Args[2])
			os.Exit(2)
		}
		fmt.Print(analyzer.Explain(r))
		return
	}
	unitchecker.Main(analyzer.Analyzers()...)
}
