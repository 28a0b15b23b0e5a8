#!/usr/bin/env bash
# A novel in one large file (over 4 MB) in a --low-memory build is
# understood a slice (a chapter) at a time, its trees freed, and made
# again a slice at a time to be rendered (issue #8): the book is byte for
# byte the one made from the whole tree, on one core or two, it checks
# clean, and the build needs less memory than the whole tree took.
#
# usage: novel_slices_test.sh OCTAVO INSPECT EPUBCHECK_TS WORKDIR [MEASURE]
# MEASURE: "yes" (default) compares peak memory; "no" for sanitizer builds,
# whose allocator keeps freed memory in quarantine.
set -uo pipefail
octavo=$1 inspect=$2 epubcheck_ts=$3 work=$4 measure=${5:-yes}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work/src"
. "$here/lib.sh"
cd "$work" || exit 1

# A header, an introduction, six volumes with text before their first
# chapter, 360 chapters (lists, minor headings and signatures here and
# there) and one chapter long enough to be cut into pieces: 4.8 MB.
awk 'BEGIN {
    print "书名：切片之书"; print "作者：测试者"; print "";
    print "这是简介，讲一个很长的故事。"; print "简介的第二段。";
    p[0] = "　　他走进房间，看见桌上放着一封信，信里写着很多他从未听说过的事情。";
    p[1] = "　　她笑了笑，说这一切早就注定了，只是大家都不愿意相信而已。";
    p[2] = "　　The rain kept falling on the old town, and nobody went outside.";
    p[3] = "　　第二天早上，城里的人都在谈论昨晚发生的事情，议论纷纷。";
    ch = 0;
    for (v = 1; v <= 6; v++) {
        printf "第%d卷 卷名%d\n", v, v;
        print "　　这一卷的开头没有章节标题。";
        for (c = 1; c <= 60; c++) {
            ch++;
            printf "第%d章 标题%d\n", ch, ch;
            lines = (ch == 100) ? 12000 : 110 + (ch % 17);
            for (i = 0; i < lines; i++) print p[(i + ch) % 4];
            if (ch % 7 == 0) { print "1、第一件事"; print "2、第二件事"; print "3、第三件事"; }
            if (ch % 11 == 0) print "小标题" ch;
            if (ch % 13 == 0) print "—— 2025.11." (ch % 28 + 1) " 于北京";
        }
    }
}' >src/novel.txt
size=$(stat -c %s src/novel.txt)
[ "$size" -gt 4194304 ] || fail "the novel should be over 4 MB (the slicing threshold), is $size bytes"

# peak KB of a build (GNU time)
peak() { /usr/bin/time -f %M -o "$1.rss" "${@:2}" && cat "$1.rss"; }
whole_kb=$(peak whole "$octavo" build -q src -o whole.epub) || fail "build from the whole tree failed"
sliced_kb=$(peak sliced "$octavo" build -q --low-memory -j1 src -o sliced.epub) ||
    fail "--low-memory -j1 build failed"
"$octavo" build -q --low-memory -j2 src -o sliced2.epub || fail "--low-memory -j2 build failed"
cmp -s whole.epub sliced.epub || fail "the book made a slice at a time differs from the whole one"
cmp -s whole.epub sliced2.epub || fail "the book made a slice at a time on two cores differs"
if [ "$measure" = yes ]; then
    [ "$sliced_kb" -lt "$whole_kb" ] ||
        fail "a slice at a time should need less memory: ${sliced_kb} KB, whole ${whole_kb} KB"
fi

"$inspect" sliced.epub >inspect.txt || fail "epub_inspect found problems: $(tail -5 inspect.txt)"
grep -q "^nav: 简介\$" inspect.txt || fail "toc lacks the introduction"
grep -q "^nav: 第1卷 卷名1\$" inspect.txt || fail "toc lacks the first volume"
grep -q "^nav:   第360章 标题360\$" inspect.txt || fail "toc lacks the last chapter under its volume"
grep -q "^nav:     第100章 标题100 (2)\$" inspect.txt || fail "toc lacks the second piece of chapter 100"
out=$("$octavo" check sliced.epub) || fail "octavo check: $out"
[ "$out" = "sliced.epub: 0 errors, 0 warnings" ] || fail "octavo check: $out"
"$here/validate.sh" epubcheck-ts sliced.epub "$epubcheck_ts" >/dev/null || fail "epubcheck-ts"

finish "novel slicing tests"
