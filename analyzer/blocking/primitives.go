package blocking

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/asyncgo/asyncgo/analyzer/internal/aiotypes"
)

// A Primitive is one blocking operation found in code.
type Primitive struct {
	ID   string   // rule id: "AIO251"
	Name string   // what blocks, for messages and AIO201 chains: "time.Sleep", "channel receive"
	Hint string   // what to do instead
	Node ast.Node // where
	// File is, for file I/O (AIO230, AIO250), the *os.File expression the
	// operation reads or writes, after looking through single-assignment
	// variables; nil otherwise. AIO201 uses it to tell a helper that writes
	// to a file parameter from one that always blocks.
	File ast.Expr
}

// Hints shared by several table entries.
const (
	hintThread = "run it with aio.ToThread so the loop keeps serving other tasks"
	hintSleep  = "use aio.Await(aio.Sleep(d))"
	hintSend   = "await aio.Send(ch, v) instead, which suspends only this task (between tasks, an aio.Queue)"
	hintRecv   = "await aio.Recv(ch) instead, which suspends only this task (between tasks, an aio.Queue)"
	hintRange  = "loop on aio.Await(aio.Recv(ch)) until it returns aio.ErrChanClosed"
	hintSelect = "add a default case, await aio.Recv or aio.Send for a single channel, or run the select in aio.ToThread"
	hintCtx    = "await aio.WaitContext(ctx) instead, which suspends only this task"
)

type entry struct{ id, hint string }

