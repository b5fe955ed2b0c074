package main

import (
	"bytes"
	"testing"

	"github.com/asyncgo/asyncgo/internal/golden"
	"github.com/asyncgo/asyncgo/runtime/aio"
)

// The golden output is CPython's output of testdata/ratelimit.py.
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	out = &buf
	if err := run(aio.WithVirtualClock()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/golden.txt", buf.Bytes())
}
