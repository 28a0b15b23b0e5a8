#!/bin/sh
# smoke.sh — CI smoke test for big books (issue #8).
#
# Usage: bench/smoke.sh BUILD_DIR
#
# Makes the 1k corpus (1,000 Markdown chapters, ~8 MB) in a temp dir, builds
# it once with BUILD_DIR/octavo build -q, and checks that octavo exits 0,
# that the EPUB exists and is not empty, and that epubcheck passes it
# (java -Xss64m -jar /usr/bin/epubcheck, or $EPUBCHECK_JAR). No timing is
# asserted. Exit 0 on success, 1 on a failure (said on stderr), 2 on misuse.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
octavo=$1/octavo
jar=${EPUBCHECK_JAR:-/usr/bin/epubcheck}

fail() {
    echo "smoke: FAIL: $*" >&2
    exit 1
}

[ -x "$octavo" ] || fail "no executable $octavo (build it first)"
command -v java >/dev/null 2>&1 || fail "java is not installed (needed by epubcheck)"
[ -f "$jar" ] || fail "epubcheck not found at $jar (apt-get install epubcheck)"

work=$(mktemp -d /tmp/octavo-smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

"$here/make-corpus.sh" "$work" 1k 2>"$work/make-corpus.log" ||
    { cat "$work/make-corpus.log" >&2; fail "make-corpus.sh 1k"; }
n=$(find "$work/1k" -name 'ch*.md' | wc -l)
[ "$n" -eq 1000 ] || fail "the 1k corpus has $n chapters, not 1000"

epub=$work/1k.epub
status=0
"$octavo" build -q "$work/1k" -o "$epub" 2>"$work/octavo.log" || status=$?
if [ "$status" -ne 0 ]; then
    head -n 40 "$work/octavo.log" >&2
    fail "octavo build -q exited with status $status on the 1k corpus"
fi
[ -e "$epub" ] || fail "octavo exited 0 but wrote no $epub"
[ -s "$epub" ] || fail "octavo wrote an empty $epub"
if [ -s "$work/octavo.log" ]; then
    echo "smoke: note: octavo -q printed:" >&2
    head -n 20 "$work/octavo.log" >&2
fi

status=0
java -Xss64m -jar "$jar" "$epub" >"$work/epubcheck.log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
    grep -E '^(FATAL|ERROR|WARNING)' "$work/epubcheck.log" | head -n 40 >&2 ||
        tail -n 40 "$work/epubcheck.log" >&2
    fail "epubcheck exited with status $status on the 1k book"
fi

echo "smoke: ok: 1k corpus -> $(wc -c <"$epub") bytes, epubcheck passed"
