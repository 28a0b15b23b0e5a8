# The package document: its schema (RSC-005) and its vocabularies
# (EPUBCheck's epub3/05-package-document, D-vocabularies,
# B-external-identifiers, E-obsolete-features and the package side of
# 06-layouts and accessibility).
END='</metadata>'
meta() { printf '%s' "$1$END"; } # metadata elements added before </metadata>
PKG='<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="en"'
CREATOR='<dc:creator id="creator-1">Octavo</dc:creator>'
CSS='<item id="css" href="styles/book.css" media-type="text/css"/>'
CH1='<itemref idref="ch001"/>'

# ---- 5.4 shared attributes -------------------------------------------------
valid_ opf-dir-auto -- --replace $O "$CREATOR" '<dc:creator id="creator-1" dir="auto">Octavo</dc:creator>'
case_ opf-dir-invalid ERROR RSC-005 $O -- --replace $O "$CREATOR" '<dc:creator id="creator-1" dir="up">Octavo</dc:creator>'
case_ opf-link-to-package-id ERROR OPF-098 $O -- --replace $O "$END" "$(meta '<link rel="record" href="#css" media-type="text/css"/>')"
valid_ opf-id-with-spaces -- --replace $O 'id="creator-1"' 'id=" creator-1 "'
case_ opf-id-duplicate ERROR RSC-005 $O -- --replace $O 'id="creator-1"' 'id="css"' --replace $O '"#creator-1"' '"#css"'
case_ opf-id-duplicate-spaces ERROR RSC-005 $O -- --replace $O 'id="creator-1"' 'id=" css"' --replace $O '"#creator-1"' '"#css"'
case_ opf-refines-absolute ERROR RSC-005 $O -- --replace $O 'refines="#creator-1"' 'refines="http://example.com/#creator-1"'
case_ opf-refines-not-fragment WARNING RSC-017 $O -- --replace $O "$END" "$(meta '<meta refines="styles/book.css" property="dcterms:description">x</meta>')"
case_ opf-refines-unknown-id ERROR RSC-005 $O -- --replace $O 'refines="#creator-1"' 'refines="#nobody"'
case_ opf-refines-cycle ERROR OPF-065 $O -- --replace $O "$END" \
    "$(meta '<meta id="a" refines="#b" property="file-as">A</meta><meta id="b" refines="#a" property="file-as">B</meta>')"
valid_ opf-lang-empty -- --replace $O "$CREATOR" '<dc:creator id="creator-1" xml:lang="">Octavo</dc:creator>'
case_ opf-lang-whitespace ERROR OPF-092 $O -- --replace $O "$CREATOR" '<dc:creator id="creator-1" xml:lang=" en ">Octavo</dc:creator>'
case_ opf-lang-attribute-bad ERROR OPF-092 $O -- --replace $O "$CREATOR" '<dc:creator id="creator-1" xml:lang="en_GB">Octavo</dc:creator>'
case_ opf-lang-not-well-formed ERROR OPF-092 $O -- --replace $O '<dc:language>en<' '<dc:language>en-</dc:language><dc:language>en<'
valid_ opf-lang-three-letters -- --replace $O '<dc:language>en<' '<dc:language>eng<'

# ---- 5.5 the package element -----------------------------------------------
case_ opf-unique-id-not-identifier ERROR OPF-030 $O -- --replace $O 'unique-identifier="pub-id"' 'unique-identifier="title"'
case_ opf-no-metadata ERROR RSC-005 $O -- --replace $O '<metadata' '<metadatum' --replace $O "$END" '</metadatum>'
case_ opf-manifest-before-metadata ERROR RSC-005 $O -- \
    --replace $O '<manifest>' '<manifest><item id="x" href="x.css" media-type="text/css"/></manifest><manifest>' \
    --add EPUB/x.css 'p{}'
case_ opf-version-2-in-3 ERROR RSC-005 $O -- --replace $O 'version="3.0"' 'version="3.1"'
case_ opf-package-unknown-attribute ERROR RSC-005 $O -- --replace $O 'xml:lang="en">' 'xml:lang="en" foo="bar">'

