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

# Microdata: allowed; an itemprop needs the element's URL attribute (the
# Schematron's md-* patterns). (itemtype without itemscope: neither
# epubcheck reports it, nor octavo.)
valid_ xhtml-microdata -- --replace $C '<p>Fin.</p>' \
    '<div itemscope="" itemtype="https://schema.org/Book"><p itemprop="name">Fin.</p><a itemprop="url" href="https://example.org/">x</a><meta itemprop="isbn" content="1"/></div>'
case_ xhtml-microdata-a-href ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p itemscope="">Fin. <a itemprop="url">x</a></p>'
case_ xhtml-microdata-video-src ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' \
    '<p itemscope="">Fin. <video itemprop="v"></video></p>'
