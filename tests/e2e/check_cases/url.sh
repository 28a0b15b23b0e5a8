# URLs in XHTML pages as EPUBCheck reads them (w3c/epubcheck
# src/test/resources/epub3/ 03-resources and 06-content-document
# scenarios, beyond those scenarios.sh names): attribute values trimmed
# of ASCII whitespace, cite attributes resolved, data URLs as resources
# of the type they say.
FIN='<p>Fin.</p>'
GIF=../images/939f40be7f.gif

# count_ NAME CODE N: octavo finds CODE exactly N times in NAME.epub.
count_() {
    local n
    n=$("$octavo" check "$1.epub" | grep -c -- " $2:")
    [ "$n" = "$3" ] || fail "$1: $2 found $n times, not $3"
}

# java_valid_ NAME -- epub_edit operations: octavo and epubcheck 4.2.6
# find the book valid, for what epubcheck-ts reads otherwise (it does
# not trim an img's src).
java_valid_() {
    local name=$1
    shift 2
    make_book "$name" "$@" || return
    local report
    report=$("$octavo" check "$name.epub")
    [ "$(tail -1 <<<"$report")" = "$name.epub: 0 errors, 0 warnings" ] ||
        fail "$name: octavo check finds: $report"
    if [ $have_java -eq 1 ]; then
        local theirs
        theirs=$(java -Xss64m -jar /usr/bin/epubcheck "$name.epub" 2>&1)
        grep -Eq "^(ERROR|WARNING)" <<<"$theirs" && fail "$name: epubcheck finds: $theirs"
    fi
    echo "ok: $name (valid)"
}

# ---- whitespace around a URL: trimmed, as HTML parses URLs ----
valid_ url-href-padded-valid -- --replace $C "$FIN" '<p>Fin. <a href="&#9; ch002.xhtml&#10; ">next</a></p>'
valid_ url-href-tab-at-end-valid -- --replace $C "$FIN" "$FIN"'<p><a href="https://example.com/&#9;">x</a></p>'
java_valid_ url-img-src-padded-valid -- --replace $C "$FIN" "$FIN"'<p><img src=" '"$GIF"' " alt="dot"/></p>'
case_ url-href-padded-missing ERROR RSC-007 $C -- --replace $C "$FIN" '<p>Fin. <a href=" missing.xhtml ">here</a></p>'
# (inside a URL a tab is no whitespace to trim)
case_ url-href-tab-inside ERROR RSC-020 $C -- --replace $C "$FIN" "$FIN"'<p><a href="https://example.com/a&#9;b">x</a></p>'

# ---- cite: a resource of the book, unless remote ----
case_ url-cite-q-missing ERROR RSC-007 $C -- --replace $C "$FIN" "$FIN"'<p><q cite="missing.xhtml">q</q></p>'
case_ url-cite-del-missing ERROR RSC-007 $C -- --replace $C "$FIN" "$FIN"'<p><del cite="missing.xhtml">d</del></p>'
case_ url-cite-ins-missing ERROR RSC-007 $C -- --replace $C "$FIN" "$FIN"'<p><ins cite="missing.xhtml">i</ins></p>'
# (each said: EPUBCheck's scenario expects RSC-007 four times)
case_ url-cite-all-missing ERROR RSC-007 $C -- --replace $C "$FIN" \
    "$FIN"'<blockquote cite="../missing.xhtml"><p>Quote.</p></blockquote><p><q cite="missing-q.xhtml">q</q> <del cite="missing-del.xhtml">d</del> <ins cite="missing-ins.xhtml">i</ins></p>'
count_ url-cite-all-missing RSC-007 4
# (remote: not a publication resource, so no RSC-006, RSC-008, RSC-031,
# nor remote-resources for its page)
valid_ url-cite-remote-valid -- --replace $C "$FIN" \
    "$FIN"'<blockquote cite="https://example.com/q"><p>Quote.</p></blockquote><p><q cite="http://example.com/q">q</q></p>'
# (any resource: no link to a content document needed, as for a)
valid_ url-cite-existing-valid -- --replace $C "$FIN" \
    "$FIN"'<blockquote cite="ch002.xhtml#title"><p>Quote.</p></blockquote><p><q cite="'"$GIF"'">q</q></p>'
case_ url-cite-fragment-missing ERROR RSC-012 $C -- --replace $C "$FIN" \
    "$FIN"'<blockquote cite="ch002.xhtml#nowhere"><p>Quote.</p></blockquote>'
case_ url-cite-undeclared ERROR RSC-008 $C -- --add EPUB/text/extra.xhtml '<html/>' \
    --replace $C "$FIN" "$FIN"'<blockquote cite="extra.xhtml"><p>Quote.</p></blockquote>'

# ---- data URLs: any text, of the media type they say ----
valid_ url-data-query-valid -- --replace $C "$FIN" \
    "$FIN"'<p><img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E?a=1&amp;b=2" alt="dot"/></p>'
case_ url-data-poster-foreign ERROR RSC-032 $C -- --add EPUB/v.mp4 'not a video' \
    --replace $O '<item id="css"' '<item id="mp4" href="v.mp4" media-type="video/mp4"/><item id="css"' \
    --replace $C "$FIN" "$FIN"'<video src="../v.mp4" poster="data:image/tiff;base64,SUkqAA==">video</video>'
# (no media type: text/plain, RFC 2397's)
case_ url-data-no-type ERROR RSC-032 $C -- --replace $C "$FIN" "$FIN"'<p><img src="data:,hello" alt="dot"/></p>'
# (neither epubcheck-ts nor 4.2.6 asks it of CSS, nor of a picture's img)
valid_ url-data-css-foreign-valid -- --replace $C "$FIN" \
    "$FIN"'<p style="background-image: url(data:image/tiff;base64,SUkqAA==)">x</p>'
valid_ url-data-picture-img-foreign-valid -- --replace $C "$FIN" \
    "$FIN"'<p><picture><source srcset="'"$GIF"'" type="image/gif"/><img src="data:image/tiff;base64,SUkqAA==" alt="dot"/></picture></p>'