# ---- 5.6 metadata ------------------------------------------------------------
# (metadata-attributes-error: EPUBCheck 5 rejects id, dir and xml:lang on
# metadata, 4.2.6 and epubcheck-ts do not; tests/unit/test_check_opf.c)
case_ opf-unique-id-missing ERROR OPF-048 $O -- --replace $O ' unique-identifier="pub-id"' ''
case_ opf-identifier-empty ERROR RSC-005 $O -- --replace $O "$CREATOR" "$CREATOR<dc:identifier> </dc:identifier>"
case_ opf-language-empty ERROR RSC-005 $O -- --replace $O '<dc:language>en<' '<dc:language></dc:language><dc:language>en<'
case_ opf-title-empty ERROR RSC-005 $O -- --replace $O "$CREATOR" "$CREATOR<dc:title/>"
case_ opf-meta-empty ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta property="dcterms:subject"> </meta>')"
case_ opf-uuid-invalid WARNING OPF-085 $O -- --replace $O 'urn:uuid:72fe961b' 'urn:uuid:72fe961x'
valid_ opf-source -- --replace $O "$CREATOR" "$CREATOR<dc:source>urn:isbn:9780123456786</dc:source>"
case_ opf-date-twice ERROR RSC-005 $O -- --replace $O "$CREATOR" "$CREATOR<dc:date>2020</dc:date><dc:date>2021</dc:date>"
valid_ opf-date-year -- --replace $O "$CREATOR" "$CREATOR<dc:date>2020</dc:date>"
valid_ opf-date-whitespace -- --replace $O "$CREATOR" "$CREATOR<dc:date> 2020-01-02 </dc:date>"
case_ opf-date-bad WARNING OPF-053 $O -- --replace $O "$CREATOR" "$CREATOR<dc:date>2020-13-45</dc:date>"
case_ opf-date-unknown-format WARNING OPF-053 $O -- --replace $O "$CREATOR" "$CREATOR<dc:date>May 2020</dc:date>"
valid_ opf-type -- --replace $O "$CREATOR" "$CREATOR<dc:type>text</dc:type>"
case_ opf-property-empty ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta property="">x</meta>')"
case_ opf-property-list ERROR OPF-025 $O -- --replace $O "$END" "$(meta '<meta property="dcterms:subject dcterms:type">x</meta>')"
case_ opf-property-malformed ERROR OPF-026 $O -- --replace $O "$END" "$(meta '<meta property="dcterms:">x</meta>')"
valid_ opf-scheme -- --replace $O "$END" "$(meta '<meta property="dcterms:subject" scheme="onix:codelist5">x</meta>')"
case_ opf-scheme-list ERROR OPF-025 $O -- --replace $O 'scheme="marc:relators"' 'scheme="marc:relators onix:codelist17"'
case_ opf-scheme-unknown ERROR OPF-027 $O -- --replace $O 'scheme="marc:relators"' 'scheme="relators"'
case_ opf-modified-missing ERROR RSC-005 $O -- --replace $O 'property="dcterms:modified"' 'property="dcterms:date"'
case_ opf-modified-syntax ERROR RSC-005 $O -- --replace $O '2023-11-14T22:13:20Z' '2023-11-14'
case_ opf-link-no-media-type ERROR OPF-093 $O -- --replace $O "$END" "$(meta '<link rel="record" href="styles/book.css"/>')"
valid_ opf-link-remote-no-media-type -- --replace $O "$END" "$(meta '<link rel="alternate" href="https://example.com/book"/>')"
valid_ opf-link-rel-multiple -- --replace $O "$END" "$(meta '<link rel="dcterms:source dcterms:isVersionOf" href="https://example.com/book"/>')"
case_ opf-link-properties-empty ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<link rel="record" properties="" href="https://example.com/r.xml" media-type="application/xml"/>')"
case_ opf-link-properties-unknown ERROR OPF-027 $O -- --replace $O "$END" "$(meta '<link rel="record" properties="nope" href="https://example.com/r.xml" media-type="application/xml"/>')"
valid_ opf-link-hreflang -- --replace $O "$END" "$(meta '<link rel="alternate" hreflang="fr" href="https://example.com/book"/>')"
case_ opf-link-hreflang-bad ERROR OPF-092 $O -- --replace $O "$END" "$(meta '<link rel="alternate" hreflang="fr_FR" href="https://example.com/book"/>')"

