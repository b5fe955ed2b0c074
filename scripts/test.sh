#!/usr/bin/env bash
# Runs every test asyncgo has, in both build modes: the default build runs the
# generated state machines, -tags aiosrc runs the same programs from source
# on the reference implementation. The runtime also runs under the race
# detector. This is README's test command; .ci/run wraps it.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== go test ./... (generated code)"
go test ./...
echo "== go test -tags aiosrc ./... (source mode)"
go test -tags aiosrc ./...
echo "== go test -race ./runtime/..."
go test -race ./runtime/...
