//go:build aiosrc

package corpus

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"sort"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func init() {
	register("range_slice", rangeSlice)
	register("range_array_copy", rangeArrayCopy)
	register("range_ptr_array", rangePtrArray)
	register("range_string", rangeString)
	register("range_map_delete", rangeMapDelete)
	register("range_map_sorted", rangeMapSorted)
	register("range_channel", rangeChannel)
	register("range_int", rangeInt)
	register("range_iter_seq", rangeIterSeq)
	register("range_iter_seq2_break", rangeIterSeq2Break)
	register("range_assign_existing", rangeAssignExisting)
	register("range_slice_modified", rangeSliceModified)
	register("range_key_only", rangeKeyOnly)
	register("range_await_in_expr", rangeAwaitInExpr)
	register("range_iter_return", rangeIterReturn)
}

func rangeSlice(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		sum := 0
		for i, v := range []int{10, 20, 30} {
			sum += must(aio.Await(val(t, fmt.Sprint("e", i), v)))
		}
		return fmt.Sprint(sum), nil
	})
}

func rangeArrayCopy(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		arr := [3]int{1, 2, 3}
		var got []int
		for i, v := range arr { // ranges over a copy
			aio.Await(aio.Yield())
			arr[2] = 100
			got = append(got, v+i)
		}
		return fmt.Sprint(got, arr), nil
	})
}

func rangePtrArray(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		arr := [3]int{1, 2, 3}
		var got []int
		for _, v := range &arr { // no copy: sees the update
			aio.Await(aio.Yield())
			arr[2] = 100
			got = append(got, v)
		}
		return fmt.Sprint(got), nil
	})
}

func rangeString(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for i, r := range "héllo, 世界\xff!" {
			aio.Await(aio.Yield())
			out = append(out, fmt.Sprintf("%d:%q", i, r))
		}
		for i := range "ab" {
			aio.Await(aio.Yield())
			out = append(out, fmt.Sprint(i))
		}
		return fmt.Sprint(out), nil
	})
}

func rangeMapDelete(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		m := map[int]bool{}
		for i := range 20 {
			m[i] = true
		}
		seen := 0
		for k := range m {
			aio.Await(aio.Yield())
			// Deleting entries not reached yet: they must not be produced.
			for j := range 20 {
				if j != k {
					delete(m, j)
				}
			}
			seen++
		}
		return fmt.Sprint(seen, len(m)), nil
	})
}

func rangeMapSorted(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		m := map[string]int{"a": 1, "b": 2, "c": 3}
		var keys []string
		total := 0
		for k, v := range m {
			total += must(aio.Await(quiet(v)))
			keys = append(keys, k)
		}
		sort.Strings(keys)
		return fmt.Sprint(keys, total), nil
	})
}

func rangeChannel(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		ch := make(chan string, 3)
		ch <- "x"
		ch <- "y"
		close(ch)
		var got []string
		for s := range ch {
			got = append(got, must(aio.Await(val(t, "c", s+s))))
		}
		ch2 := make(chan int, 1)
		ch2 <- 1
		close(ch2)
		n := 0
		for range ch2 {
			aio.Await(aio.Yield())
			n++
		}
		return fmt.Sprint(got, n), nil
	})
}

func rangeInt(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		sum := 0
		for i := range 4 {
			sum += must(aio.Await(val(t, "i", i)))
		}
		var n int64 = 2
		for range n {
			aio.Await(aio.Yield())
			sum++
		}
		return fmt.Sprint(sum), nil
	})
}

func countTo(t *T, n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		defer t.P("iterator done")
		for i := range n {
			t.P("yield %d", i)
			if !yield(i) {
				return
			}
		}
	}
}

func rangeIterSeq(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		sum := 0
		for v := range countTo(t, 3) {
			sum += must(aio.Await(val(t, "v", v)))
		}
		return fmt.Sprint(sum), nil
	})
}

func rangeIterSeq2Break(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var got []string
		for i, s := range slices.All([]string{"a", "b", "c", "d"}) {
			aio.Await(aio.Yield())
			if i == 2 {
				break
			}
			got = append(got, s)
		}
		keys := slices.Sorted(maps.Keys(map[string]int{"z": 1, "y": 2}))
		return fmt.Sprint(got, keys), nil
	})
}

func rangeIterReturn(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		for v := range countTo(t, 5) {
			aio.Await(aio.Yield())
			if v == 1 {
				return "returned at 1", nil
			}
		}
		return "end", nil
	})
}

func rangeAssignExisting(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var i, v int
		for i, v = range []int{5, 6, 7} {
			aio.Await(aio.Yield())
		}
		return fmt.Sprint(i, v), nil
	})
}

func rangeSliceModified(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		xs := []int{1, 2, 3}
		var got []int
		for _, v := range xs { // length fixed at the start
			aio.Await(aio.Yield())
			xs = append(xs, v*10)
			xs[len(xs)-1]++
			got = append(got, v)
		}
		return fmt.Sprint(got, len(xs)), nil
	})
}

func rangeKeyOnly(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		n := 0
		for i := range []string{"a", "b"} {
			aio.Await(aio.Yield())
			n += i
		}
		for range []int{1, 2, 3} {
			aio.Await(aio.Yield())
			n++
		}
		return fmt.Sprint(n), nil
	})
}

func rangeAwaitInExpr(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		n := 0
		for _, v := range must(aio.Await(val(t, "list", []int{4, 5}))) {
			n += v
		}
		return fmt.Sprint(n), nil
	})
}