# ---- 5.7 manifest ------------------------------------------------------------
case_ opf-item-no-media-type ERROR RSC-005 $O -- --replace $O ' href="styles/book.css" media-type="text/css"' ' href="styles/book.css"'
case_ opf-fallback-style ERROR RSC-005 $O -- --replace $O "$CSS" '<item id="css" href="styles/book.css" media-type="text/css" fallback-style="ch001"/>'
case_ opf-item-property-unknown ERROR OPF-027 $O -- --replace $O ' properties="cover-image"' ' properties="cover"'
case_ opf-cover-image-twice ERROR RSC-005 $O -- --replace $O 'media-type="image/gif"' 'media-type="image/gif" properties="cover-image"'
case_ opf-cover-image-not-image ERROR OPF-012 $O -- --replace $O "$CSS" '<item id="css" href="styles/book.css" media-type="text/css" properties="cover-image"/>'
case_ opf-nav-twice ERROR RSC-005 $O -- --replace $O '<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml"' '<item id="ch001" href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="nav"'
case_ opf-nav-not-xhtml ERROR OPF-012 $O -- --replace $O 'media-type="application/x-dtbncx+xml"' 'media-type="application/x-dtbncx+xml" properties="nav"'

# ---- 5.8 spine ---------------------------------------------------------------
case_ opf-spine-missing ERROR RSC-005 $O -- --replace $O '<spine toc="ncx">' '<spinal>' --replace $O '</spine>' '</spinal>'
case_ opf-spine-empty ERROR RSC-005 $O -- --replace $O '</spine>' '</spinx>' --replace $O '<spine toc="ncx">' '<spine toc="ncx"></spine><spinx>'
case_ opf-itemref-no-idref ERROR RSC-005 $O -- --replace $O "$CH1" '<itemref/>'
case_ opf-linear-invalid ERROR RSC-005 $O -- --replace $O "$CH1" '<itemref idref="ch001" linear="maybe"/>'
case_ opf-ppd-invalid ERROR RSC-005 $O -- --replace $O '<spine toc="ncx">' '<spine toc="ncx" page-progression-direction="up">'
valid_ opf-ppd-rtl -- --replace $O '<spine toc="ncx">' '<spine toc="ncx" page-progression-direction="rtl">'
case_ opf-spine-text ERROR RSC-005 $O -- --replace $O "$CH1" "text$CH1"
case_ opf-spine-unknown-element ERROR RSC-005 $O -- --replace $O "$CH1" "<chapter/>$CH1"

# ---- 5.3 vocabulary association: prefixes ------------------------------------
valid_ opf-prefix-valid -- --replace $O "$PKG" "$PKG prefix=\"foaf: http://xmlns.com/foaf/spec/ dbp: http://dbpedia.org/ontology/\"" \
    --replace $O "$END" "$(meta '<meta property="foaf:name">x</meta><meta property="dbp:style">y</meta>')"
case_ opf-prefix-no-space ERROR OPF-004d $O -- --replace $O "$PKG" "$PKG prefix=\"foaf:http://xmlns.com/foaf/spec/\""
case_ opf-prefix-undeclared ERROR OPF-028 $O -- --replace $O "$END" "$(meta '<meta property="foaf:name">x</meta>')"
valid_ opf-prefix-reserved-undeclared -- --replace $O "$END" "$(meta '<meta property="schema:educationalUse">x</meta>')"
valid_ opf-prefix-reserved-declared -- --replace $O "$PKG" "$PKG prefix=\"schema: http://schema.org/\""
case_ opf-prefix-reserved-overridden WARNING OPF-007 $O -- --replace $O "$PKG" "$PKG prefix=\"schema: http://example.org/\""
# (OPF-007c, OPF-004c: EPUBCheck 5 only; tests/unit/test_check_opf.c)
case_ opf-prefix-default-vocab ERROR OPF-007b $O -- --replace $O "$PKG" "$PKG prefix=\"meta: http://idpf.org/epub/vocab/package/meta/#\""

