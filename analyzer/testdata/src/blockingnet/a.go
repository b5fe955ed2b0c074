package blockingnet

import (
	"context"
	"net"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Serve(ln net.Listener, d *net.Dialer) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c, err := ln.Accept() // want `AIO215: \(net.Listener\).Accept blocks`
		if err != nil {
			return 0, err
		}
		buf := make([]byte, 10)
		n, _ := c.Read(buf)                                  // want `AIO215: \(net.Conn\).Read blocks`
		c2, _ := net.Dial("tcp", "x:1")                      // want `AIO215: net.Dial blocks`
		c3, _ := d.DialContext(context.TODO(), "tcp", "x:1") // want `AIO215: \(\*net.Dialer\).DialContext`
		_, _ = net.LookupHost("example.com")                 // want `AIO215: net.LookupHost`
		tc := c2.(*net.TCPConn)
		tc.Write(buf) // want `AIO215: \(\*net.conn\).Write`
		_ = c3
		return n, nil
	})
}

func Good(c net.Conn) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		addr := c.RemoteAddr().String() // no I/O
		host, _, err := net.SplitHostPort(addr)
		_ = net.ParseIP(host)
		go func() { c.Write([]byte("bye")) }()
		return 0, err
	})
}
