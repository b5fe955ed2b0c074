package blockingsql

import (
	"context"
	"database/sql"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Count(db *sql.DB) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var n int
		err := db.QueryRow("SELECT 1").Scan(&n) // want `AIO270: \(\*sql.DB\).QueryRow blocks`
		tx, _ := db.Begin()                     // want `AIO270: \(\*sql.DB\).Begin`
		_, _ = tx.Exec("DELETE FROM t")         // want `AIO270: \(\*sql.Tx\).Exec`
		_ = tx.Commit()                         // want `AIO270: \(\*sql.Tx\).Commit`
		return n, err
	})
}

func Good(db *sql.DB) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		db.SetMaxOpenConns(4) // configuration, no round trip
		_ = db.Stats()
		return aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
			var n int
			err := db.QueryRowContext(ctx, "SELECT 1").Scan(&n)
			return n, err
		}))
	})
}
