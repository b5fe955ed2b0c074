package main

import (
	"bytes"
	"testing"

	"github.com/asyncgo/asyncgo/internal/golden"
	"github.com/asyncgo/asyncgo/runtime/aio"
)

func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	out = &buf
	if _, err := aio.Run(program(), aio.WithVirtualClock()); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/golden.txt", buf.Bytes())
}
