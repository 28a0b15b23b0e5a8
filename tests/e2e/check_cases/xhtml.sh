# XHTML content documents: their references (by kind) and the schema's
# rules for their elements and attributes (w3c/epubcheck
# src/test/resources/epub3/06-content-document/content-document-xhtml.feature
# and the 03-resources references it leans on).
CSS_LINK='href="../styles/book.css"'
SECOND='href="ch002.xhtml">the second'

# References, by what they refer to
case_ xhtml-link-to-css ERROR RSC-010 $C -- --replace $C "$SECOND" 'href="../styles/book.css">the second'
case_ xhtml-link-to-image ERROR RSC-010 $C -- --replace $C "$SECOND" 'href="../images/939f40be7f.gif">the second'
case_ xhtml-link-out-of-spine ERROR RSC-011 $C -- --replace $O '<itemref idref="ch002"/>' ''
case_ xhtml-stylesheet-fragment ERROR RSC-013 $C -- --replace $C "$CSS_LINK" 'href="../styles/book.css#x"'
case_ xhtml-image-fragment WARNING RSC-009 $C -- --replace $C 'src="../images/939f40be7f.gif"' \
    'src="../images/939f40be7f.gif#x"'
valid_ xhtml-svg-image-fragment -- --replace $C 'src="../images/6e81ec2bb7.svg"' 'src="../images/6e81ec2bb7.svg#svgView(viewBox(0,0,10,10))"'
case_ xhtml-url-query ERROR RSC-033 $C -- --replace $C "$SECOND" 'href="ch002.xhtml?x=1">the second'
valid_ xhtml-link-cfi -- --replace $C "$SECOND" 'href="ch002.xhtml#epubcfi(/4/2)">the second'

# Attribute values the schema lists
case_ xhtml-hidden-invalid ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p hidden="true">Fin.</p>'
valid_ xhtml-hidden-until-found -- --replace $C '<p>Fin.</p>' '<p hidden="until-found">Fin.</p>'
case_ xhtml-dir-invalid ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p dir="left">Fin.</p>'
valid_ xhtml-dir-auto -- --replace $C '<p>Fin.</p>' '<p dir="auto">Fin.</p>'
case_ xhtml-border-invalid ERROR RSC-005 $D -- --replace $D '<table>' '<table border="2">'
valid_ xhtml-border-one -- --replace $D '<table>' '<table border="1">'
valid_ xhtml-keywords-any-case -- --replace $C '<p>Fin.</p>' '<p hidden="HIDDEN" dir="RTL" translate="No">Fin.</p>'

# The prolog (EPUB 3): a doctype with a public id (HTM-004), UTF-16 (HTM-058)
case_ xhtml-doctype-obsolete ERROR HTM-004 $C -- --replace $C '<!DOCTYPE html>' \
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">'
valid_ xhtml-doctype-legacy-compat -- --replace $C '<!DOCTYPE html>' '<!DOCTYPE html SYSTEM "about:legacy-compat">'
valid_ xhtml-doctype-none -- --replace $C '<!DOCTYPE html>' ''
"$edit" good.epub utf16.epub --print $C | sed 's/encoding="UTF-8"/encoding="UTF-16"/' |
    iconv -f UTF-8 -t UTF-16 >utf16.xhtml
case_ xhtml-encoding-utf16 ERROR HTM-058 $C -- --delete $C --add-file $C utf16.xhtml

# XML documents not in UTF-8 (EPUBCheck 5's XMLParser, for every XML
# document: 05-package-document's xml-encoding-* scenarios): UTF-16 is a
# warning (RSC-027; in a page HTM-058, above), another encoding an error
# (RSC-028). epubcheck-ts says them of the package only, 4.2.6 never: the
# others are asserted of octavo alone (ec5_).
ec5_() {
    local name=$1 severity=$2 code=$3 path=$4
    shift 5
    make_book "$name" "$@" || return
    local report
    report=$("$octavo" check "$name.epub")
    grep -Fq "$name.epub: $path: $severity $code:" <<<"$report" || fail "$name: no '$severity $code' at $path in: $report"
    [ "$(grep -c -E 'ERROR|WARNING' <<<"$report")" -eq 1 ] || fail "$name: other findings: $report"
    echo "ok: $name ($severity $code, EPUBCheck 5)"
}
"$edit" good.epub x.epub --print $O >package8.opf
sed 's/encoding="UTF-8"/encoding="UTF-16"/' package8.opf | iconv -f UTF-8 -t UTF-16 >package16.opf
iconv -f UTF-8 -t UTF-16 package8.opf >package16-utf8.opf
case_ xml-encoding-utf16-opf WARNING RSC-027 $O -- --delete $O --add-file $O package16.opf
case_ xml-encoding-utf16-bom-utf8-declared ERROR RSC-016 $O -- --delete $O --add-file $O package16-utf8.opf
case_ xml-encoding-latin1-opf ERROR RSC-028 $O -- --replace $O 'encoding="UTF-8"' 'encoding="ISO-8859-1"'
"$edit" good.epub x.epub --print EPUB/toc.ncx | sed 's/encoding="UTF-8"/encoding="UTF-16"/' |
    iconv -f UTF-8 -t UTF-16 >toc16.ncx