# ---- D.2 meta properties -----------------------------------------------------
SUBJ='<dc:subject id="s1">Fiction</dc:subject>'
valid_ opf-meta-authority -- --replace $O "$END" "$(meta "$SUBJ"'<meta refines="#s1" property="authority">BISAC</meta><meta refines="#s1" property="term">FIC000000</meta>')"
case_ opf-meta-authority-refines ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta refines="#title" property="authority">BISAC</meta>')"
case_ opf-meta-authority-no-term ERROR RSC-005 $O -- --replace $O "$END" "$(meta "$SUBJ"'<meta refines="#s1" property="authority">BISAC</meta>')"
case_ opf-meta-term-twice ERROR RSC-005 $O -- --replace $O "$END" "$(meta "$SUBJ"'<meta refines="#s1" property="authority">BISAC</meta><meta refines="#s1" property="term">A</meta><meta refines="#s1" property="term">B</meta>')"
valid_ opf-meta-collection -- --replace $O "$END" "$(meta '<meta id="c1" property="belongs-to-collection">Series</meta><meta refines="#c1" property="collection-type">series</meta><meta refines="#c1" property="group-position">2</meta>')"
case_ opf-meta-collection-refines ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta refines="#title" property="belongs-to-collection">Series</meta>')"
case_ opf-meta-collection-type-alone ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta property="collection-type">series</meta>')"
case_ opf-meta-collection-type-twice ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta id="c1" property="belongs-to-collection">S</meta><meta refines="#c1" property="collection-type">series</meta><meta refines="#c1" property="collection-type">set</meta>')"
valid_ opf-meta-display-seq -- --replace $O "$END" "$(meta '<meta refines="#title" property="display-seq">1</meta>')"
case_ opf-meta-display-seq-twice ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta refines="#title" property="display-seq">1</meta><meta refines="#title" property="display-seq">2</meta>')"
valid_ opf-meta-file-as -- --replace $O "$END" "$(meta '<meta refines="#creator-1" property="file-as">Octavo, A.</meta>')"
case_ opf-meta-file-as-twice ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta refines="#creator-1" property="file-as">A</meta><meta refines="#creator-1" property="file-as">B</meta>')"
case_ opf-meta-group-position-twice ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta id="c1" property="belongs-to-collection">S</meta><meta refines="#c1" property="group-position">1</meta><meta refines="#c1" property="group-position">2</meta>')"
case_ opf-meta-identifier-type-refines ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta refines="#title" property="identifier-type">15</meta>')"
case_ opf-meta-identifier-type-twice ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta refines="#pub-id" property="identifier-type" scheme="onix:codelist5">15</meta><meta refines="#pub-id" property="identifier-type" scheme="onix:codelist5">15</meta>')"
case_ opf-meta-role-refines ERROR RSC-005 $O -- --replace $O 'refines="#creator-1" property="role"' 'refines="#title" property="role"'
valid_ opf-meta-source-of -- --replace $O "$END" "$(meta '<dc:source id="src">urn:isbn:9780123456786</dc:source><meta refines="#src" property="source-of">pagination</meta>')"
case_ opf-meta-source-of-value ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<dc:source id="src">urn:isbn:9780123456786</dc:source><meta refines="#src" property="source-of">pages</meta>')"
case_ opf-meta-source-of-alone ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta property="source-of">pagination</meta>')"
case_ opf-meta-source-of-not-source ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta refines="#title" property="source-of">pagination</meta>')"
valid_ opf-meta-title-type -- --replace $O "$END" "$(meta '<meta refines="#title" property="title-type">main</meta>')"
case_ opf-meta-title-type-refines ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta refines="#creator-1" property="title-type">main</meta>')"
case_ opf-meta-title-type-twice ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta refines="#title" property="title-type">main</meta><meta refines="#title" property="title-type">main</meta>')"
case_ opf-meta-property-unknown ERROR OPF-027 $O -- --replace $O "$END" "$(meta '<meta property="colour">red</meta>')"

# ---- D.3 rendition vocabulary (06-layouts, package side) ---------------------
valid_ opf-rendition-layout -- --replace $O "$END" "$(meta '<meta property="rendition:layout">reflowable</meta><meta property="rendition:spread">auto</meta><meta property="rendition:orientation">auto</meta><meta property="rendition:flow">paginated</meta>')"
case_ opf-rendition-layout-value ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta property="rendition:layout">fixed</meta>')"
case_ opf-rendition-layout-twice ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta property="rendition:layout">reflowable</meta><meta property="rendition:layout">reflowable</meta>')"
case_ opf-rendition-layout-refines ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta refines="#title" property="rendition:layout">reflowable</meta>')"
case_ opf-rendition-orientation-value ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta property="rendition:orientation">sideways</meta>')"
case_ opf-rendition-spread-value ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta property="rendition:spread">always</meta>')"
case_ opf-rendition-spread-portrait WARNING OPF-086 $O -- --replace $O "$END" "$(meta '<meta property="rendition:spread">portrait</meta>')"
case_ opf-rendition-flow-value ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta property="rendition:flow">down</meta>')"
case_ opf-rendition-viewport WARNING OPF-086 $O -- --replace $O "$END" "$(meta '<meta property="rendition:viewport">width=100, height=200</meta>')"
case_ opf-rendition-unknown ERROR OPF-027 $O -- --replace $O "$END" "$(meta '<meta property="rendition:zoom">2</meta>')"
valid_ opf-itemref-spread -- --replace $O "$CH1" '<itemref idref="ch001" properties="page-spread-left rendition:layout-reflowable"/>'
case_ opf-itemref-property-unknown ERROR OPF-027 $O -- --replace $O "$CH1" '<itemref idref="ch001" properties="page-spread-up"/>'
case_ opf-itemref-rendition-unknown ERROR OPF-027 $O -- --replace $O "$CH1" '<itemref idref="ch001" properties="rendition:layout-fixed"/>'
case_ opf-itemref-exclusive ERROR RSC-005 $O -- --replace $O "$CH1" '<itemref idref="ch001" properties="page-spread-left page-spread-right"/>'