// funcs maps aiotypes.Key of a function to its rule. Only operations that
// can wait for an unbounded time on I/O, another goroutine or the clock are
// listed: cheap syscalls (os.Getenv, os.Getwd) are not.
var funcs = map[string]entry{
	"time.Sleep": {"AIO251", hintSleep},

	"net/http.Get":                         {"AIO210", hintThread},
	"net/http.Head":                        {"AIO210", hintThread},
	"net/http.Post":                        {"AIO210", hintThread},
	"net/http.PostForm":                    {"AIO210", hintThread},
	"net/http.ListenAndServe":              {"AIO210", hintThread},
	"net/http.ListenAndServeTLS":           {"AIO210", hintThread},
	"net/http.Serve":                       {"AIO210", hintThread},
	"(*net/http.Client).Do":                {"AIO210", hintThread},
	"(*net/http.Client).Get":               {"AIO210", hintThread},
	"(*net/http.Client).Head":              {"AIO210", hintThread},
	"(*net/http.Client).Post":              {"AIO210", hintThread},
	"(*net/http.Client).PostForm":          {"AIO210", hintThread},
	"(*net/http.Transport).RoundTrip":      {"AIO210", hintThread},
	"(*net/http.Server).ListenAndServe":    {"AIO210", hintThread},
	"(*net/http.Server).ListenAndServeTLS": {"AIO210", hintThread},
	"(*net/http.Server).Serve":             {"AIO210", hintThread},

	"net.Dial":                       {"AIO215", hintThread},
	"net.DialTimeout":                {"AIO215", hintThread},
	"net.DialTCP":                    {"AIO215", hintThread},
	"net.DialUDP":                    {"AIO215", hintThread},
	"net.DialIP":                     {"AIO215", hintThread},
	"net.DialUnix":                   {"AIO215", hintThread},
	"(*net.Dialer).Dial":             {"AIO215", hintThread},
	"(*net.Dialer).DialContext":      {"AIO215", hintThread},
	"(net.Listener).Accept":          {"AIO215", hintThread},
	"(*net.TCPListener).Accept":      {"AIO215", hintThread},
	"(*net.TCPListener).AcceptTCP":   {"AIO215", hintThread},
	"(*net.UnixListener).Accept":     {"AIO215", hintThread},
	"(*net.UnixListener).AcceptUnix": {"AIO215", hintThread},
	"(net.Conn).Read":                {"AIO215", hintThread},
	"(net.Conn).Write":               {"AIO215", hintThread},
	"(*net.conn).Read":               {"AIO215", hintThread}, // promoted to *TCPConn, *UDPConn, ...
	"(*net.conn).Write":              {"AIO215", hintThread},
	"(net.PacketConn).ReadFrom":      {"AIO215", hintThread},
	"(net.PacketConn).WriteTo":       {"AIO215", hintThread},
	"(*net.UDPConn).ReadFrom":        {"AIO215", hintThread},
	"(*net.UDPConn).ReadFromUDP":     {"AIO215", hintThread},
	"(*net.UDPConn).WriteTo":         {"AIO215", hintThread},
	"(*net.UDPConn).WriteToUDP":      {"AIO215", hintThread},
	"net.LookupHost":                 {"AIO215", hintThread},
	"net.LookupIP":                   {"AIO215", hintThread},
	"net.LookupAddr":                 {"AIO215", hintThread},
	"net.LookupCNAME":                {"AIO215", hintThread},
	"net.LookupMX":                   {"AIO215", hintThread},
	"net.LookupNS":                   {"AIO215", hintThread},
	"net.LookupTXT":                  {"AIO215", hintThread},
	"net.LookupSRV":                  {"AIO215", hintThread},
	"net.LookupPort":                 {"AIO215", hintThread},

	"os.StartProcess":               {"AIO220", hintThread},
	"syscall.ForkExec":              {"AIO220", hintThread},
	"syscall.StartProcess":          {"AIO220", hintThread},
	"syscall.Wait4":                 {"AIO222", hintThread},
	"(*os/exec.Cmd).Start":          {"AIO220", hintThread},
	"(*os/exec.Cmd).Run":            {"AIO221", hintThread},
	"(*os/exec.Cmd).Output":         {"AIO221", hintThread},
	"(*os/exec.Cmd).CombinedOutput": {"AIO221", hintThread},
	"(*os/exec.Cmd).Wait":           {"AIO222", hintThread},
	"(*os.Process).Wait":            {"AIO222", hintThread},

	"os.Open":                    {"AIO230", hintThread},
	"os.OpenFile":                {"AIO230", hintThread},
	"os.Create":                  {"AIO230", hintThread},
	"os.CreateTemp":              {"AIO230", hintThread},
	"os.MkdirTemp":               {"AIO230", hintThread},
	"os.ReadFile":                {"AIO230", hintThread},
	"os.WriteFile":               {"AIO230", hintThread},
	"os.ReadDir":                 {"AIO230", hintThread},
	"os.Remove":                  {"AIO230", hintThread},
	"os.RemoveAll":               {"AIO230", hintThread},
	"os.Rename":                  {"AIO230", hintThread},
	"os.Mkdir":                   {"AIO230", hintThread},
	"os.MkdirAll":                {"AIO230", hintThread},
	"os.Truncate":                {"AIO230", hintThread},
	"os.Chmod":                   {"AIO230", hintThread},
	"os.Chown":                   {"AIO230", hintThread},
	"os.Link":                    {"AIO230", hintThread},
	"os.Symlink":                 {"AIO230", hintThread},
	"os.CopyFS":                  {"AIO230", hintThread},
	"io/ioutil.ReadFile":         {"AIO230", hintThread},
	"io/ioutil.WriteFile":        {"AIO230", hintThread},
	"io/ioutil.ReadDir":          {"AIO230", hintThread},
	"(*os.File).Read":            {"AIO230", hintThread},
	"(*os.File).ReadAt":          {"AIO230", hintThread},
	"(*os.File).Write":           {"AIO230", hintThread},
	"(*os.File).WriteAt":         {"AIO230", hintThread},
	"(*os.File).WriteString":     {"AIO230", hintThread},
	"(*os.File).ReadFrom":        {"AIO230", hintThread},
	"(*os.File).WriteTo":         {"AIO230", hintThread},
	"(*os.File).ReadDir":         {"AIO230", hintThread},
	"(*os.File).Readdir":         {"AIO230", hintThread},
	"(*os.File).Readdirnames":    {"AIO230", hintThread},
	"(*os.File).Sync":            {"AIO230", hintThread},
	"(*os.File).Close":           {"AIO230", hintThread}, // may flush to disk or a network file system; ASYNC232 reports every call on a file object
	"(*os.File).Truncate":        {"AIO230", hintThread},
	"(*os.File).Chmod":           {"AIO230", hintThread},
	"(*os.File).Chown":           {"AIO230", hintThread},
	"os.Chtimes":                 {"AIO230", hintThread},
	"os.Lchown":                  {"AIO230", hintThread},
	"os.Stat":                    {"AIO240", hintThread},
	"os.Lstat":                   {"AIO240", hintThread},
	"os.Readlink":                {"AIO240", hintThread},
	"(*os.File).Stat":            {"AIO240", hintThread},
	"path/filepath.Walk":         {"AIO240", hintThread},
	"path/filepath.WalkDir":      {"AIO240", hintThread},
	"path/filepath.Glob":         {"AIO240", hintThread},
	"path/filepath.EvalSymlinks": {"AIO240", hintThread},

	"fmt.Scan":   {"AIO250", hintThread},
	"fmt.Scanf":  {"AIO250", hintThread},
	"fmt.Scanln": {"AIO250", hintThread},

	"(*sync.WaitGroup).Wait":                          {"AIO260", "await the tasks (aio.Gather, a TaskGroup) instead of a WaitGroup, or wait in aio.ToThread"},
	"(*sync.Cond).Wait":                               {"AIO260", "use an aio.Condition, or wait in aio.ToThread"},
	"(*golang.org/x/sync/errgroup.Group).Wait":        {"AIO260", "use an aio TaskGroup, or wait in aio.ToThread"},
	"(*golang.org/x/sync/semaphore.Weighted).Acquire": {"AIO260", "use an aio.Semaphore, or acquire in aio.ToThread"},

	"(*database/sql.DB).Begin":             {"AIO270", hintThread},
	"(*database/sql.DB).BeginTx":           {"AIO270", hintThread},
	"(*database/sql.DB).Conn":              {"AIO270", hintThread},
	"(*database/sql.DB).Exec":              {"AIO270", hintThread},
	"(*database/sql.DB).ExecContext":       {"AIO270", hintThread},
	"(*database/sql.DB).Ping":              {"AIO270", hintThread},
	"(*database/sql.DB).PingContext":       {"AIO270", hintThread},
	"(*database/sql.DB).Prepare":           {"AIO270", hintThread},
	"(*database/sql.DB).PrepareContext":    {"AIO270", hintThread},
	"(*database/sql.DB).Query":             {"AIO270", hintThread},
	"(*database/sql.DB).QueryContext":      {"AIO270", hintThread},
	"(*database/sql.DB).QueryRow":          {"AIO270", hintThread},
	"(*database/sql.DB).QueryRowContext":   {"AIO270", hintThread},
	"(*database/sql.DB).Close":             {"AIO270", hintThread},
	"(*database/sql.Tx).Commit":            {"AIO270", hintThread},
	"(*database/sql.Tx).Rollback":          {"AIO270", hintThread},
	"(*database/sql.Tx).Exec":              {"AIO270", hintThread},
	"(*database/sql.Tx).ExecContext":       {"AIO270", hintThread},
	"(*database/sql.Tx).Query":             {"AIO270", hintThread},
	"(*database/sql.Tx).QueryContext":      {"AIO270", hintThread},
	"(*database/sql.Tx).QueryRow":          {"AIO270", hintThread},
	"(*database/sql.Tx).QueryRowContext":   {"AIO270", hintThread},
	"(*database/sql.Tx).Prepare":           {"AIO270", hintThread},
	"(*database/sql.Tx).PrepareContext":    {"AIO270", hintThread},
	"(*database/sql.Stmt).Exec":            {"AIO270", hintThread},
	"(*database/sql.Stmt).ExecContext":     {"AIO270", hintThread},
	"(*database/sql.Stmt).Query":           {"AIO270", hintThread},
	"(*database/sql.Stmt).QueryContext":    {"AIO270", hintThread},
	"(*database/sql.Stmt).QueryRow":        {"AIO270", hintThread},
	"(*database/sql.Stmt).QueryRowContext": {"AIO270", hintThread},
	"(*database/sql.Conn).ExecContext":     {"AIO270", hintThread},
	"(*database/sql.Conn).QueryContext":    {"AIO270", hintThread},
	"(*database/sql.Conn).QueryRowContext": {"AIO270", hintThread},
	"(*database/sql.Conn).BeginTx":         {"AIO270", hintThread},
	"(*database/sql.Conn).PingContext":     {"AIO270", hintThread},
	"(*database/sql.Conn).PrepareContext":  {"AIO270", hintThread},

	// The loop blocks on itself: aio.Run starts a second loop inside this
	// one's step and RunForever never returns.
	"github.com/asyncgo/asyncgo/runtime/aio.Run":                      {"AIO181", "await the coroutine with aio.Await instead of running a nested loop"},
	"(*github.com/asyncgo/asyncgo/runtime/aio.Loop).RunForever":       {"AIO181", "the loop is already running; await the work instead"},
	"(*github.com/asyncgo/asyncgo/runtime/aio.Loop).RunUntilComplete": {"AIO181", "the loop is already running; await the coroutine instead"},
	"github.com/asyncgo/asyncgo/runtime/aio.RunLoops":                 {"AIO181", "await the coroutines (aio.Gather) instead of starting and waiting for more loops"},
	"github.com/asyncgo/asyncgo/runtime/aio.Call":                     {"AIO181", "Call is for plain goroutines; inside async code await aio.Submit(l, fn)"},
	"(*github.com/asyncgo/asyncgo/runtime/aio.LoopGroup).Close":       {"AIO181", "it waits for the group's loops to finish; close the group from the goroutine that created it, after aio.Run returns"},
}

