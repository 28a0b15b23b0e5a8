#!/bin/sh
# octavo as a library: installs the build tree into a scratch prefix, then
# compiles a program against the installed octavo.h with nothing but
# `pkg-config --static octavo`, and runs it on the sample book. Fails when
# the public header, the archive or octavo.pc is not enough on its own.
# Usage: library_test.sh BUILD_DIR PROGRAM.c SOURCES CC [CFLAGS]
set -eu
build=$1 program=$2 sources=$3 cc=$4 flags=${5:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/include/octavo.h"
# Only the one public header is installed.
test "$(find "$work/prefix/include" -type f | wc -l)" -eq 1
pc=$(find "$work/prefix" -name octavo.pc)
PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_PATH
# shellcheck disable=SC2046 # pkg-config output is a list of flags
# shellcheck disable=SC2086 # flags is a list
"$cc" $flags -std=c11 -Wall -Wextra -Werror -o "$work/build_and_check" "$program" \
    $(pkg-config --cflags --libs --static octavo)
"$work/build_and_check" "$sources" "$work/book.epub" >"$work/out" 2>"$work/err"
cat "$work/out"
grep -q '^built .*book.epub: 5 chapters$' "$work/out"
grep -q '^checked: 0 errors, 0 warnings$' "$work/out"
test ! -s "$work/err" || { cat "$work/err"; exit 1; }
echo "library_test: ok"