# ---- D.4 link relations ------------------------------------------------------
case_ opf-link-rel-deprecated WARNING OPF-086 $O -- --replace $O "$END" "$(meta '<link rel="xmp-record" href="https://example.com/r.xmp"/>')"
case_ opf-link-alternate-combined ERROR OPF-089 $O -- --replace $O "$END" "$(meta '<link rel="alternate record" href="https://example.com/r.xml" media-type="application/xml"/>')"
case_ opf-link-record-refines ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<link rel="record" refines="#title" href="https://example.com/r.xml" media-type="application/xml"/>')"
case_ opf-link-voicing-no-refines ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<link rel="voicing" href="https://example.com/a.mp3" media-type="audio/mpeg"/>')"
case_ opf-link-rel-unknown ERROR OPF-027 $O -- --replace $O "$END" "$(meta '<link rel="nope" href="https://example.com/r.xml"/>')"
case_ opf-link-rel-undeclared ERROR OPF-028 $O -- --replace $O "$END" "$(meta '<link rel="foo:bar" href="https://example.com/r.xml"/>')"

# ---- E obsolete features, guide, bindings, collections -----------------------
valid_ opf-guide -- --replace $O '</spine>' '</spine><guide><reference type="text" href="text/ch001.xhtml" title="Start"/></guide>'
case_ opf-guide-no-type ERROR RSC-005 $O -- --replace $O '</spine>' '</spine><guide><reference href="text/ch001.xhtml"/></guide>'
case_ opf-guide-before-spine ERROR RSC-005 $O -- --replace $O '<spine toc="ncx">' '<guide><reference type="text" href="text/ch001.xhtml"/></guide><spine toc="ncx">'
case_ opf-guide-duplicate WARNING RSC-017 $O -- --replace $O '</spine>' '</spine><guide><reference type="text" href="text/ch001.xhtml"/><reference type="Text" href="text/ch001.xhtml"/></guide>'
case_ opf-bindings WARNING RSC-017 $O -- --replace $O '</spine>' '</spine><bindings><mediaType media-type="application/x-demo" handler="ch001"/></bindings>'
case_ opf-ncx-without-toc ERROR RSC-005 $O -- --replace $O '<spine toc="ncx">' '<spine>'
case_ opf-collection-manifest-top ERROR RSC-005 $O -- --replace $O '</spine>' '</spine><collection role="manifest"><link href="text/ch001.xhtml" rel="dcterms:hasPart"/></collection>'
valid_ opf-link-rel-acquire -- --replace $O "$END" "$(meta '<link rel="acquire" href="https://example.com/buy" media-type="text/html"/>')"
case_ opf-rendition-viewport-twice ERROR RSC-005 $O -- --replace $O "$END" "$(meta '<meta property="rendition:viewport">width=1, height=2</meta><meta property="rendition:viewport">width=1, height=2</meta>')"
case_ opf-link-record-no-media-type ERROR OPF-094 $O -- --replace $O "$END" "$(meta '<link rel="record" href="https://example.com/r.xml"/>')"
case_ opf-link-voicing-not-audio ERROR OPF-095 $O -- --replace $O "$END" "$(meta '<link rel="voicing" refines="#title" href="https://example.com/t.mp4" media-type="video/mp4"/>')"
valid_ opf-link-voicing -- --replace $O "$END" "$(meta '<link rel="voicing" refines="#title" href="https://example.com/t.mp3" media-type="audio/mpeg"/>')"
valid_ opf-link-record-remote -- --replace $O "$END" "$(meta '<link rel="record" href="https://example.com/r.xml" media-type="application/marcxml+xml"/>')"
case_ opf-itemref-spread-portrait WARNING OPF-086 $O -- --replace $O "$CH1" '<itemref idref="ch001" properties="rendition:spread-portrait"/>'
case_ opf-itemref-layout-conflict ERROR RSC-005 $O -- --replace $O "$CH1" '<itemref idref="ch001" properties="rendition:layout-reflowable rendition:layout-pre-paginated"/>'
case_ opf-itemref-flow-conflict ERROR RSC-005 $O -- --replace $O "$CH1" '<itemref idref="ch001" properties="rendition:flow-auto rendition:flow-paginated"/>'
case_ opf-unique-id-unknown ERROR RSC-005 $O -- --replace $O 'unique-identifier="pub-id"' 'unique-identifier="nope"'
case_ opf-itemref-unknown ERROR RSC-005 $O -- --replace $O "$CH1" '<itemref idref="ch001"/><itemref idref="nope"/>'
valid_ opf-a11y-undeclared -- --replace $O "$END" "$(meta '<meta property="a11y:certifiedBy">Org</meta>')"
case_ opf-a11y-unknown ERROR OPF-027 $O -- --replace $O "$END" "$(meta '<meta property="a11y:nope">x</meta>')"
valid_ opf-a11y-credential-link -- --replace $O "$END" "$(meta '<meta property="a11y:certifiedBy" id="cert">Org</meta><link rel="a11y:certifierCredential" refines="#cert" href="https://example.com/cred"/>')"

