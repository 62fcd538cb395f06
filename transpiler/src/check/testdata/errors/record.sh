#!/bin/sh
# Records what real Go reports for every NAME.go here into NAME.err, one
# "line:col: message" per diagnostic (continuation lines keep their leading tab).
# Usage: GO=/path/to/go sh record.sh
set -e
GO=${GO:-go}
dir=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for src in "$dir"/*.go; do
	name=$(basename "$src" .go)
	mkdir -p "$tmp/$name"
	cp "$src" "$tmp/$name/main.go"
	(cd "$tmp/$name" && GO111MODULE=off GOFLAGS= "$GO" build -gcflags=-e -o /dev/null main.go 2>&1 || true) |
		grep -v '^#' | sed -e 's|^\./main\.go:||' >"$dir/$name.err"
done
