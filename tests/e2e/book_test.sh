#!/usr/bin/env bash
# Builds a book from a fixture and checks it: the build succeeds, two
# builds are byte-identical (on one core and with --low-memory too, which
# must not change a byte), epub_inspect finds no fault, octavo check
# finds nothing in it, and epub_inspect's report is the fixture's
# expected.txt: every line, in order, neither missing nor unexpected ones.
# In expected.txt, lines starting with "#" and blank lines are comments;
# "ignore: KIND" leaves out of the comparison the report's lines of that
# kind ("ignore: dcterms:modified", which follows the files' times);
# "messages: none" and "absent: TEXT" are checks of their own (below).
#
# usage: book_test.sh OCTAVO INSPECT SOURCES EXPECTED OUT.epub [octavo options...]
set -euo pipefail
octavo=$1 inspect=$2 sources=$3 expected=$4 out=$5
shift 5
work=$(dirname "$out")
mkdir -p "$work"
rm -f "$out" "$out.again"

"$octavo" build "$@" "$sources" -o "$out" 2>"$out.messages.txt" || {
    cat "$out.messages.txt" >&2
    exit 1
}
for how in "" "-j1" "--low-memory"; do
    # shellcheck disable=SC2086
    "$octavo" build -q $how "$@" "$sources" -o "$out.again"
    if ! cmp -s "$out" "$out.again"; then
        echo "FAIL: two builds of the same sources differ (the second with '$how')" >&2
        exit 1
    fi
done
rm -f "$out.again"

# octavo's own checker finds nothing in its own book.
if ! checked=$("$octavo" check "$out") || [ "$checked" != "$out: 0 errors, 0 warnings" ]; then
    echo "FAIL: octavo check: $checked" >&2
    exit 1
fi

# "messages: none": the build said nothing (no warning, no error);
# "absent: TEXT": no file in the book holds TEXT.
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
    "messages: none")
        if [ -s "$out.messages.txt" ]; then
            echo "FAIL: the build said something:" >&2
            cat "$out.messages.txt" >&2
            exit 1
        fi
        ;;
    "absent: "*)
        if "$inspect" --contains "${line#absent: }" "$out"; then
            echo "FAIL: the book contains: ${line#absent: }" >&2
            exit 1
        fi
        ;;
    esac
done <"$expected"

report="$out.report.txt"
status=0
"$inspect" "$out" >"$report" || status=1
# The comparison: expected.txt without comments and ignore: lines, and
# the report without the kinds it ignores.
want="$out.expected.txt"
got="$out.compared.txt"
grep -v -e '^#' -e '^$' -e '^ignore: ' -e '^messages: none$' -e '^absent: ' "$expected" >"$want" || true
ignored=$(sed -n 's/^ignore: //p' "$expected")
cp "$report" "$got"
while IFS= read -r kind; do
    [ -z "$kind" ] && continue
    awk -v prefix="$kind: " 'index($0, prefix) != 1' "$got" >"$got.tmp"
    mv "$got.tmp" "$got"
done <<<"$ignored"
differs=0
if ! diff -u --label "expected ($expected)" --label "epub_inspect report" "$want" "$got" >&2; then
    echo "FAIL: the report differs from $expected (- missing from the book, + not in expected.txt)" >&2
    differs=1
fi
if [ "$status" -ne 0 ] || [ "$differs" -ne 0 ]; then
    echo "--- epub_inspect report for $out:" >&2
    cat "$report" >&2
    exit 1
fi
echo "ok: $out"
