#!/usr/bin/env bash
# One case of the hostile-input catalogue: builds CASE/src and compares
# the outcome with CASE/expect, whose lines are
#   args: OPTION...     extra octavo options
#   exit: N             the exit status wanted (0 or 1)
#   stderr: TEXT        a line of octavo's messages must contain TEXT
#   absent: TEXT        (exit 0) no file in the book may contain TEXT
#   validate: LEVEL     (exit 0) all (default): epub_inspect, epubcheck-ts
#                       and epubcheck; ts: no epubcheck (huge books); inspect
# With exit 1, no book and no temporary file may be left.
#
# usage: hostile_test.sh OCTAVO INSPECT VALIDATE_SH EPUBCHECK_TS CASE WORK
set -uo pipefail
octavo=$1 inspect=$2 validate=$3 ts=$4 case_dir=$5 work=$6
rm -rf "$work"
mkdir -p "$work"
book="$work/book.epub"
args=()
want_exit=0
level=all
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
    args:*) read -r -a args <<<"${line#args:}" ;;
    exit:*) want_exit=$(echo "${line#exit:}" | tr -d ' ') ;;
    validate:*) level=$(echo "${line#validate:}" | tr -d ' ') ;;
    esac
done <"$case_dir/expect"

# (A case that makes octavo hang fails instead of stalling the suite.)
timeout 300 "$octavo" build "${args[@]}" "$case_dir/src" -o "$book" >"$work/stdout" 2>"$work/stderr"
status=$?
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
[ "$status" -ne 124 ] || fail "octavo did not finish within 5 minutes"
[ "$status" -eq "$want_exit" ] || fail "exit status $status, expected $want_exit"
# Names and titles come from the hostile folder: nothing octavo prints may
# hold a control character a terminal acts on (an escape sequence, a
# carriage return; a newline of a file name makes a line of its own,
# which the stderr: lines below then catch).
if LC_ALL=C grep -q -P '[\x00-\x08\x0b-\x1f\x7f]' "$work/stdout" "$work/stderr"; then
    fail "octavo printed a control character"
fi
while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
    stderr:*)
        text=${line#stderr: }
        grep -Fq -- "$text" "$work/stderr" || fail "no message containing: $text"
        ;;
    absent:*)
        text=${line#absent: }
        if [ -f "$book" ] && "$inspect" --contains "$text" "$book"; then
            fail "the book contains: $text"
        fi
        ;;
    esac
done <"$case_dir/expect"
if [ "$want_exit" -ne 0 ]; then
    [ ! -e "$book" ] || fail "a failed build wrote $book"
    leftovers=$(ls -A "$work" | grep -v -E '^(stdout|stderr)$' || true)
    [ -z "$leftovers" ] || fail "files left behind: $leftovers"
elif [ "$status" -eq 0 ]; then
    "$inspect" "$book" >"$work/report.txt" || fail "epub_inspect: $(grep FAIL "$work/report.txt")"
    if [ "$level" != inspect ]; then
        "$validate" epubcheck-ts "$book" "$ts" || fail "epubcheck-ts"
    fi
    if [ "$level" = all ]; then
        "$validate" epubcheck "$book" || fail "epubcheck"
    fi
fi
if [ "$failures" -ne 0 ]; then
    echo "--- octavo's messages:" >&2
    head -c 4000 "$work/stderr" >&2
    exit 1
fi
echo "ok: $(basename "$case_dir")"
