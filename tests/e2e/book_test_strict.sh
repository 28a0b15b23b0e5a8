#!/usr/bin/env bash
# book_test.sh must fail when the report and expected.txt differ either
# way: a line of the book that expected.txt does not account for, and a
# line expected.txt wants that the book lacks. Each is made from the
# fixture's real expected.txt, so the case stays current with it.
#
# usage: book_test_strict.sh BOOK_TEST OCTAVO INSPECT SOURCES EXPECTED WORKDIR
set -uo pipefail
book_test=$1 octavo=$2 inspect=$3 sources=$4 expected=$5 work=$6
. "$(dirname "$0")/lib.sh"
mkdir -p "$work"

# $1: what the case is; $2: expected.txt to use; $3: the diff line the
# failure must show.
must_fail() {
    if "$book_test" "$octavo" "$inspect" "$sources" "$2" "$work/book.epub" \
        >"$work/out.txt" 2>"$work/err.txt"; then
        fail "$1: book_test.sh passed"
    elif ! grep -Fxq -- "$3" "$work/err.txt"; then
        fail "$1: book_test.sh failed without showing '$3':"
        cat "$work/err.txt" >&2
    fi
}

line=$(grep -m1 '^section: ' "$expected")
[ -n "$line" ] || fail "no 'section:' line in $expected to leave out"
grep -Fxv -- "$line" "$expected" >"$work/incomplete.txt"
must_fail "a line of the report not in expected.txt" "$work/incomplete.txt" "+$line"

{ cat "$expected"; echo "toc: 99 Not in the book"; } >"$work/extra.txt"
must_fail "a line of expected.txt not in the report" "$work/extra.txt" "-toc: 99 Not in the book"

# ...and the real expected.txt passes (the failures above are the lines').
"$book_test" "$octavo" "$inspect" "$sources" "$expected" "$work/book.epub" >/dev/null 2>"$work/err.txt" ||
    { fail "book_test.sh fails with $expected itself:"; cat "$work/err.txt" >&2; }
finish "book_test.sh strictness checks"
