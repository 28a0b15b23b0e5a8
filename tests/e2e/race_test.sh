#!/usr/bin/env bash
# A folder that swaps a source for a link to a file outside it while
# octavo builds (between listing and opening): no book may ever hold the
# outside file's text. Each build must end either in a book or in exit 1
# with a message; never a crash.
#
# usage: race_test.sh OCTAVO INSPECT WORK [BUILDS]
set -uo pipefail
octavo=$1 inspect=$2 work=$3 builds=${4:-200}
rm -rf "$work"
mkdir -p "$work/src"
cd "$work" || exit 1
echo 'SECRET-OUTSIDE-THE-FOLDER' >secret.txt
printf '# One\n\nText.\n' >src/a.md
printf '# Two\n\nText.\n' >file.md
ln -s ../secret.txt link.md

# Swap src/b.md between a plain file and the link, atomically, forever.
swap() {
    while :; do
        cp file.md src/.f && mv -T src/.f src/b.md
        ln -sfn ../secret.txt src/.l && mv -T src/.l src/b.md
    done
}
swap &
swapper=$!
trap 'kill $swapper 2>/dev/null' EXIT

leaked=0 crashed=0 made=0
for ((i = 0; i < builds; i++)); do
    rm -f book.epub
    "$octavo" build -q src -o book.epub 2>stderr.txt
    status=$?
    if [ "$status" -gt 1 ]; then
        echo "FAIL: build $i exited $status: $(head -c 500 stderr.txt)" >&2
        crashed=$((crashed + 1))
    fi
    if [ "$status" -eq 0 ]; then
        made=$((made + 1))
        if "$inspect" --contains SECRET-OUTSIDE book.epub; then
            echo "FAIL: build $i put the outside file in the book" >&2
            leaked=$((leaked + 1))
        fi
    fi
done
kill $swapper 2>/dev/null
echo "$builds builds: $made books, $leaked leaked, $crashed crashed"
[ "$leaked" -eq 0 ] && [ "$crashed" -eq 0 ]
