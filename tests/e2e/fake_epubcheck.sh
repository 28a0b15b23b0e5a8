#!/usr/bin/env bash
# Stands in for epubcheck in the --epubcheck test (OCTAVO_EPUBCHECK): it
# reports an error at the line of EPUB/text/ch002.xhtml that holds
# $FAKE_TEXT, in epubcheck 4's format, and a warning in epubcheck-ts's.
# usage: FAKE_TEXT=... EPUB_EDIT=... fake_epubcheck.sh BOOK.epub
set -euo pipefail
book=$1
line=$("$EPUB_EDIT" "$book" - --print EPUB/text/ch002.xhtml | grep -n -F -- "$FAKE_TEXT" | head -1 | cut -d: -f1)
echo "Validating using EPUB version 3.2 rules."
echo "ERROR(RSC-012): $book/EPUB/text/ch002.xhtml($line,7): Fragment identifier is not defined."
printf '\033[33mWARNING (EPUB/text/ch002.xhtml:%s): Something to look at\033[0m\n' "$line"
printf '  \033[90mID: HTM-999\033[0m\n'
echo "ERROR(OPF-999): $book/EPUB/package.opf(3,1): A package problem."
exit 1
