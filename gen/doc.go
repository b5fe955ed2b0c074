// Package gen is asyncgo's code generator: it compiles the async functions of
// a package (function bodies written as `return aio.Async(func() (T, error)
// {...})`, in files built with the aiosrc tag) into resumable state machines
// implementing the runtime's frame contract (see runtime/aio/frame.go), and
// writes them to twin files built without the tag.
//
// # How the generator compiles an async body
//
// Every aio.Async(func() (T, error) { body }) call becomes a frame type
// embedding aio.CoroFrame[T] and a Resume method (runtime/aio/frame.go is
// the contract). An async function (`return aio.Async(...)` as its last
// statement) keeps its signature: the statements before the return run at
// call time as written, then it allocates the frame (the one allocation of
// a coroutine call) with its parameters copied in. Any other aio.Async call
// (an async closure) becomes a call of a generated constructor that receives
// the addresses of the variables the closure shares with its enclosing
// function.
//
// Flattening. Resume must be able to jump back to any await, and Go's goto
// can neither enter a block nor jump over a declaration. So the statements
// that contain an await, and the compound statements around them, are
// flattened into one statement list at the top of Resume, joined by labels
// (resumeN, loopN, contN, brkN, caseN, endifN, unwind, deferN) and gotos;
// `switch f.PC` at the start jumps to the resume point. Statements without
// awaits are copied as written, including whole loops and switches, with
// returns and jumps out of them rewritten. Dead code and unused labels are
// removed, so the output passes go vet.
//
// Variables. Variables declared in flattened code are hoisted: to frame
// fields (named after the variable) when they may be live across an await,
// are used by a closure or a later deferred block, or have their address
// taken; otherwise to locals declared at the top of Resume. Liveness is
// approximated on source positions: a variable is live across an await that
// lies between its declaration and its last use, where a use inside a loop
// counts until the end of that loop, and a read in a statement counts at the
// end of the statement (gc evaluates plain operands after calls) unless it
// is part of an awaited expression. A body containing a goto keeps every
// variable in the frame. Pointer-holding frame variables are zeroed at the
// first await after their last use.
//
// Local types. A frame field or temporary may have a local type, so every
// local type of a declaration holding async code (in the aio.Async
// literal, an async function's preamble or the function around an async
// closure) moves to package level. One whose name is taken there (by a
// package or import name, by another local type of the package declared
// earlier in file order, or by a variable or constant of its function it
// shadowed) is renamed after its function, which %T and reflection then
// show. Local constants in a moved type (array lengths) are replaced by
// their values. In a generic function Go makes each local type generic
// over all of the function's type parameters (%T shows pair[int,string]),
// so the moved type takes them all, receiver's first, with their
// constraints, and every use becomes pair[K, V].
//
// Loop variables (Go 1.22). A variable declared in a loop that awaits and
// shared with a closure (or address-taken) lives in a box, a *T frame field
// given a new box each iteration (new(*f.i) before the post statement of a
// 3-clause loop, as Go copies loop variables). Closures capture the box of
// their iteration through a small wrapper function taking it as a
// parameter; async closures receive the box pointer.
//
// Expressions. An await is: evaluate the operand, store it in a frame field
// of its static type, call AwaitBegin, suspend unless it reports true, call
// AwaitEnd in place of the aio.Await call. Operands evaluated before an
// await in the same expression are spilled to frame temporaries when they
// contain calls or receives (Go orders those), and kept in place otherwise,
// matching the gc compiler's order; && and || with an await on the right
// become conditional code. Assignment targets' index operands are evaluated
// before the right side.
//
// Ranges that await. Slices, arrays (a copy), pointers to arrays, strings
// (aio.RangeString) and integers use a hidden index in the frame. Channels
// receive with the ok form. Maps use aio.RangeMap, which wraps the runtime's
// own map iterator (reflect.MapIter with SetIterKey/SetIterValue, no
// allocation per entry): an entry deleted before it is reached is not
// produced, exactly as in a range loop. Snapshotting the keys would produce
// deleted entries, and iter.Pull over maps.All would leave a goroutine
// behind if the loop is abandoned. Iterator functions are pulled with
// iter.Pull/iter.Pull2, running the iterator in a real range loop inside
// the pull coroutine (so Go's range-over-func checks apply); the generated
// code calls stop when the loop ends, is left by break, continue or goto to
// an outer loop, or by return. A panic escaping the loop body leaves the
// pulled iterators innermost first, as in Go: Resume stops each with the
// panic value (aio.StopPulls), its yield panics with it inside the
// iterator, whose defers run and may recover it (Go's range-over-func
// runtime error follows), and the panic that comes out of stop goes on to
// the next iterator and then to the body's deferred calls.
//
// Defer. A body that defers gets an aio.Defers stack in its frame. A defer
// statement evaluates the function and arguments and pushes the call
// (aio.Defer1..3 push the function itself, so a recover() in a named
// function deferred with arguments works); a deferred func literal that
// awaits becomes a numbered block of the state machine (PushBlock). The
// variables such a block uses that the frame cannot hold once for all
// (declared in code copied as written, or given a new box at each
// declaration in a loop or after a backward goto) reach it through an
// environment: the defer statement pushes their addresses on per-block
// stacks in the frame, and the block pops its own when it runs (deferred
// calls run last in, first out), so each deferred call sees its own
// iteration's variables, as a Go closure does. Returns
// store the results and jump to `unwind`, which pops calls (Defers.Next)
// and jumps into blocks until the stack is empty, then calls Return with
// the (possibly modified) named results. A panic in Resume is recovered only
// while calls are pending (or iterators are pulled, see above): the
// deferred calls then run inside a real panic with the same value, so
// recover() in them behaves as in Go, and a panic nothing recovers is
// re-raised with its original stack (aio.PanicError).
// recover() directly inside an awaiting deferred block is rewritten to
// Defers.Recover. Cancellation is an error returned by an await, so it
// unwinds like any return.
//
// Positions. The twin carries //line directives before every statement it
// copies or generates from user code, so panics, runtime.Caller, test
// failures and debuggers report the user's file and line; FrameLocation
// reports the await a frame is suspended at, for Task.Stack. Code copied
// as one block (a plain function, a preamble, a loop without awaits)
// keeps the user's layout but not always the user's line count: an async
// closure in it becomes a one-line constructor call, comments between
// preamble statements are not copied, a return becomes two statements.
// The printer therefore marks each statement starting a source line with
// a comment holding its position, and once the twin is formatted the
// markers become //line directives where the lines would drift (and
// disappear elsewhere); an else if that drifts gets an inline /*line*/
// directive. TestLineDirectives checks every committed twin.
//
// Limitations (each reported as file:line:col, never generated wrongly):
// aio.Await in a plain func literal, a go statement, or a deferred literal
// that takes arguments; the arguments of a multi-value call kept across a
// later await in the same expression; a local type embedded in another
// that moving renames (its field would be renamed too).
// A //asyncgo:nogen line before the package clause keeps a file in source
// mode in every build.
package gen
