#!/usr/bin/env bash
# Regenerates templates/go/modules/, the module data the Go backend ships (it cannot reach the
# network when it generates a project):
#   core.mod       the go directive and the indirect requirements of a Go Pulumi program
#                  with its mock tests (pulumi SDK, yaml.v3), as `go mod tidy` writes them;
#   core.sum       its go.sum;
#   <provider>.sum  the go.sum lines a provider SDK adds.
# It then checks that every combination of providers tidies to exactly core + those lines, so
# the backend can assemble go.mod and go.sum for any project. Run it after changing a pinned
# version (here, in src/backend/go/project_files.rs and in schemas/).
#
# The versions here must be the backend's (`PULUMI_SDK` and the provider versions in
# src/backend/go/project_files.rs; a unit test there checks they agree). Core versions after v3.263.0
# import github.com/pulumi/pulumi-cloud-sdk/go, which the Go module proxy now serves.
# The Go checksum database does not list every provider version the proxy serves
# (pulumi-cloudflare v6.18.0), so pulumi modules are summed from the proxy alone.
set -euo pipefail

PULUMI=v3.276.0
YAML=v3.0.1
declare -A MODULE=(
  [aws]="github.com/pulumi/pulumi-aws/sdk/v7 v7.41.0"
  [cloudflare]="github.com/pulumi/pulumi-cloudflare/sdk/v6 v6.18.0"
  [gcp]="github.com/pulumi/pulumi-gcp/sdk/v9 v9.37.0"
  [random]="github.com/pulumi/pulumi-random/sdk/v4 v4.21.1"
)
declare -A PACKAGE=(
  [aws]="github.com/pulumi/pulumi-aws/sdk/v7/go/aws/s3"
  [cloudflare]="github.com/pulumi/pulumi-cloudflare/sdk/v6/go/cloudflare"
  [gcp]="github.com/pulumi/pulumi-gcp/sdk/v9/go/gcp/storage"
  [random]="github.com/pulumi/pulumi-random/sdk/v4/go/random"
)
NAMES=(aws cloudflare gcp random)

root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/templates/go/modules"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod GONOSUMDB=github.com/pulumi

# tidy DIR PROVIDER...: a scratch program importing what generated programs import, tidied.
tidy() {
  local dir="$1"
  shift
  mkdir -p "$dir"
  {
    printf 'module scratch\n\ngo 1.25\n\nrequire (\n'
    printf '\tgithub.com/pulumi/pulumi/sdk/v3 %s\n' "$PULUMI"
    printf '\tgopkg.in/yaml.v3 %s\n' "$YAML"
    for p in "$@"; do printf '\t%s\n' "${MODULE[$p]}"; done
    printf ')\n'
  } > "$dir/go.mod"
  {
    printf 'package main\n\nimport (\n\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"\n'
    printf '\t_ "github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"\n'
    for p in "$@"; do printf '\t_ "%s"\n' "${PACKAGE[$p]}"; done
    printf ')\n\nfunc main() { pulumi.Run(func(*pulumi.Context) error { return nil }) }\n'
  } > "$dir/main.go"
  cat > "$dir/main_test.go" <<'GO'
package main

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"gopkg.in/yaml.v3"
)

func TestModules(t *testing.T) { _, _ = resource.PropertyMap{}, yaml.Unmarshal }
GO
  (cd "$dir" && go mod tidy >/dev/null)
}

# The indirect requirements: everything from the go directive on, minus the direct block.
indirect() {
  awk '/^go /{print; print ""; next} /^require \($/{n++} n==2{print}' "$1/go.mod"
}

tidy "$work/core"
indirect "$work/core" > "$out/core.mod"
cp "$work/core/go.sum" "$out/core.sum"
for p in "${NAMES[@]}"; do
  tidy "$work/$p" "$p"
  comm -13 <(LC_ALL=C sort "$out/core.sum") <(LC_ALL=C sort "$work/$p/go.sum") > "$out/$p.sum"
done

# Every combination must tidy to core + its providers' lines.
for mask in $(seq 1 $(( (1 << ${#NAMES[@]}) - 1 ))); do
  combo=()
  for i in "${!NAMES[@]}"; do
    if (( mask & (1 << i) )); then combo+=("${NAMES[$i]}"); fi
  done
  key="$(IFS=-; echo "${combo[*]}")"
  tidy "$work/$key" "${combo[@]}"
  files=("$out/core.sum")
  for p in "${combo[@]}"; do files+=("$out/$p.sum"); done
  if ! diff <(cat "${files[@]}" | LC_ALL=C sort) <(LC_ALL=C sort "$work/$key/go.sum") >/dev/null \
    || ! diff "$out/core.mod" <(indirect "$work/$key") >/dev/null; then
    echo "error: providers $key need more than core + their own sums; ship per-combination data" >&2
    exit 1
  fi
  echo "$key: ok" >&2
done
