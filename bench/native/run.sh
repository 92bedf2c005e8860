#!/usr/bin/env bash
# Builds and runs the C baseline for the interop-overhead ratio (docs/benchmarks.md).
# Needs the -dev packages for the headers; installs them like ./arcanum does.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
# shellcheck source=../../scripts/native-deps.sh
source "$here/../../scripts/native-deps.sh"
arcanum_ensure_packages gcc libc6-dev libsecp256k1-dev libsodium-dev
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
gcc -O2 -o "$out/interop-baseline" "$here/interop-baseline.c" -lsecp256k1 -lsodium
"$out/interop-baseline"