// mutexLocks are reported as AIO260 only under the opt-in -mutex flag.
var mutexLocks = map[string]bool{
	"(*sync.Mutex).Lock":    true,
	"(*sync.RWMutex).Lock":  true,
	"(*sync.RWMutex).RLock": true,
}

// Options tune classification; the zero value is the default rule set.
type Options struct {
	Mutex  bool              // report sync.Mutex/RWMutex locking as AIO260
	Custom map[string]string // AIO200: aiotypes.Key -> hint
}

// Classifier recognises blocking primitives in one package.
type Classifier struct {
	Info *types.Info
	Opts Options
	// Bindings, when set, resolve calls of local variables holding a
	// function or method value (`wait := wg.Wait; wait()`).
	Bindings *aiotypes.Bindings
	// stdinReaders are variables holding a bufio reader or scanner over
	// os.Stdin: reading from them is AIO250.
	stdinReaders map[types.Object]bool
	// pkgVars are the package-level variables initialised in their
	// declaration and never assigned or addressed afterwards, with their
	// value.
	pkgVars map[*types.Var]ast.Expr
	// private are local channel variables that never leave the function
	// that makes them (see privateChans).
	private map[*types.Var]bool
}

// NewClassifier prepares a classifier for the files of a package.
func NewClassifier(info *types.Info, files []*ast.File, opts Options) *Classifier {
	c := &Classifier{Info: info, Opts: opts, stdinReaders: map[types.Object]bool{}, private: privateChans(info, files), pkgVars: pkgVars(info, files)}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i, rhs := range n.Rhs {
						if c.isStdinReaderCtor(rhs) {
							if id, ok := n.Lhs[i].(*ast.Ident); ok {
								c.stdinReaders[c.obj(id)] = true
							}
						}
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i, v := range n.Values {
						if c.isStdinReaderCtor(v) {
							c.stdinReaders[info.Defs[n.Names[i]]] = true
						}
					}
				}
			}
			return true
		})
	}
	return c
}

