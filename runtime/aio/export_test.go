package aio

// TimerCount exposes the timer heap's size to tests.
func TimerCount(l *Loop) int { return l.timers.len() }

// UnretrievedCount exposes how many failures the loop is tracking.
func UnretrievedCount(l *Loop) int { return len(l.unretrieved) }

// SetTimerSeq sets the timer heap's sequence counter, to test wrap-around.
func SetTimerSeq(l *Loop, seq uint32) { l.timers.seq = seq }

// Executing reports whether the loop is running callbacks (not waiting).
func Executing(l *Loop) bool { return l.executing.Load() }
