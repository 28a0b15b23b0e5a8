#!/usr/bin/env bash
# Runs an EPUB validator on a book and fails on any error or warning.
#
# usage: validate.sh epubcheck BOOK.epub
#        validate.sh epubcheck-ts BOOK.epub EPUBCHECK_TS_BINARY
set -euo pipefail
tool=$1 book=$2
if [ ! -f "$book" ]; then
    echo "FAIL: $book was not built (see the e2e test that makes it)" >&2
    exit 1
fi
case "$tool" in
epubcheck)
    jar=/usr/bin/epubcheck
    [ -f /usr/share/java/epubcheck.jar ] && jar=/usr/share/java/epubcheck.jar
    if ! command -v java >/dev/null || [ ! -f "$jar" ]; then
        echo "FAIL: epubcheck is not installed (apt-get install epubcheck)" >&2
        exit 1
    fi
    # epubcheck recurses through the nav: a 10,000-entry toc overflows the
    # JVM's default thread stack (StackOverflowError, reported as 0 errors).
    out=$(java -Xss64m -jar "$jar" --failonwarnings "$book" 2>&1) || {
        echo "$out" >&2
        echo "FAIL: epubcheck reported problems in $book" >&2
        exit 1
    }
    # (Here-strings, not "echo | grep -q": under pipefail, grep leaving at
    # its first match can fail the pipeline when echo is still writing.)
    grep -q "No errors or warnings detected" <<<"$out" && ! grep -q "Exception\|Error:" <<<"$out" || {
        echo "$out" >&2
        echo "FAIL: epubcheck did not finish cleanly on $book" >&2
        exit 1
    }
    ;;
epubcheck-ts)
    bin=$3
    if [ ! -x "$bin" ]; then
        echo "FAIL: epubcheck-ts not found at $bin (npm install @likecoin/epubcheck-ts)" >&2
        exit 1
    fi
    report=$(mktemp)
    trap 'rm -f "$report"' EXIT
    "$bin" "$book" -q -j "$report" >/dev/null 2>&1 || true
    # Count every message at WARNING level or worse.
    problems=$(node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        const bad = (r.messages || []).filter(m => !["INFO", "USAGE", "SUPPRESSED"].includes(String(m.severity).toUpperCase()));
        for (const m of bad) console.error(m.severity, m.ID, m.message, JSON.stringify(m.locations || []));
        console.log(bad.length);' "$report")
    if [ "$problems" != "0" ]; then
        echo "FAIL: epubcheck-ts reported $problems problem(s) in $book" >&2
        exit 1
    fi
    ;;
*)
    echo "usage: validate.sh epubcheck|epubcheck-ts BOOK.epub [BINARY]" >&2
    exit 2
    ;;
esac
echo "ok: $tool $book"