func (c *Classifier) obj(id *ast.Ident) types.Object {
	if o := c.Info.Defs[id]; o != nil {
		return o
	}
	return c.Info.Uses[id]
}

// isStdinReaderCtor matches bufio.NewReader(os.Stdin), bufio.NewScanner(os.Stdin).
func (c *Classifier) isStdinReaderCtor(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) < 1 {
		return false
	}
	fn := aiotypes.Callee(c.Info, call)
	if fn == nil {
		return false
	}
	switch aiotypes.Key(fn) {
	case "bufio.NewReader", "bufio.NewScanner", "bufio.NewReaderSize":
		return c.isStdin(call.Args[0])
	}
	return false
}

// isStdin matches the expression os.Stdin.
func (c *Classifier) isStdin(e ast.Expr) bool { return c.isOSVar(e, "Stdin") }

func (c *Classifier) isOSVar(e ast.Expr, names ...string) bool {
	return c.isOSVarDepth(e, 0, names)
}

// isOSVarDepth matches os.<name>, also through a local variable bound once
// to such an expression (`w := os.Stdout`) and a package-level variable
// initialised to one and never assigned (`var logOut = os.Stderr`).
func (c *Classifier) isOSVarDepth(e ast.Expr, depth int, names []string) bool {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok && depth < 4 {
		v, ok := c.Info.Uses[id].(*types.Var)
		if !ok {
			return false
		}
		if val := c.Bindings.Value(v); val != nil {
			return c.isOSVarDepth(val, depth+1, names)
		}
		if val := c.pkgVars[v]; val != nil {
			return c.isOSVarDepth(val, depth+1, names)
		}
		return false
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := c.Info.Uses[sel.Sel].(*types.Var)
	if !ok || v.Pkg() == nil || v.Pkg().Path() != "os" {
		return false
	}
	for _, n := range names {
		if v.Name() == n {
			return true
		}
	}
	return false
}

// InSelectCase reports whether the channel operation n is the communication
// of a select case: the select statement, not the operation, is what blocks.
func InSelectCase(n ast.Node, stack []ast.Node) bool {
	if len(stack) == 0 {
		return false
	}
	parent := stack[len(stack)-1]
	if cc, ok := parent.(*ast.CommClause); ok {
		return cc.Comm == n
	}
	if len(stack) >= 2 {
		if cc, ok := stack[len(stack)-2].(*ast.CommClause); ok && cc.Comm == parent {
			switch p := parent.(type) {
			case *ast.ExprStmt:
				return p.X == n
			case *ast.AssignStmt:
				return len(p.Rhs) == 1 && p.Rhs[0] == n
			}
		}
	}
	return false
}

// Classify returns the blocking primitive n is, or nil. stack holds n's
// ancestors as given by asyncfind.Walk.
func (c *Classifier) Classify(n ast.Node, stack []ast.Node) *Primitive {
	switch n := n.(type) {
	case *ast.CallExpr:
		return c.call(n)
	case *ast.SendStmt:
		if InSelectCase(n, stack) || c.isPrivate(n.Chan) {
			return nil
		}
		return &Primitive{ID: "AIO261", Name: "channel send", Hint: hintSend, Node: n}
	case *ast.UnaryExpr:
		if n.Op != token.ARROW || InSelectCase(n, stack) || c.isPrivate(n.X) {
			return nil
		}
		if c.isTimerChan(n.X) {
			return &Primitive{ID: "AIO251", Name: "receive from " + timerChanName(n.X), Hint: hintSleep, Node: n}
		}
		if c.isCtxDone(n.X) {
			return &Primitive{ID: "AIO261", Name: "receive from ctx.Done()", Hint: hintCtx, Node: n}
		}
		return &Primitive{ID: "AIO261", Name: "channel receive", Hint: hintRecv, Node: n}
	case *ast.RangeStmt:
		if t := c.Info.TypeOf(n.X); t != nil {
			if _, ok := t.Underlying().(*types.Chan); ok && !c.isPrivate(n.X) {
				if c.isTimerChan(n.X) {
					return &Primitive{ID: "AIO251", Name: "range over " + timerChanName(n.X), Hint: "await aio.Sleep(d) in the loop instead", Node: n}
				}
				return &Primitive{ID: "AIO261", Name: "range over a channel", Hint: hintRange, Node: n}
			}
		}
	case *ast.SelectStmt:
		private := true
		for _, cl := range n.Body.List {
			cc, ok := cl.(*ast.CommClause)
			if !ok {
				continue
			}
			if cc.Comm == nil {
				return nil // has a default case: never waits
			}
			if ch := commChan(cc.Comm); ch == nil || !c.isPrivate(ch) {
				private = false
			}
		}
		if len(n.Body.List) == 0 {
			return &Primitive{ID: "AIO261", Name: "empty select (it never returns)", Hint: "to wait until the task is cancelled, await an aio.Event that is never set", Node: n}
		}
		if private {
			return nil
		}
		return &Primitive{ID: "AIO261", Name: "select without default", Hint: hintSelect, Node: n}
	}
	return nil
}

// pkgVars returns the package-level variables declared with a value and
// never assigned or addressed anywhere in files, with that value.
func pkgVars(info *types.Info, files []*ast.File) map[*types.Var]ast.Expr {
	vals := map[*types.Var]ast.Expr{}
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Names) != len(vs.Values) {
					continue
				}
				for i, id := range vs.Names {
					if v, ok := info.Defs[id].(*types.Var); ok {
						vals[v] = vs.Values[i]
					}
				}
			}
		}
	}
	if len(vals) == 0 {
		return nil
	}
	drop := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				delete(vals, v)
			}
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					drop(l)
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					drop(n.X)
				}
			case *ast.IncDecStmt:
				drop(n.X)
			}
			return true
		})
	}
	return vals
}

