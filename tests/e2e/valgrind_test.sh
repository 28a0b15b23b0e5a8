#!/usr/bin/env bash
# Builds a book under valgrind: fails on any memory error or leak, whatever
# octavo's own exit status (error paths must be clean too).
#
# usage: valgrind_test.sh OCTAVO SOURCES OUT.epub
set -uo pipefail
octavo=$1 sources=$2 out=$3
if ! command -v valgrind >/dev/null; then
    echo "FAIL: valgrind is not installed (apt-get install valgrind)" >&2
    exit 1
fi
mkdir -p "$(dirname "$out")"
valgrind --error-exitcode=99 --suppressions="$(dirname "$0")/valgrind.supp" --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible -q \
    "$octavo" build -q "$sources" -o "$out" 2>"$out.valgrind.txt"
status=$?
if [ "$status" -eq 99 ] || grep -q "==[0-9]*==" "$out.valgrind.txt"; then
    cat "$out.valgrind.txt" >&2
    echo "FAIL: valgrind found memory errors or leaks" >&2
    exit 1
fi
echo "ok: valgrind clean (octavo exited $status)"
