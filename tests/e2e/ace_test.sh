#!/usr/bin/env bash
# DAISY Ace on a book: no accessibility violation. Ace missing is a
# failure, said loudly: this test must never pass by not running.
#
# usage: ace_test.sh OCTAVO ACE_PUPPETEER SOURCES WORKDIR [octavo options...]
set -uo pipefail
octavo=$1 ace=$2 sources=$3 work=$4
shift 4
if [ ! -x "$ace" ] || [ ! -x /usr/bin/chromium ]; then
    echo "FAIL: DAISY Ace or chromium is not installed ($ace, /usr/bin/chromium);" \
        "run tests/run-all.sh, which installs both" >&2
    exit 1
fi
rm -rf "$work" && mkdir -p "$work"
"$octavo" build -q "$@" "$sources" -o "$work/book.epub" || exit 1
PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium timeout 600 "$ace" -o "$work/report" -f \
    "$work/book.epub" >"$work/ace.log" 2>&1 || { cat "$work/ace.log" >&2; echo "FAIL: Ace did not run" >&2; exit 1; }
report=$work/report/report.json
[ -s "$report" ] || { echo "FAIL: Ace wrote no report" >&2; exit 1; }
# One '"earl:outcome": "fail"' per violation; the book's own outcome is the first.
if grep -q '"earl:outcome": *"fail"' "$report"; then
    echo "FAIL: Ace reports violations:" >&2
    grep -o '"dct:title": *"[^"]*"' "$report" | sort | uniq -c >&2
    exit 1
fi
grep -q '"earl:outcome": *"pass"' "$report" || { echo "FAIL: no outcome in Ace's report" >&2; exit 1; }
echo "ok: Ace finds no violation in $sources"
