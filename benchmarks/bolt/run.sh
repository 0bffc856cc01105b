#!/usr/bin/env bash
# Builds and runs the containerd container-store benchmark (main.go beside this script) against
# containerd's own metadata package, from Debian's packages, in GOPATH mode (no module
# downloads). Arguments go to the program: [flags] [rounds (3)] [ops per goroutine and cell
# (500)] [goroutine counts (1,8)], e.g. `benchmarks/bolt/run.sh 3 1000 1,8`.
# The bolt file lives in a temporary folder (TMPDIR, or set BOLTBENCH_DIR to put it on the disk
# to measure) that is removed at the end, as is the build.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
pkgs=(golang-go golang-github-containerd-containerd-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "# installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

go=go
command -v go >/dev/null || go=/usr/lib/go/bin/go

work=$(mktemp -d "${TMPDIR:-/tmp}/boltbench-build.XXXXXX")
data=$(mktemp -d "${BOLTBENCH_DIR:-${TMPDIR:-/tmp}}/boltbench-data.XXXXXX")
trap 'rm -rf "$work" "$data"' EXIT

mkdir -p "$work/src/boltbench"
cp "$here/main.go" "$work/src/boltbench/"
(cd "$work/src/boltbench" &&
  GOPATH="$work:/usr/share/gocode" GO111MODULE=off GOFLAGS= GOCACHE="$work/cache" \
    "$go" build -o "$work/boltbench" .)

"$work/boltbench" -db "$data/meta.db" "$@"
