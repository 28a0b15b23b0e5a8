#!/usr/bin/env bash
# octavo build --epubcheck: epubcheck's findings told at the source file
# and line (with a stand-in epubcheck that reports a known page line),
# a clear line when epubcheck is missing, a clean real run on the seeds,
# and `epubcheck: true` in book.yaml.
#
# usage: epubcheck_option_test.sh OCTAVO EPUB_EDIT FIXTURES WORKDIR
set -uo pipefail
octavo=$1 edit=$2 fixtures=$3 work=$4
e2e=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
cd "$work" || exit 1
. "$e2e/lib.sh"
export EPUB_EDIT=$edit
rich=$fixtures/rich/src

# expect TEXT SOURCE_LINE: the stand-in reports the page line holding
# TEXT; octavo must name 2-details.md and SOURCE_LINE.
expect() {
    local out status
    out=$(FAKE_TEXT=$1 OCTAVO_EPUBCHECK=$e2e/fake_epubcheck.sh "$octavo" build --epubcheck "$rich" -o fake.epub 2>&1)
    status=$?
    [ $status -eq 1 ] || fail "'$1': exit $status, not 1"
    grep -Eq "^$rich/2-details.md:$2: ERROR RSC-012: Fragment identifier is not defined\. \(EPUB/text/ch002\.xhtml:[0-9]+\)$" <<<"$out" ||
        fail "'$1': no RSC-012 at 2-details.md:$2 in: $out"
    grep -Eq "^$rich/2-details.md:$2: warning: HTM-999: Something to look at" <<<"$out" ||
        fail "'$1': the epubcheck-ts style warning is not at 2-details.md:$2 in: $out"
    grep -Fq "fake.epub: ERROR OPF-999: A package problem. (EPUB/package.opf:3)" <<<"$out" ||
        fail "'$1': a finding outside the chapters is not told as it is: $out"
}
expect "Raw HTML links" 25
expect ">Tables<" 3
expect "Mixed: a" 28
expect "The same id again" 36

# Findings: exit 1 and no book, an existing one left as it was, nothing
# left beside it.
rm -rf kept && mkdir kept && printf 'the previous book\n' >kept/book.epub
FAKE_TEXT="Raw HTML links" OCTAVO_EPUBCHECK=$e2e/fake_epubcheck.sh "$octavo" build -q --epubcheck "$rich" -o kept/book.epub >/dev/null 2>&1
[ $? -eq 1 ] || fail "findings: exit status not 1"
[ "$(cat kept/book.epub)" = "the previous book" ] || fail "findings: the previous book was replaced"
[ "$(ls kept)" = "book.epub" ] || fail "findings: left beside the book: $(ls kept)"
FAKE_TEXT="Raw HTML links" OCTAVO_EPUBCHECK=$e2e/fake_epubcheck.sh "$octavo" build -q --epubcheck "$rich" -o kept/new.epub >/dev/null 2>&1
[ ! -e kept/new.epub ] || fail "findings: a new book was written"

# Not installed: one line saying how to install it, exit 1.
out=$(OCTAVO_EPUBCHECK=/nonexistent/epubcheck "$octavo" build -q --epubcheck "$rich" -o missing.epub 2>&1)
[ $? -eq 1 ] || fail "missing epubcheck: exit status"
[ "$(wc -l <<<"$out")" -eq 1 ] && grep -q "apt-get install epubcheck" <<<"$out" ||
    fail "missing epubcheck: $out"

# book.yaml can ask for it.
rm -rf asked && cp -r "$rich" asked && printf 'epubcheck: true\n' >asked/book.yaml
out=$(FAKE_TEXT="Raw HTML links" OCTAVO_EPUBCHECK=$e2e/fake_epubcheck.sh "$octavo" build asked -o asked.epub 2>&1)
grep -q "asked/2-details.md:25: ERROR RSC-012" <<<"$out" || fail "epubcheck: true in book.yaml: $out"

# The real epubcheck, when installed, finds nothing in the seeds book.
if [ -f /usr/bin/epubcheck ] && command -v java >/dev/null; then
    out=$("$octavo" build -q --epubcheck "$fixtures/../../seeds" -o seeds.epub 2>&1)
    [ $? -eq 0 ] || fail "real epubcheck on the seeds: $out"
else
    fail "epubcheck is not installed: apt-get install epubcheck"
fi

finish "--epubcheck cases"
