package aio

// TimerCount exposes the timer heap's size to tests.
func TimerCount(l *Loop) int { return l.timers.len() }
