package blockingproc

import (
	"context"
	"os"
	"os/exec"
	"syscall"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Build(p *os.Process) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		cmd := exec.Command("make")         // constructing a Cmd starts nothing
		if err := cmd.Start(); err != nil { // want `AIO220: \(\*exec.Cmd\).Start blocks`
			return "", err
		}
		_ = cmd.Wait()                            // want `AIO222: \(\*exec.Cmd\).Wait blocks`
		out, err := exec.Command("git").Output()  // want `AIO221: \(\*exec.Cmd\).Output blocks`
		_ = exec.Command("true").Run()            // want `AIO221: \(\*exec.Cmd\).Run blocks`
		_, _ = exec.Command("x").CombinedOutput() // want `AIO221: \(\*exec.Cmd\).CombinedOutput`
		_, _ = p.Wait()                           // want `AIO222: \(\*os.Process\).Wait`
		return string(out), err
	})
}

func Good() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		path, _ := exec.LookPath("git") // a PATH lookup is a few stats: not reported
		out, err := aio.Await(aio.ToThread(func(ctx context.Context) ([]byte, error) {
			return exec.CommandContext(ctx, path, "status").Output()
		}))
		return string(out), err
	})
}

func Raw(argv []string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		pid, err := syscall.ForkExec(argv[0], argv, nil) // want `AIO220: syscall.ForkExec blocks`
		if err != nil {
			return 0, err
		}
		var ws syscall.WaitStatus
		_, err = syscall.Wait4(pid, &ws, 0, nil) // want `AIO222: syscall.Wait4 blocks`
		return ws.ExitStatus(), err
	})
}