# ---- G/H media type registrations: the book's own extension ------------------
cp good.epub upper-extension.ePub
report=$("$octavo" check upper-extension.ePub)
[ $? -eq 0 ] && grep -q "WARNING PKG-016" <<<"$report" ||
    fail "upper-extension: octavo check does not warn PKG-016: $report"
if [ -n "$ts" ]; then
    grep -q PKG-016 <<<"$("$ts" upper-extension.ePub 2>&1)" || fail "upper-extension: epubcheck-ts does not report PKG-016"
fi
echo "ok: upper-extension (WARNING PKG-016)"
case_ opf-item-href-fragment ERROR OPF-091 $O -- --replace $O 'href="styles/book.css"' 'href="styles/book.css#x"'

# ---- the manifest and the metadata's links (05-package-document) ------------
# The manifest must not list the package document (OPF-099).
case_ opf-manifest-self-referencing ERROR OPF-099 $O -- --replace $O '<manifest>' \
    '<manifest><item id="opf" href="package.opf" media-type="application/oebps-package+xml"/>'
# A link of the metadata is not to a manifest item (OPF-067), unless it is
# in the spine; a collection's link may be.
case_ opf-link-to-publication-resource ERROR OPF-067 $O -- \
    --replace $O "$END" "$(meta '<link rel="record" href="styles/book.css" media-type="text/css"/>')"
valid_ opf-link-to-spine-item -- --replace $O "$END" \
    "$(meta '<link rel="record" href="text/ch001.xhtml#x" media-type="application/xhtml+xml"/>')"
valid_ opf-collection-link-to-item -- --replace $O '</spine>' \
    '</spine><collection role="http://example.org/roles/x"><link href="styles/book.css"/></collection>'

# ---- E outdated features: collections, OPF 2 meta and guide -----------------
# A collection's role that is a URL must parse (OPF-070, a warning); its
# links need no rel.
case_ opf-collection-role-url-invalid WARNING OPF-070 $O -- --replace $O '</spine>' \
    '</spine><collection role="http://invalid%"><link href="http://example.org/resource"/></collection>'
valid_ opf-collection-role-url -- --replace $O '</spine>' \
    '</spine><collection role="http://example.org/roles/x"><link href="http://example.org/resource"/></collection>'
# Each outdated feature is a usage (OBS-001), not an error or warning.
usage_ opf-outdated-collection 'the \\"collection\\" element' -- --replace $O '</spine>' \
    '</spine><collection role="http://example.org/roles/x"><link href="http://example.org/resource"/></collection>'
usage_ opf-outdated-legacy-guide 'OPF 2 \\"guide\\" element' -- --replace $O '</spine>' \
    '</spine><guide><reference type="text" href="text/ch001.xhtml" title="Start"/></guide>'
usage_ opf-outdated-legacy-meta 'OPF 2 \\"meta\\" element' -- --replace $O "$END" \
    "$(meta '<meta name="price" content="free"/>')"

