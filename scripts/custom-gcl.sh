#!/usr/bin/env bash
# Builds golangci-lint with the toslint plugin compiled in, offline (from
# the Go module proxy: no git clone, unlike `golangci-lint custom`), then
# runs it with the given arguments:
#
#   scripts/custom-gcl.sh run -c .golangci-plugin.yml ./...
#
# The binary (bin/custom-gcl) is rebuilt only when its inputs change: the
# golangci-lint version, the Go version, go.mod/go.sum, and every file of
# this module that the plugin compiles or embeds. A cold build takes two to
# three minutes; an up-to-date check a fraction of a second.
set -euo pipefail
export GOWORK=off
gcl_version=v2.15.0              # keep equal to .custom-gcl.yml
module=github.com/toslint/toslint
import=$module/plugin
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/bin/custom-gcl

inputs_hash() {
  cd "$root"
  {
    echo "$gcl_version"
    go env GOVERSION
    sha256sum go.mod go.sum
    go list -deps -f '{{if and .Module .Module.Main}}{{range .GoFiles}}{{$.Dir}}/{{.}}
{{end}}{{range .EmbedFiles}}{{$.Dir}}/{{.}}
{{end}}{{end}}' "$import" | LC_ALL=C sort | xargs sha256sum
  } | sha256sum | cut -d' ' -f1
}

want=$(inputs_hash)
if [ ! -x "$bin" ] || [ "$(cat "$bin.inputs" 2>/dev/null)" != "$want" ]; then
  echo "custom-gcl: building golangci-lint $gcl_version with $import" >&2
  tmp=$(mktemp -d)
  src=$(go mod download -json "github.com/golangci/golangci-lint/v2@$gcl_version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  cp -R "$src" "$tmp/gcl"
  chmod -R u+w "$tmp/gcl"
  printf 'package main\n\nimport _ "%s"\n' "$import" > "$tmp/gcl/cmd/golangci-lint/plugins.go"
  (
    cd "$tmp/gcl"
    go mod edit -replace "$module=$root"
    go mod tidy
    # No -X main.version: the lint cache is then keyed by the binary's
    # hash, so a rebuilt plugin never serves stale results.
    go build -trimpath -ldflags='-s -w' -o "$bin.new" ./cmd/golangci-lint
  ) || { rm -rf "$tmp"; exit 1; }
  mkdir -p "$(dirname "$bin")"
  mv "$bin.new" "$bin"
  echo "$want" > "$bin.inputs"
  rm -rf "$tmp"
fi
exec "$bin" "$@"