ec5_ xml-encoding-utf16-ncx WARNING RSC-027 EPUB/toc.ncx -- --delete EPUB/toc.ncx --add-file EPUB/toc.ncx toc16.ncx
ec5_ xml-encoding-latin1-xhtml ERROR RSC-028 $C -- --replace $C 'encoding="UTF-8"' 'encoding="ISO-8859-1"'
ec5_ xml-encoding-latin1-svg ERROR RSC-028 EPUB/images/6e81ec2bb7.svg -- --replace EPUB/images/6e81ec2bb7.svg 'encoding="UTF-8"' 'encoding="iso-8859-1"'
valid_ xml-encoding-utf8-declared-lower -- --replace $C 'encoding="UTF-8"' 'encoding="utf-8"'

# base and xml:base: relative URLs against a remote base are remote (RSC-006)
case_ xhtml-base-remote ERROR RSC-006 $C -- --replace $C '<meta charset="utf-8"/>' \
    '<meta charset="utf-8"/><base href="https://example.org/"/>'
case_ xhtml-xml-base-remote ERROR RSC-006 $C -- --replace $C '<p>Fin.</p>' \
    '<p xml:base="https://example.org/a/"><img src="x.png" alt=""/></p>'
# (links against a remote base are remote links, allowed: epubcheck-ts
# says RSC-006 for them, EPUBCheck 5 does not; not asked here)

# Hyperlinks to URLs of unregistered schemes (HTM-025, a warning)
case_ xhtml-url-unregistered-scheme WARNING HTM-025 $C -- --replace $C "$SECOND" 'href="httpf://example.org">the second'
valid_ xhtml-url-registered-schemes -- --replace $C "$SECOND" 'href="mailto:a@example.org">the second'

# Custom attributes: ignored, unless their namespace's host is W3C's or the IDPF's (HTM-054)
case_ xhtml-custom-ns-reserved ERROR HTM-054 $C -- --replace $C '<body' \
    '<body xmlns:w3="http://example.w3.org" w3:attr="x"'
valid_ xhtml-custom-ns -- --replace $C '<body' \
    '<body xmlns:ok="http://example.org/w3.org" ok:attr="y"'
# (EPUB 3 only: EPUBCheck's PreprocessingDefaultHandler looks for them in
# EPUB 3 books, and EPUB 2's XHTML 1.1 has other rules, so an EPUB 2 book
# made of the good one has other findings, but not this one)
"$edit" good.epub xhtml-custom-ns-epub2.epub --replace $O 'version="3.0"' 'version="2.0"' \
    --replace $C '<body' '<body xmlns:w3="http://example.w3.org" w3:attr="x"' || fail "xhtml-custom-ns-epub2: no book"
grep -q HTM-054 <<<"$("$octavo" check xhtml-custom-ns-epub2.epub)" && fail "xhtml-custom-ns-epub2: HTM-054 said for EPUB 2"
if [ $have_java -eq 1 ]; then
    grep -q HTM-054 <<<"$(java -jar /usr/bin/epubcheck xhtml-custom-ns-epub2.epub 2>&1)" &&
        fail "xhtml-custom-ns-epub2: epubcheck says HTM-054 for EPUB 2"
fi
echo "ok: xhtml-custom-ns-epub2 (no HTM-054)"