// commChan returns the channel a select case's communication operates on.
func commChan(s ast.Stmt) ast.Expr {
	var e ast.Expr
	switch s := s.(type) {
	case *ast.SendStmt:
		return s.Chan
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// isCtxDone matches ctx.Done() of a context.Context.
func (c *Classifier) isCtxDone(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := aiotypes.Callee(c.Info, call)
	return fn != nil && aiotypes.Key(fn) == "(context.Context).Done"
}

// isPrivate reports whether e names a channel variable that only the
// function making it ever operates on (see privateChans).
func (c *Classifier) isPrivate(e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := c.Info.Uses[id].(*types.Var)
	return ok && c.private[v]
}

// privateChans returns the local channel variables that never leave the
// function that makes them: declared with `ch := make(chan T, ...)` (or
// var ch = make(...)), never assigned again, and used only as the operand
// of sends, receives, ranges and the builtins close, len and cap, all in
// that same function (not in a nested func literal, go statement or async
// closure, and never passed, stored, returned or copied). No other
// goroutine or task can reach such a channel, so an operation on it never
// waits for one: it proceeds at once (a local FIFO, a closed channel), or
// it can never proceed, which hangs the program on its first run rather
// than stalling other tasks now and then.
func privateChans(info *types.Info, files []*ast.File) map[*types.Var]bool {
	cands := map[*types.Var]ast.Node{} // variable -> innermost function declaring it
	bad := map[*types.Var]bool{}
	isMake := func(e ast.Expr) bool {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return false
		}
		if b, ok := info.Uses[id].(*types.Builtin); !ok || b.Name() != "make" {
			return false
		}
		t := info.TypeOf(call)
		if t == nil {
			return false
		}
		_, isChan := t.Underlying().(*types.Chan)
		return isChan
	}
	inspectWithStack(files, func(n ast.Node, stack []ast.Node) {
		fn := innermostFunc(stack)
		if fn == nil {
			return
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
				for i, lhs := range n.Lhs {
					if id, ok := lhs.(*ast.Ident); ok && isMake(n.Rhs[i]) {
						if v, ok := info.Defs[id].(*types.Var); ok {
							cands[v] = fn
						}
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, id := range n.Names {
					if v, ok := info.Defs[id].(*types.Var); ok && isMake(n.Values[i]) {
						cands[v] = fn
					}
				}
			}
		}
	})
	if len(cands) == 0 {
		return nil
	}
	// Every use must be an allowed operand in the declaring function.
	inspectWithStack(files, func(n ast.Node, stack []ast.Node) {
		id, ok := n.(*ast.Ident)
		if !ok {
			return
		}
		if v, ok := info.Uses[id].(*types.Var); ok && cands[v] != nil {
			if !chanOperand(info, id, stack) || innermostFunc(stack) != cands[v] {
				bad[v] = true
			}
		}
	})
	private := map[*types.Var]bool{}
	for v := range cands {
		if !bad[v] {
			private[v] = true
		}
	}
	return private
}

// inspectWithStack calls visit for every node of files, in depth-first
// order, with the node's ancestors (outermost first).
func inspectWithStack(files []*ast.File, visit func(n ast.Node, stack []ast.Node)) {
	for _, f := range files {
		var stack []ast.Node
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			visit(n, stack)
			stack = append(stack, n)
			return true
		})
	}
}

