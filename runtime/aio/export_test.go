package aio

// TimerCount exposes the timer heap's size to tests.
func TimerCount(l *Loop) int { return l.timers.len() }

// UnretrievedCount exposes how many failures the loop is tracking.
func UnretrievedCount(l *Loop) int { return len(l.unretrieved) }
