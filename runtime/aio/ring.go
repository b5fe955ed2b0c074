package aio

// callback is anything the loop can run from its ready queue: a Handle, a
// task step, a done callback. arg is the future whose completion scheduled
// the callback, nil otherwise. Keeping the queue's element a small value
// (interface + pointer) means scheduling allocates nothing once the ring has
// grown to the program's working size.
type callback interface {
	invoke(arg *futureCore)
}

type entry struct {
	c   callback
	arg *futureCore
}

// ring is a FIFO of entries backed by a power-of-two circular buffer.
type ring struct {
	buf  []entry
	head int
	n    int
}

func (q *ring) len() int { return q.n }

func (q *ring) push(e entry) {
	if q.n == len(q.buf) {
		q.grow()
	}
	q.buf[(q.head+q.n)&(len(q.buf)-1)] = e
	q.n++
}

func (q *ring) pop() entry {
	i := q.head
	e := q.buf[i]
	q.buf[i] = entry{} // drop references for the GC
	q.head = (i + 1) & (len(q.buf) - 1)
	q.n--
	return e
}

// shrink reallocates a large ring that is mostly empty, so a burst (a
// million tasks started at once) does not pin its peak memory for the loop's
// life. It shrinks only below an eighth full, and then to four times what is
// queued (at least 1024), so grow and shrink never oscillate.
func (q *ring) shrink() {
	if len(q.buf) <= 1024 || q.n > len(q.buf)/8 {
		return
	}
	size := 1024
	for size < 4*q.n {
		size *= 2
	}
	buf := make([]entry, size)
	for i := 0; i < q.n; i++ {
		buf[i] = q.buf[(q.head+i)&(len(q.buf)-1)]
	}
	q.buf, q.head = buf, 0
}

func (q *ring) grow() {
	size := 2 * len(q.buf)
	if size == 0 {
		size = 64
	}
	buf := make([]entry, size)
	for i := 0; i < q.n; i++ {
		buf[i] = q.buf[(q.head+i)&(len(q.buf)-1)]
	}
	q.buf, q.head = buf, 0
}
