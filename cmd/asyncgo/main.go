// Command asyncgo is the asyncgo tool: it generates the state machines of
// async functions (asyncgo gen), runs a program after generating them
// (asyncgo run), and vets async code (asyncgo vet).
//
//	asyncgo gen [-check] [-v] [packages]   write (or check) the !aiosrc twins
//	asyncgo run <dir|package> [args]       generate, then go run
//	asyncgo vet [flags] [packages]         run the asyncgo analyzers
//	asyncgo version
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/asyncgo/asyncgo/analyzer/cli"
	"github.com/asyncgo/asyncgo/gen"
)

func main() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `usage: asyncgo <command> [arguments]

Commands:
  gen [-check] [-v] [packages]   generate the state machines of async functions (default ./...)
  run <dir|package> [args]       generate, then go run the program
  vet [flags] [packages]         run the asyncgo analyzers on the aiosrc build
  version                        print the version
`

// Main runs the tool and returns its exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "gen":
		return genCmd(args[1:], stdout, stderr)
	case "run":
		return runCmd(args[1:], stdout, stderr)
	case "vet":
		return vetCmd(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintf(stdout, "asyncgo %s\n", gen.Version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "asyncgo: unknown command %q\n%s", args[0], usage)
	return 2
}

func genCmd(args []string, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("asyncgo gen", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	check := fs.Bool("check", false, "list stale or missing generated files and exit 1 if any; write nothing")
	verbose := fs.BoolP("verbose", "v", false, "list the files written")
	tags := fs.StringSlice("tags", nil, "additional build tags (aiosrc is always set)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: asyncgo gen [flags] [packages]\n\nGenerates the !aiosrc twin (<file>_aio.go) of every source file holding async code.\n\n%s", fs.FlagUsages())
	}
	if err := fs.Parse(goStyleFlags(fs, args)); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "asyncgo gen: %v\nRun 'asyncgo gen -h' for usage.\n", err)
		return 2
	}
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	return generate(patterns, *check, *verbose, *tags, stdout, stderr)
}

func generate(patterns []string, check, verbose bool, tags []string, stdout, stderr io.Writer) int {
	cwd, _ := os.Getwd()
	rel := func(p string) string {
		if r, err := filepath.Rel(cwd, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
		return p
	}
	res, err := gen.Run(gen.Options{Patterns: patterns, Check: check, Tags: tags})
	if err != nil {
		var list gen.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				pos := e.Pos
				pos.Filename = rel(pos.Filename)
				fmt.Fprintf(stderr, "%s: %s\n", pos, e.Msg)
			}
		} else {
			// Loading errors: go list marks the ones without a position
			// "-: "; name the tool instead.
			for _, line := range strings.Split(err.Error(), "\n") {
				if msg, ok := strings.CutPrefix(line, "-: "); ok {
					line = "asyncgo: " + msg
				}
				fmt.Fprintln(stderr, line)
			}
		}
		return 1
	}
	for _, s := range res.Constraint {
		if check {
			fmt.Fprintf(stdout, "%s: missing //go:build %s constraint\n", rel(s), gen.Tag)
		} else {
			fmt.Fprintf(stderr, "asyncgo: added //go:build %s to %s\n", gen.Tag, rel(s))
		}
	}
	for _, r := range res.Removed {
		if check {
			fmt.Fprintf(stdout, "%s: generated from a source file that no longer exists\n", rel(r))
		} else {
			fmt.Fprintf(stderr, "asyncgo: removed %s (its source is gone)\n", rel(r))
		}
	}
	for _, w := range res.Written {
		switch {
		case check:
			fmt.Fprintf(stdout, "%s: stale or missing\n", rel(w))
		case verbose:
			fmt.Fprintf(stdout, "wrote %s\n", rel(w))
		}
	}
	if check && len(res.Written)+len(res.Removed) > 0 {
		fmt.Fprintf(stderr, "asyncgo: %d generated file(s) out of date; run asyncgo gen\n", len(res.Written)+len(res.Removed))
		return 1
	}
	return 0
}

// vetCmd runs the analyzers, then warns about generated files that are
// stale or missing: a stale twin means the default build runs old code.
func vetCmd(args []string, stdout, stderr io.Writer) int {
	code := cli.Run(args, stdout, stderr)
	var patterns, tags []string
	for i := 0; i < len(args); i++ {
		a := strings.TrimLeft(args[i], "-")
		switch {
		case a == "explain" || a == "list" || strings.HasPrefix(a, "explain=") || a == "h" || a == "help":
			return code
		case a == "enable" || a == "tags":
			if i+1 < len(args) && a == "tags" {
				tags = strings.Split(args[i+1], ",")
			}
			i++
		case strings.HasPrefix(a, "tags="):
			tags = strings.Split(strings.TrimPrefix(a, "tags="), ",")
		case strings.HasPrefix(args[i], "-"):
		default:
			patterns = append(patterns, args[i])
		}
	}
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	res, err := gen.Run(gen.Options{Patterns: patterns, Check: true, Tags: tags})
	if err != nil {
		return code // the analyzers already reported what is wrong
	}
	for _, w := range res.Written {
		fmt.Fprintf(stderr, "%s: generated file is stale or missing; run asyncgo gen\n", w)
	}
	if len(res.Written) > 0 && code == 0 {
		code = 1
	}
	return code
}

// goStyleFlags lets long flags be written with one dash, as go tools do
// (-check as well as --check).
func goStyleFlags(fs *pflag.FlagSet, args []string) []string {
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && len(a) > 2 {
			name, _, _ := strings.Cut(a[1:], "=")
			if fs.Lookup(name) != nil {
				a = "-" + a
			}
		}
		out = append(out, a)
	}
	return out
}

// runCmd generates the twins of a main package and runs it with go run.
func runCmd(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: asyncgo run <dir|package> [args]")
		return 2
	}
	target := args[0]
	if st, err := os.Stat(target); err == nil && st.IsDir() && !strings.HasPrefix(target, ".") && !filepath.IsAbs(target) {
		target = "./" + target
	}
	if code := generate([]string{target}, false, false, nil, stdout, stderr); code != 0 {
		return code
	}
	cmd := exec.Command("go", append([]string{"run", target}, args[1:]...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
