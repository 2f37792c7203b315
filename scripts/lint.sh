#!/usr/bin/env bash
# npm run lint: the type check of the server side (apps, libs, tests, migrations, bench), ESLint, Prettier's check and
# the dependency rules, run side by side (each is single-threaded; together they take about half the time in a row)
# with their caches under node_modules/.cache, so a second run checks only what changed. Prints the output of each
# check that fails and exits non-zero if any does. The browser apps' types are checked by their builds
# (`npm run console:build` starts with tsc), which .ci/run runs first: checking them here too cost 14 s of CPU.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cache=node_modules/.cache/lint
mkdir -p "$cache"
bin=node_modules/.bin

declare -A checks=(
  [types-api]="$bin/tsc -p tsconfig.json --noEmit --incremental --tsBuildInfoFile $cache/api.tsbuildinfo"
  [eslint]="$bin/eslint . --cache --cache-location $cache/eslint"
  [prettier]="$bin/prettier --check . --log-level warn --cache --cache-location $cache/prettier"
  [dependencies]="$bin/depcruise apps libs migrations bench --config .dependency-cruiser.cjs --cache $cache/depcruise"
)
declare -A pids
for name in "${!checks[@]}"; do
  ${checks[$name]} >"$cache/$name.log" 2>&1 &
  pids[$name]=$!
done
failed=0
for name in "${!checks[@]}"; do
  if wait "${pids[$name]}"; then
    echo "lint: $name ok"
  else
    echo "lint: $name FAILED"
    cat "$cache/$name.log"
    failed=1
  fi
done
exit "$failed"
