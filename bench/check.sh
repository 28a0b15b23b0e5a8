#!/bin/bash
# check.sh — octavo's own checker against epubcheck, and what checking
# costs a build, on one corpus of bench/make-corpus.sh (default 1k).
#
# Usage: bench/check.sh [CORPUS]
#
# In ONE hyperfine run:
#   octavo check BOOK            vs  java -jar /usr/bin/epubcheck BOOK
#   octavo build CORPUS          vs  octavo build --no-check CORPUS
# and prints a Markdown table with the ratios (issue #11: check at least
# 20x faster than epubcheck; the self-check at most 10% of a build).
# Environment: BENCH_RUNS (default 5), OCTAVO (default build/octavo).
set -eu -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus=${1:-1k}
octavo=${OCTAVO:-$root/build/octavo}
runs=${BENCH_RUNS:-5}
command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null
[ -x "$octavo" ] || { cmake -S "$root" -B "$root/build" >/dev/null && cmake --build "$root/build" -j2 >/dev/null; }
work=$(mktemp -d /tmp/octavo-check-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$here/make-corpus.sh" "$work/corpus" "$corpus" >/dev/null
src=$work/corpus/$corpus
"$octavo" build -q "$src" -o "$work/book.epub"
json=$work/check.json
# epubcheck takes seconds to minutes: fewer runs of it.
hyperfine -N --warmup 1 --runs "$runs" --export-json "$json" \
    -n "octavo check" "$octavo check -q $work/book.epub" \
    -n "octavo build" "$octavo build -q $src -o $work/a.epub" \
    -n "octavo build --no-check" "$octavo build -q --no-check $src -o $work/b.epub" >&2
hyperfine -N --runs 2 --export-json "$work/java.json" -i \
    -n "epubcheck (java)" "java -Xss64m -jar /usr/bin/epubcheck $work/book.epub" >&2
mean() { grep -o "\"mean\": *[0-9.e-]*" "$1" | sed -n "${2}p" | awk '{print $2}'; }
check=$(mean "$json" 1) build=$(mean "$json" 2) nocheck=$(mean "$json" 3) java=$(mean "$work/java.json" 1)
size=$(du -sm "$src" | cut -f1)
echo "| $corpus ($size MB, $(nproc) cores) | mean |"
echo "|---|---|"
awk -v c="$check" -v j="$java" -v b="$build" -v n="$nocheck" 'BEGIN {
    printf "| octavo check | %.3f s |\n| java -jar epubcheck | %.3f s |\n", c, j
    printf "| **epubcheck / octavo check** | **%.0fx** |\n", j / c
    printf "| octavo build | %.3f s |\n| octavo build --no-check | %.3f s |\n", b, n
    printf "| **self-check share of a build** | **%.1f%%** |\n", 100 * (b - n) / b
}'
