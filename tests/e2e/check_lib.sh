# Shared by check_test.sh and check_area_test.sh: builds the good book
# (the rich fixture) in WORKDIR and defines case_ and valid_, which make
# a book from it with epub_edit and compare octavo check with epubcheck.
# Source it with octavo, edit, sources, work and ts set.
seeds=$(cd "$sources/../../../.." && pwd)/seeds
mkdir -p "$work"
. "$(dirname "$0")/lib.sh"
cd "$work" || exit 1

SOURCE_DATE_EPOCH=1700000000 "$octavo" build -q "$sources" -o good.epub || exit 1
out=$("$octavo" check good.epub)
[ $? -eq 0 ] && [ "$out" = "good.epub: 0 errors, 0 warnings" ] || fail "good book: $out"

have_java=0
command -v java >/dev/null && [ -f /usr/bin/epubcheck ] && have_java=1
[ -n "$ts" ] && [ ! -x "$ts" ] && ts=""
if [ $have_java -eq 0 ] && [ -z "$ts" ]; then
    echo "FAIL: neither epubcheck nor epubcheck-ts is installed; agreement cannot be checked" >&2
    exit 1
fi

# make_book NAME OPERATIONS...: NAME.epub, the good book changed by
# epub_edit's operations; false (and a failure said) if it cannot be made.
make_book() {
    local name=$1
    shift
    "$edit" good.epub "$name.epub" "$@" || {
        fail "$name: epub_edit could not make the case"
        return 1
    }
}

# case NAME SEVERITY CODE PATH -- epub_edit operations
#   PATH is the inner path the finding must name ("-" for none).
case_() {
    local name=$1 severity=$2 code=$3 path=$4
    shift 5
    local book="$name.epub"
    make_book "$name" "$@" || return
    local report status
    report=$("$octavo" check "$book")
    status=$?
    local want=1
    [ "$severity" = WARNING ] && want=0
    [ $status -eq $want ] || fail "$name: octavo check exited $status, not $want: $report"
    local prefix="$book: "
    [ "$path" != - ] && prefix="$book: $path"
    local at
    at=$(grep -F -- "$prefix" <<<"$report") # (no "| grep -q" under pipefail)
    if ! grep -Fq -- "$severity $code:" <<<"$at"; then
        fail "$name: no '$severity $code' finding at '$path' in: $report"
    fi
    if [ "$severity" = WARNING ]; then
        "$octavo" check --strict "$book" >/dev/null && fail "$name: --strict did not fail on a warning"
    fi
    # The real validators must see a problem here too, with this code.
    # (epubcheck-ts first: it starts in half a second, Java in several.)
    local theirs=""
    if [ -n "$ts" ]; then
        theirs+=$("$ts" "$book" 2>&1)
    fi
    if [ $have_java -eq 1 ] && ! grep -q -- "$code" <<<"$theirs"; then
        theirs+=$'\n'$(java -Xss64m -jar /usr/bin/epubcheck "$book" 2>&1)
    fi
    if ! grep -q -- "$code" <<<"$theirs"; then
        fail "$name: neither epubcheck reports $code: $theirs"
    fi
    echo "ok: $name ($severity $code)"
}

# The good book's package, first page and second page.
C=EPUB/text/ch001.xhtml
D=EPUB/text/ch002.xhtml
O=EPUB/package.opf

# valid_ NAME -- epub_edit operations: a book both octavo and the real
# validators find valid (rules that must not fire).
valid_() {
    local name=$1
    shift 2
    local book="$name.epub"
    make_book "$name" "$@" || return
    local report
    report=$("$octavo" check "$book")
    [ $? -eq 0 ] && [ "$(tail -1 <<<"$report")" = "$book: 0 errors, 0 warnings" ] ||
        fail "$name: octavo check finds: $report"
    local theirs=""
    if [ -n "$ts" ]; then
        theirs=$("$ts" "$book" 2>&1)
    else
        theirs=$(java -Xss64m -jar /usr/bin/epubcheck "$book" 2>&1)
    fi
    grep -Eq "ERROR|WARNING" <<<"$theirs" && fail "$name: epubcheck finds: $theirs"
    echo "ok: $name (valid)"
}

# ours_ NAME EXPECT -- epub_edit operations: octavo's report on a book
# has the line EXPECT ("0 errors, 0 warnings" for none), for what
# EPUBCheck 5 does that neither epubcheck 4.2.6 nor epubcheck-ts does
# (so they are not asked).
ours_() {
    local name=$1 want=$2
    shift 3
    make_book "$name" "$@" || return
    local report
    report=$("$octavo" check "$name.epub")
    grep -Fq -- "$want" <<<"$report" || fail "$name: no '$want' in: $report"
    echo "ok: $name (ours)"
}

# An 8x8 grey baseline JPEG written by hand (JFIF, a comment of $1 bytes,
# one quantisation table after a fill byte, the frame, one-code Huffman
# tables, one block of nothing), cut after $2 bytes when given.
make_jpeg() {
    {
        printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00'
        local n=$(($1 + 2))
        printf "\\xff\\xfe\\x$(printf %02x $((n >> 8)))\\x$(printf %02x $((n & 255)))"
        head -c "$1" /dev/zero | tr '\0' c
        printf '\xff\xff\xdb\x00\x43\x00'
        head -c 64 /dev/zero | tr '\0' '\001'
        printf '\xff\xc0\x00\x0b\x08\x00\x08\x00\x08\x01\x01\x11\x00'
        printf '\xff\xc4\x00\x14\x00\x01'; head -c 15 /dev/zero; printf '\x00'
        printf '\xff\xc4\x00\x14\x10\x01'; head -c 15 /dev/zero; printf '\x00'
        printf '\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00\x3f\xff\xd9'
    } | if [ -n "${2:-}" ]; then head -c "$2"; else cat; fi
}

# usage_ NAME MESSAGE -- epub_edit operations: octavo check finds no
# error or warning in the book, and its --json report has a usage (what
# EPUBCheck says only when asked, as neither epubcheck-ts nor 4.2.6 says
# these) whose message has MESSAGE.
usage_() {
    local name=$1 want=$2
    shift 3
    local book="$name.epub"
    make_book "$name" "$@" || return
    local report json
    report=$("$octavo" check "$book")
    [ $? -eq 0 ] && [ "$(tail -1 <<<"$report")" = "$book: 0 errors, 0 warnings" ] ||
        fail "$name: octavo check finds: $report"
    json=$("$octavo" check --json "$book")
    grep -Eq "\"severity\":\"usage\",\"code\":\"[A-Z]+-[0-9]+[a-z]?\",[^}]*\"message\":\"[^\"]*$want" <<<"$json" ||
        fail "$name: no usage with '$want' in: $json"
    echo "ok: $name (usage)"
}