# ---- 3.4.6 collections and their roles (EPUBCheck's collection Schematrons,
# epub-indexes, previews, dictionaries; OPFChecker30's checkCollections) ---
COLL() { printf '%s' "</spine>$1"; }
# (an index's documents must hold an index: EPUBCheck's idx-xhtml-index.sch)
IDX=(--replace $D '<section epub:type="chapter"' '<section epub:type="index"' --replace $D '<h2 id="tables">' '<ul epub:type="index-entry-list"><li epub:type="index-entry"><span epub:type="index-term">term</span></li></ul><h2 id="tables">')
valid_ opf-collection-index -- "${IDX[@]}" --replace $O '</spine>' "$(COLL '<collection role="index"><collection role="index-group"><link href="text/ch002.xhtml"/></collection><link href="text/ch002.xhtml"/></collection>')"
case_ opf-collection-index-not-xhtml ERROR OPF-071 $O -- --replace $O '</spine>' "$(COLL '<collection role="index"><link href="styles/book.css"/></collection>')"
case_ opf-collection-index-group-not-xhtml ERROR OPF-071 $O -- --replace $O '</spine>' "$(COLL '<collection role="index"><collection role="index-group"><link href="styles/book.css"/></collection></collection>')"
case_ opf-collection-index-subcollection ERROR RSC-005 $O -- --replace $O '</spine>' "$(COLL '<collection role="index"><collection role="preview"><link href="text/ch001.xhtml"/></collection><link href="text/ch002.xhtml"/></collection>')"
case_ opf-collection-index-group-top ERROR RSC-005 $O -- --replace $O '</spine>' "$(COLL '<collection role="index-group"><link href="text/ch002.xhtml"/></collection>')"
case_ opf-collection-index-group-nested ERROR RSC-005 $O -- --replace $O '</spine>' "$(COLL '<collection role="index"><collection role="index-group"><link href="text/ch002.xhtml"/><collection role="index-group"><link href="text/ch001.xhtml"/></collection></collection></collection>')"
case_ opf-collection-manifest-metadata ERROR RSC-005 $O -- --replace $O '</spine>' "$(COLL '<collection role="http://example.org/x"><collection role="manifest"><metadata/><link href="text/ch001.xhtml"/></collection><link href="text/ch002.xhtml"/></collection>')"
case_ opf-collection-manifest-empty ERROR RSC-005 $O -- --replace $O '</spine>' "$(COLL '<collection role="http://example.org/x"><collection role="manifest"/><link href="text/ch002.xhtml"/></collection>')"
valid_ opf-collection-preview -- --replace $O '</spine>' "$(COLL '<collection role="preview"><collection role="manifest"><link href="text/ch001.xhtml"/></collection><link href="text/ch001.xhtml"/></collection>')"
case_ opf-collection-preview-no-manifest ERROR RSC-005 $O -- --replace $O '</spine>' "$(COLL '<collection role="preview"><link href="text/ch001.xhtml"/></collection>')"
case_ opf-collection-preview-not-content ERROR OPF-075 $O -- --replace $O '</spine>' "$(COLL '<collection role="preview"><collection role="manifest"><link href="text/ch001.xhtml"/></collection><link href="styles/book.css"/></collection>')"
case_ opf-collection-preview-cfi ERROR OPF-076 $O -- --replace $O '</spine>' "$(COLL '<collection role="preview"><collection role="manifest"><link href="text/ch001.xhtml"/></collection><link href="text/ch001.xhtml#epubcfi(/4/2)"/></collection>')"
case_ opf-collection-do-no-metadata ERROR RSC-005 $O -- --replace $O '</spine>' "$(COLL '<collection role="distributable-object"><link href="text/ch001.xhtml"/></collection>')"
case_ opf-collection-do-no-identifier ERROR RSC-005 $O -- --replace $O '</spine>' "$(COLL '<collection role="distributable-object"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title><dc:language>en</dc:language></metadata><link href="text/ch001.xhtml"/></collection>')"
valid_ opf-collection-do -- --replace $O '</spine>' "$(COLL '<collection role="distributable-object"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier>urn:x:1</dc:identifier><dc:title>T</dc:title><dc:language>en</dc:language></metadata><link href="text/ch001.xhtml"/></collection>')"
case_ opf-collection-dictionary-no-skm ERROR OPF-083 $O -- --replace $O '</spine>' "$(COLL '<collection role="dictionary"><metadata><meta property="source-language">en</meta><meta property="target-language">fr</meta></metadata><link href="text/ch001.xhtml"/></collection>')"
case_ opf-collection-dictionary-no-language ERROR RSC-005 $O -- --replace $O '</spine>' "$(COLL '<collection role="dictionary"><link href="text/ch001.xhtml"/></collection>')"
case_ opf-collection-dictionary-not-found ERROR OPF-081 $O -- --replace $O '</spine>' "$(COLL '<collection role="dictionary"><metadata><meta property="source-language">en</meta><meta property="target-language">fr</meta></metadata><link href="nowhere.xhtml"/></collection>')"
case_ opf-collection-dictionary-css ERROR OPF-084 $O -- --replace $O '</spine>' "$(COLL '<collection role="dictionary"><metadata><meta property="source-language">en</meta><meta property="target-language">fr</meta></metadata><link href="styles/book.css"/></collection>')"

