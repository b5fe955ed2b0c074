package main

import (
	"bytes"
	"testing"

	"github.com/asyncgo/asyncgo/internal/golden"
	"github.com/asyncgo/asyncgo/runtime/aio"
)

// TestGolden runs the program on the virtual clock and compares its output
// with testdata/golden.txt. The same file must match in both build modes
// (the generated twin by default, the source with -tags aiosrc).
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	out = &buf
	if _, err := aio.Run(program(), aio.WithVirtualClock()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/golden.txt", buf.Bytes())
}