// chanOperand reports whether the identifier id (whose ancestors are stack)
// is only operated on where it stands: the channel of a send, a receive or
// a range, or the argument of close, len or cap.
func chanOperand(info *types.Info, id *ast.Ident, stack []ast.Node) bool {
	var child ast.Node = id
	i := len(stack) - 1
	for i >= 0 {
		if p, ok := stack[i].(*ast.ParenExpr); ok {
			child = p
			i--
			continue
		}
		break
	}
	if i < 0 {
		return false
	}
	switch p := stack[i].(type) {
	case *ast.SendStmt:
		return p.Chan == child
	case *ast.UnaryExpr:
		return p.Op == token.ARROW
	case *ast.RangeStmt:
		return p.X == child
	case *ast.CallExpr:
		if fid, ok := ast.Unparen(p.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[fid].(*types.Builtin); ok {
				switch b.Name() {
				case "close", "len", "cap":
					return true
				}
			}
		}
	}
	return false
}

// innermostFunc returns the innermost function declaration or literal in
// stack, or nil. A func literal called where it stands (`func() {...}()`,
// `defer func() {...}()`, but not `go func() {...}()`) runs on the
// goroutine of the function around it and counts as part of it.
func innermostFunc(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncDecl:
			return n
		case *ast.FuncLit:
			if i > 0 {
				if call, ok := stack[i-1].(*ast.CallExpr); ok && ast.Unparen(call.Fun) == ast.Node(n) {
					if i == 1 {
						return n
					}
					if _, isGo := stack[i-2].(*ast.GoStmt); !isGo {
						continue
					}
				}
			}
			return n
		}
	}
	return nil
}

func timerChanName(e ast.Expr) string {
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
			return "time." + sel.Sel.Name
		}
	case *ast.SelectorExpr:
		return "a timer channel"
	}
	return "a timer channel"
}

// isTimerChan matches time.After(d), time.Tick(d) and t.C of a *time.Timer
// or *time.Ticker.
func (c *Classifier) isTimerChan(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if fn := aiotypes.Callee(c.Info, x); fn != nil {
			k := aiotypes.Key(fn)
			return k == "time.After" || k == "time.Tick"
		}
	case *ast.SelectorExpr:
		if x.Sel.Name != "C" {
			return false
		}
		if v, ok := c.Info.Uses[x.Sel].(*types.Var); ok && v.IsField() && v.Pkg() != nil && v.Pkg().Path() == "time" {
			return true
		}
	}
	return false
}

func (c *Classifier) call(call *ast.CallExpr) *Primitive {
	fn, fun := c.Bindings.Callee(c.Info, call)
	if fn == nil {
		return nil
	}
	if fun == call.Fun {
		return c.callOf(call, fn)
	}
	// A call of a variable holding a function or method value: classify
	// value(args), and report the call.
	p := c.callOf(&ast.CallExpr{Fun: fun, Args: call.Args}, fn)
	if p != nil {
		p.Node = call
	}
	return p
}

func (c *Classifier) callOf(call *ast.CallExpr, fn *types.Func) *Primitive {
	key := aiotypes.Key(fn)
	name := aiotypes.Short(fn, nil)
	if hint, ok := c.Opts.Custom[key]; ok {
		return &Primitive{ID: "AIO200", Name: name, Hint: hint, Node: call}
	}
	if e, ok := funcs[key]; ok {
		if strings.HasPrefix(key, "(*os.File).") {
			if c.onStdStream(call) {
				return nil // printing to the terminal is not treated as blocking I/O
			}
			if (key == "(*os.File).Read" || key == "(*os.File).ReadAt") && c.onStdin(call) {
				return &Primitive{ID: "AIO250", Name: "read from os.Stdin", Hint: hintThread, Node: call, File: c.recvExpr(call)}
			}
			return &Primitive{ID: e.id, Name: name, Hint: e.hint, Node: call, File: c.recvExpr(call)}
		}
		return &Primitive{ID: e.id, Name: name, Hint: e.hint, Node: call}
	}
	if c.Opts.Mutex && mutexLocks[key] {
		return &Primitive{ID: "AIO260", Name: name, Hint: "a contended lock blocks the loop; use aio.Lock, or keep the critical section free of awaits and accept the risk", Node: call}
	}
	// Reading a response body waits for the network.
	if p := c.bodyRead(call, fn, key); p != nil {
		return p
	}
	// Reading from a bufio reader or scanner over os.Stdin.
	if sig, ok := fn.Type().(*types.Signature); ok && sig.Recv() != nil && fn.Pkg() != nil && fn.Pkg().Path() == "bufio" && isReadMethod(fn.Name()) {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			recv := ast.Unparen(sel.X)
			if id, ok := recv.(*ast.Ident); ok && c.stdinReaders[c.obj(id)] {
				return &Primitive{ID: "AIO250", Name: "read from os.Stdin via " + name, Hint: hintThread, Node: call}
			}
			if c.isStdinReaderCtor(recv) {
				return &Primitive{ID: "AIO250", Name: "read from os.Stdin via " + name, Hint: hintThread, Node: call}
			}
		}
	}
	// Reads and writes through an io.Reader or io.Writer that is a file.
	for _, op := range c.IOOperands(call, fn) {
		if p := c.fileOp(call, op); p != nil {
			return p
		}
	}
	return nil
}