# ---- E outdated features: content fallbacks (EPUBCheck 5's OBS-001) ----------
# A foreign image an img shows only through its manifest fallback: valid,
# and a usage; a core image needs none, a foreign one with no fallback is
# an error (RSC-032).
FOREIGN=(--add EPUB/images/dot.tiff 'II*' --replace $O '</manifest>' \
    '<item id="tiff" href="images/dot.tiff" media-type="image/tiff" fallback="img-1630582cb4"/></manifest>' \
    --replace $C '<p class="byline">Octavo</p>' '<p class="byline">Octavo <img src="../images/dot.tiff" alt="dot"/></p>')
valid_ opf-content-fallback-img -- "${FOREIGN[@]}"
usage_ opf-outdated-content-fallback-img 'content fallback' -- "${FOREIGN[@]}"
case_ opf-content-fallback-missing ERROR RSC-032 $C -- "${FOREIGN[@]/ fallback=\"img-1630582cb4\"/}"
report=$("$octavo" check --json good.epub)
grep -q '"OBS-001"[^}]*content fallback' <<<"$report" && fail "good book: a content fallback usage without one: $report"

# ---- E.2.4 remote-resources (EPUBCheck 5's OPSHandler30.checkResourceURL) -----
# Every remote resource a page loads (img, audio, video, iframe, script...;
# not a hyperlink, not a style sheet) asks for remote-resources, so a
# remote image is an RSC-006 and, undeclared, an OPF-014 too, as
# epubcheck-ts and 4.2.6 say. Declared, the RSC-006 is all
# (resources-remote-img-error).
RIMG=(--replace $C '<p class="byline">Octavo</p>' '<p class="byline">Octavo <img src="https://example.org/remote.jpg" alt="r"/></p>'
    --replace $O '</manifest>' '<item id="rimg" href="https://example.org/remote.jpg" media-type="image/jpeg"/></manifest>')
case_ opf-remote-img-undeclared ERROR OPF-014 $C -- "${RIMG[@]}"
RIMG_DECLARED=("${RIMG[@]}" --replace $O 'href="text/ch001.xhtml" media-type="application/xhtml+xml"/>'
    'href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="remote-resources"/>')
case_ opf-remote-img-declared ERROR RSC-006 $C -- "${RIMG_DECLARED[@]}"
report=$("$octavo" check opf-remote-img-declared.epub)
[ "$(grep -c ' ERROR ' <<<"$report")" = 1 ] || fail "opf-remote-img-declared: more than the RSC-006: $report"
# A collection's metadata may have an id, xml:lang and dir (package-30.rnc).
valid_ opf-collection-metadata-attributes -- --replace $O '</spine>' "$(COLL '<collection role="distributable-object"><metadata id="m1" xml:lang="en" dir="ltr" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier>urn:x:1</dc:identifier><dc:title>T</dc:title><dc:language>en</dc:language></metadata><link href="text/ch001.xhtml"/></collection>')"
# A metadata link to a record embedded in a spine page (a JSON-LD script
# block) is no OPF-067 (05-package-document: link-to-embedded-resource-valid).
valid_ link-to-embedded-resource-valid -- \
    --replace $O '</metadata>' '<link rel="record" href="text/ch001.xhtml#meta-json" media-type="application/xhtml+xml" hreflang="en"/></metadata>' \
    --replace $C '</head>' '<script id="meta-json" type="application/ld+json">{"@context": "http://schema.org", "name": "test"}</script></head>'
