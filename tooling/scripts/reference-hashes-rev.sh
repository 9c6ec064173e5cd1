#!/usr/bin/env bash
# Compares the reference outputs of a committed revision with the base snapshot, without
# touching the working tree: exports REV (default HEAD) into DIR (default a fresh temporary
# folder), installs the locked dependencies offline, builds the libraries the reference
# cases use, and runs reference-hashes.mjs --compare on that build.
#
#   tooling/scripts/reference-hashes-rev.sh [REV] [DIR]
#
# Exit status: that of the comparison (1 when a reference output differs from the snapshot).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
rev="${1:-HEAD}"
dir="${2:-$(mktemp -d /tmp/scatterkit-ref-XXXXXX)}"
snapshot="$repo/tooling/snapshots/reference-hashes.base.json"

mkdir -p "$dir"
git -C "$repo" archive --format=tar "$rev" | tar -x -C "$dir"
# the reference cases are read from ../shared/reference next to the checkout
reference="$repo/../shared/reference"
cd "$dir"
echo "== $rev ($(git -C "$repo" rev-parse --short "$rev")) in $dir"
pnpm install --offline --frozen-lockfile >"$dir/.install.log" 2>&1 || {
  tail -20 "$dir/.install.log"
  exit 2
}
pnpm exec turbo run build --filter=@scatterkit/scattering --filter=@scatterkit/classifiers \
  --filter=@scatterkit/sparse-coding >"$dir/.build.log" 2>&1 || {
  tail -40 "$dir/.build.log"
  exit 2
}
node "$repo/tooling/scripts/reference-hashes.mjs" "$dir" --reference "$reference" --compare "$snapshot" \
  --out "$dir/reference-hashes.json"
