package blockingfile

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Load(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		data, err := os.ReadFile(name) // want `AIO230: os.ReadFile blocks`
		f, _ := os.Open(name)          // want `AIO230: os.Open blocks`
		buf := make([]byte, 8)
		f.Read(buf)                                                                      // want `AIO230: \(\*os.File\).Read blocks`
		(*os.File).Write(f, buf)                                                         // want `AIO230: \(\*os.File\).Write blocks`
		_, _ = os.Stat(name)                                                             // want `AIO240: os.Stat blocks`
		_ = filepath.WalkDir(".", func(string, fs.DirEntry, error) error { return nil }) // want `AIO240: filepath.WalkDir`
		_ = os.WriteFile(name, data, 0o644)                                              // want `AIO230: os.WriteFile`
		return len(data), err
	})
}

func Good(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		fmt.Fprintln(os.Stderr, "loading", name) // terminal output is not treated as blocking
		os.Stdout.WriteString("x\n")
		(*os.File).WriteString(os.Stderr, "method expression on a std stream\n")
		say := os.Stdout.WriteString
		say("method value on a std stream\n")
		dir := filepath.Join(filepath.Dir(name), "x") // pure string manipulation
		_ = dir
		data, err := aio.Await(aio.ToThread(func(context.Context) ([]byte, error) { return os.ReadFile(name) }))
		return len(data), err
	})
}

var (
	logOut  = os.Stderr // never reassigned: always the terminal
	dataOut = os.Stdout // reassigned below: may be a file
)

func SetOutput(f *os.File) { dataOut = f }

// The standard streams reached through a variable are still the terminal.
func GoodAliases() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		w := os.Stdout
		w.WriteString("via a local\n")
		logOut.WriteString("via a package variable\n")
		dataOut.WriteString("may be a file\n") // want `AIO230: \(\*os.File\).WriteString blocks`
		return 0, nil
	})
}

// Every blocking call on a file object (flake8-async's ASYNC232), Close
// included; its name and descriptor are not I/O, nor is closing stdout.
func FileMethods(f *os.File) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		if err := f.Truncate(0); err != nil { // want `AIO230: \(\*os.File\).Truncate blocks`
			return "", err
		}
		_ = f.Fd()
		os.Stdout.Close()
		return f.Name(), f.Close() // want `AIO230: \(\*os.File\).Close blocks`
	})
}
