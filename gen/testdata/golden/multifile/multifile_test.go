package multifile

import (
	"testing"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func TestSum(t *testing.T) {
	v, err := aio.Run(Sum())
	if v != 36 || err != nil {
		t.Fatalf("got %v, %v; want 36", v, err)
	}
}