# Microdata: allowed; an itemprop needs the element's URL attribute (the
# Schematron's md-* patterns). (itemtype without itemscope: neither
# epubcheck reports it, nor octavo.)
valid_ xhtml-microdata -- --replace $C '<p>Fin.</p>' \
    '<div itemscope="" itemtype="https://schema.org/Book"><p itemprop="name">Fin.</p><a itemprop="url" href="https://example.org/">x</a><meta itemprop="isbn" content="1"/></div>'
case_ xhtml-microdata-a-href ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p itemscope="">Fin. <a itemprop="url">x</a></p>'
case_ xhtml-microdata-video-src ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' \
    '<p itemscope="">Fin. <video itemprop="v"></video></p>'

# An object of a foreign resource (not of a core media type) needs a
# fallback: its content (text, or embedded content such as an img, SVG
# or MathML, not hidden: EPUBCheck 5's OPSHandler30.isPalpable, as
# epubcheck-ts has it), or its item's manifest fallback. epubcheck 4.2.6
# says MED-002 where epubcheck-ts says RSC-032, and knows no manifest
# fallback for an object (it says MED-002 on object-foreign-manifest).
FOO=(--add EPUB/x.foo 'not a foo' --replace $O '<item id="css"' '<item id="foo" href="x.foo" media-type="application/x-foo"/><item id="css"')
FIN='<p>Fin.</p>'
case_ xhtml-object-foreign-no-fallback ERROR RSC-032 $C -- "${FOO[@]}" \
    --replace $C "$FIN" "$FIN"'<object data="../x.foo" type="application/x-foo"> </object>'
# (epubcheck-ts also says param is not allowed, RSC-005, which octavo
# does not yet)
case_ xhtml-object-foreign-param-only ERROR RSC-032 $C -- "${FOO[@]}" \
    --replace $C "$FIN" "$FIN"'<object data="../x.foo"> <param name="a" value="b"/> </object>'
case_ xhtml-object-foreign-empty-span ERROR RSC-032 $C -- "${FOO[@]}" \
    --replace $C "$FIN" "$FIN"'<object data="../x.foo"><span> </span><br/></object>'
# (hidden content is none; epubcheck 4.2.6 counts its text)
case_ xhtml-object-foreign-hidden-content ERROR RSC-032 $C -- "${FOO[@]}" \
    --replace $C "$FIN" "$FIN"'<object data="../x.foo"><div hidden=""><p>Foo.</p></div></object>'
case_ xhtml-object-data-url-foreign ERROR RSC-032 $C -- \
    --replace $C "$FIN" "$FIN"'<object data="data:application/x-foo,hello"></object>'
# (an object within one is its fallback, but needs its own)
case_ xhtml-object-nested-no-fallback ERROR RSC-032 $C -- "${FOO[@]}" \
    --replace $C "$FIN" "$FIN"'<object data="../x.foo"><object data="../x.foo"></object></object>'
# (what is in an object is checked as anywhere: 4.2.6 says MED-003)
case_ xhtml-object-img-foreign ERROR RSC-032 $C -- "${FOO[@]}" \
    --replace $C "$FIN" "$FIN"'<object data="../images/939f40be7f.gif"><img src="../x.foo" alt="foo"/></object>'
valid_ xhtml-object-foreign-text-fallback -- "${FOO[@]}" \
    --replace $C "$FIN" "$FIN"'<object data="../x.foo" type="application/x-foo">A foo.</object>'
valid_ xhtml-object-foreign-img-fallback -- "${FOO[@]}" \
    --replace $C "$FIN" "$FIN"'<object data="../x.foo"> <img src="../images/939f40be7f.gif" alt="dot"/> </object>'
valid_ xhtml-object-foreign-deep-fallback -- "${FOO[@]}" \
    --replace $C "$FIN" "$FIN"'<object data="../x.foo"><div><p><b>A foo.</b></p></div></object>'
valid_ xhtml-object-foreign-manifest-fallback -- "${FOO[@]/\"application\/x-foo\"/\"application/x-foo\" fallback=\"img-939f40be7f\"}" \
    --replace $C "$FIN" "$FIN"'<object data="../x.foo"></object>'
valid_ xhtml-object-data-url-text-fallback -- \
    --replace $C "$FIN" "$FIN"'<object data="data:application/x-foo,hello">Hello.</object>'
valid_ xhtml-object-nested-fallback -- "${FOO[@]}" \
    --replace $C "$FIN" "$FIN"'<object data="../x.foo"><object data="../x.foo">A foo.</object></object>'