// An IOOperand is an argument or receiver through which a call reads or
// writes: the io.Writer of fmt.Fprintf, the io.Reader of io.ReadAll, the
// receiver of an io.Reader's Read, the source of a bufio reader.
type IOOperand struct {
	Expr ast.Expr // as written
	Read bool     // read from (else written to)
	Name string   // the operation, for messages: "fmt.Fprintf", "(*bufio.Reader).ReadString"
}

// ioArgs lists the functions that read or write through an io.Reader or
// io.Writer argument, by argument index.
var ioArgs = map[string][]struct {
	index int
	read  bool
}{
	"fmt.Fprint":        {{0, false}},
	"fmt.Fprintf":       {{0, false}},
	"fmt.Fprintln":      {{0, false}},
	"fmt.Fscan":         {{0, true}},
	"fmt.Fscanf":        {{0, true}},
	"fmt.Fscanln":       {{0, true}},
	"io.WriteString":    {{0, false}},
	"io.Copy":           {{0, false}, {1, true}},
	"io.CopyN":          {{0, false}, {1, true}},
	"io.CopyBuffer":     {{0, false}, {1, true}},
	"io.ReadAll":        {{0, true}},
	"io/ioutil.ReadAll": {{0, true}},
	"io.ReadFull":       {{0, true}},
	"io.ReadAtLeast":    {{0, true}},
}

// ifaceIO are the methods of io interfaces (io.Reader, io.Writer,
// io.ReadWriter, ...) that do I/O, with whether they read.
var ifaceIO = map[string]bool{"Read": true, "ReadAt": true, "WriteTo": true, "Write": false, "WriteAt": false, "WriteString": false, "ReadFrom": false}

// bufioCtors build a bufio reader, scanner or writer over their first argument.
var bufioCtors = map[string]bool{"bufio.NewReader": true, "bufio.NewReaderSize": true, "bufio.NewScanner": true, "bufio.NewWriter": true, "bufio.NewWriterSize": true}

// IOOperands returns the operands through which the call of fn reads or
// writes: the reader and writer arguments of fmt.Fprint*, fmt.Fscan*,
// io.Copy, io.ReadAll, ...; the receiver of an io interface's Read or Write;
// and the underlying reader or writer of a bufio reader, scanner or writer
// (bound to a single-assignment variable, or built in place) whose reading
// methods (or Flush) are called. Whether the call blocks depends on what the
// operands are: files block, buffers do not.
func (c *Classifier) IOOperands(call *ast.CallExpr, fn *types.Func) []IOOperand {
	key := aiotypes.Key(fn)
	name := aiotypes.Short(fn, nil)
	if args, ok := ioArgs[key]; ok {
		var ops []IOOperand
		for _, a := range args {
			if a.index < len(call.Args) {
				ops = append(ops, IOOperand{Expr: call.Args[a.index], Read: a.read, Name: name})
			}
		}
		return ops
	}
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return nil
	}
	recv := c.recvExpr(call)
	if recv == nil {
		return nil
	}
	if types.IsInterface(sig.Recv().Type()) {
		if read, ok := ifaceIO[fn.Name()]; ok && fn.Pkg() != nil && fn.Pkg().Path() == "io" {
			return []IOOperand{{Expr: recv, Read: read, Name: name}}
		}
		return nil
	}
	if fn.Pkg() == nil || fn.Pkg().Path() != "bufio" || !(isReadMethod(fn.Name()) || fn.Name() == "Flush") {
		return nil
	}
	ctor, ok := c.valueOf(recv).(*ast.CallExpr)
	if !ok || len(ctor.Args) == 0 {
		return nil
	}
	if cfn := aiotypes.Callee(c.Info, ctor); cfn == nil || !bufioCtors[aiotypes.Key(cfn)] {
		return nil
	}
	writer := strings.HasPrefix(aiotypes.Key(aiotypes.Callee(c.Info, ctor)), "bufio.NewWriter")
	if writer != (fn.Name() == "Flush") {
		return nil // a buffered write may not touch the file; Flush does
	}
	return []IOOperand{{Expr: ctor.Args[0], Read: !writer, Name: name}}
}

// valueOf looks through single-assignment local variables and package
// variables that are never assigned, to the expression they hold.
func (c *Classifier) valueOf(e ast.Expr) ast.Expr {
	for depth := 0; depth < 4; depth++ {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			break
		}
		v, ok := c.Info.Uses[id].(*types.Var)
		if !ok {
			break
		}
		val := c.Bindings.Value(v)
		if val == nil {
			val = c.pkgVars[v]
		}
		if val == nil {
			break
		}
		e = val
	}
	return ast.Unparen(e)
}

// FileOf returns the *os.File expression e denotes: e itself when its type
// is *os.File, or the value of an interface-typed variable bound once to an
// *os.File (`var r io.Reader = f`), whose dynamic type is therefore known.
// It returns nil when e is not known to be a file.
func (c *Classifier) FileOf(e ast.Expr) ast.Expr {
	for depth := 0; depth < 4; depth++ {
		if IsFileType(c.Info.TypeOf(e)) {
			return e
		}
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		v, ok := c.Info.Uses[id].(*types.Var)
		if !ok {
			return nil
		}
		val := c.Bindings.Value(v)
		if val == nil {
			val = c.pkgVars[v]
		}
		if val == nil {
			return nil
		}
		e = val
	}
	return nil
}

// IsFileType reports whether t is *os.File.
func IsFileType(t types.Type) bool {
	if t == nil {
		return false
	}
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "os" && n.Obj().Name() == "File"
}

// IsStdStream reports whether e is os.Stdout or os.Stderr (also through a
// variable holding one): writing to the terminal is not treated as
// blocking I/O.
func (c *Classifier) IsStdStream(e ast.Expr) bool { return c.isOSVar(e, "Stdout", "Stderr") }

// fileOp classifies an I/O operand: reading or writing a file other than
// the standard streams is AIO230, reading os.Stdin is AIO250.
func (c *Classifier) fileOp(call *ast.CallExpr, op IOOperand) *Primitive {
	f := c.FileOf(op.Expr)
	if f == nil || c.IsStdStream(f) {
		return nil
	}
	if c.isStdin(f) {
		if !op.Read {
			return nil
		}
		if strings.HasPrefix(op.Name, "(*bufio.") {
			return &Primitive{ID: "AIO250", Name: "read from os.Stdin via " + op.Name, Hint: hintThread, Node: call, File: f}
		}
		return &Primitive{ID: "AIO250", Name: "read from os.Stdin", Hint: hintThread, Node: call, File: f}
	}
	return &Primitive{ID: "AIO230", Name: FileOpName(op), Hint: hintThread, Node: call, File: f}
}

// FileOpName describes an I/O operation on a file for messages and AIO201
// chains: "fmt.Fprintf to a file", "(io.Reader).Read of a file".
func FileOpName(op IOOperand) string {
	if op.Read {
		return op.Name + " from a file"
	}
	return op.Name + " to a file"
}

func isReadMethod(name string) bool {
	switch name {
	case "Scan", "Read", "ReadString", "ReadLine", "ReadBytes", "ReadRune", "ReadByte", "ReadSlice", "WriteTo":
		return true
	}
	return false
}

// recvExpr returns the receiver a method call operates on: x of x.M(...),
// or the first argument of a method expression call T.M(x, ...).
func (c *Classifier) recvExpr(call *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, isMethod := c.Info.Selections[sel]; isMethod {
			if s.Kind() == types.MethodExpr {
				if len(call.Args) == 0 {
					return nil
				}
				return call.Args[0]
			}
			return sel.X
		}
	}
	return nil
}

func (c *Classifier) onStdStream(call *ast.CallExpr) bool {
	r := c.recvExpr(call)
	return r != nil && c.isOSVar(r, "Stdout", "Stderr")
}

func (c *Classifier) onStdin(call *ast.CallExpr) bool {
	r := c.recvExpr(call)
	return r != nil && c.isStdin(r)
}

// bodyRead matches reads of an *http.Response body: resp.Body.Read(...) and
// io.ReadAll / io.Copy / io.CopyN / io.ReadFull / json.NewDecoder over it.
func (c *Classifier) bodyRead(call *ast.CallExpr, fn *types.Func, key string) *Primitive {
	isBody := func(e ast.Expr) bool {
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Body" {
			return false
		}
		t := c.Info.TypeOf(sel.X)
		if t == nil {
			return false
		}
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "Response"
	}
	switch key {
	case "io.ReadAll", "io/ioutil.ReadAll", "io.Copy", "io.CopyN", "io.CopyBuffer", "io.ReadFull", "io.ReadAtLeast":
		for _, a := range call.Args {
			if isBody(a) {
				return &Primitive{ID: "AIO210", Name: "reading an HTTP response body (" + aiotypes.Short(fn, nil) + ")", Hint: hintThread, Node: call}
			}
		}
	case "(io.Reader).Read", "(io.ReadCloser).Read":
		if r := c.recvExpr(call); r != nil && isBody(r) {
			return &Primitive{ID: "AIO210", Name: "reading an HTTP response body", Hint: hintThread, Node: call}
		}
	case "(*encoding/json.Decoder).Decode":
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok && len(inner.Args) == 1 && isBody(inner.Args[0]) {
				return &Primitive{ID: "AIO210", Name: "decoding an HTTP response body", Hint: hintThread, Node: call}
			}
		}
	}
	return nil
}
