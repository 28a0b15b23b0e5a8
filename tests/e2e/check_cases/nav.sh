# The nav document's schema (epubcheck's epub-nav-30.rnc and .sch) and
# its links (w3c/epubcheck src/test/resources/epub3/
# 08-navigation-document/navigation-document.feature, by scenario).
N=EPUB/nav.xhtml
TOC_HEAD='<h1 id="toc-title">Contents</h1>'
FIRST='<li><a href="text/ch001.xhtml">图文并茂</a><ol>'
LEAF='<li><a href="text/ch002.xhtml#tables">Tables</a></li>'
LANDMARKS='<nav epub:type="landmarks"'
PAGE_LIST='<nav epub:type="page-list" hidden=""><ol><li><a href="text/ch001.xhtml">1</a></li><li><a href="text/ch002.xhtml">2</a></li></ol></nav>'

# 8.3 The nav element: restrictions
case_ nav-heading-empty ERROR RSC-005 $N -- --replace $N "$TOC_HEAD" '<h1 id="toc-title"></h1>'
valid_ nav-heading-image-alt -- --replace $N "$TOC_HEAD" \
    '<h1 id="toc-title"><img src="images/1630582cb4.png" alt="Contents"/></h1>'
case_ nav-heading-p ERROR RSC-005 $N -- --replace $N "$TOC_HEAD" '<p id="toc-title">Contents</p>'
case_ nav-li-label-missing ERROR RSC-005 $N -- --replace $N "$FIRST" '<li><ol>'
case_ nav-li-label-empty ERROR RSC-005 $N -- --replace $N "$FIRST" '<li><span></span><ol>'
valid_ nav-li-label-images -- --replace $N "$FIRST" \
    '<li><span><img src="images/1630582cb4.png" alt="One"/><img src="images/4d5646245d.png" alt="Two"/></span><ol>'
case_ nav-li-leaf-span ERROR RSC-005 $N -- --replace $N "$LEAF" '<li><span>Tables</span></li>'
case_ nav-a-empty ERROR RSC-005 $N -- --replace $N "$LEAF" '<li><a href="text/ch002.xhtml#tables"></a></li>'
valid_ nav-a-images -- --replace $N "$LEAF" \
    '<li><a href="text/ch002.xhtml#tables"><img src="images/1630582cb4.png" alt="One"/><img src="images/4d5646245d.png" alt="Two"/></a></li>'
valid_ nav-a-aria-label -- --replace $N "$LEAF" \
    '<li><a href="text/ch002.xhtml#tables" aria-label="Tables"><img src="images/1630582cb4.png" alt=""/></a></li>'
case_ nav-a-span-empty ERROR RSC-005 $N -- --replace $N "$LEAF" \
    '<li><a href="text/ch002.xhtml#tables"><span></span></a></li>'
valid_ nav-a-spaces -- --replace $N "$LEAF" '<li><a href="text/ch002.xhtml#tables">  Tables  </a></li>'
case_ nav-ol-empty ERROR RSC-005 $N -- --replace $N '<ol><li><a href="text/ch001.xhtml#the-end">The End</a></li></ol>' '<ol></ol>'
case_ nav-text-in-li ERROR RSC-005 $N -- --replace $N "$LEAF" '<li>Tables <a href="text/ch002.xhtml#tables">Tables</a></li>'
case_ nav-links-out-of-spine ERROR RSC-011 $N -- --replace $O '<itemref idref="ch002"/>' ''
case_ nav-links-remote ERROR NAV-010 $N -- --replace $N 'href="text/ch002.xhtml#setup"' 'href="https://example.org/"'
case_ nav-links-to-css ERROR RSC-010 $N -- --replace $N 'href="text/ch002.xhtml#setup"' 'href="styles/book.css"'
case_ nav-landmarks-remote ERROR NAV-010 $N -- --replace $N 'epub:type="bodymatter" href="text/ch001.xhtml"' \
    'epub:type="bodymatter" href="https://example.org/"'

# 8.4.2 toc: a nested toc (in a section) is allowed
valid_ nav-toc-nested -- --replace $N '<nav epub:type="toc"' '<section><h2>Contents</h2><nav epub:type="toc"' \
    --replace $N '</nav>' '</nav></section>'

# 8.4.3 page-list
valid_ nav-page-list -- --replace $N "$LANDMARKS" "$PAGE_LIST$LANDMARKS"
case_ nav-page-list-twice ERROR RSC-005 $N -- --replace $N "$LANDMARKS" "$PAGE_LIST$PAGE_LIST$LANDMARKS"
case_ nav-page-list-nested WARNING RSC-017 $N -- --replace $N "$LANDMARKS" \
    '<nav epub:type="page-list"><ol><li><a href="text/ch001.xhtml">1</a><ol><li><a href="text/ch002.xhtml">2</a></li></ol></li></ol></nav>'"$LANDMARKS"
case_ nav-page-list-remote ERROR NAV-010 $N -- --replace $N "$LANDMARKS" \
    '<nav epub:type="page-list"><ol><li><a href="https://example.org/">1</a></li></ol></nav>'"$LANDMARKS"

# 8.4.4 landmarks
case_ nav-landmarks-type-missing ERROR RSC-005 $N -- --replace $N '<a epub:type="bodymatter" href' '<a href'
case_ nav-landmarks-twice ERROR RSC-005 $N -- --replace $N "$LANDMARKS" \
    '<nav epub:type="landmarks" hidden=""><ol><li><a epub:type="bodymatter" href="text/ch002.xhtml">2</a></li></ol></nav>'"$LANDMARKS"
valid_ nav-landmarks-type-twice -- --replace $N '<li><a epub:type="bodymatter" href="text/ch001.xhtml">图文并茂</a></li>' \
    '<li><a epub:type="bodymatter" href="text/ch001.xhtml">1</a></li><li><a epub:type="bodymatter" href="text/ch002.xhtml">2</a></li>'
case_ nav-landmarks-type-twice-same ERROR RSC-005 $N -- --replace $N '<li><a epub:type="bodymatter" href="text/ch001.xhtml">图文并茂</a></li>' \
    '<li><a epub:type="bodymatter" href="text/ch001.xhtml">1</a></li><li><a epub:type="bodymatter" href="Text/CH001.xhtml ">2</a></li>'
case_ nav-landmarks-nested WARNING RSC-017 $N -- --replace $N '<a epub:type="bodymatter" href="text/ch001.xhtml">图文并茂</a>' \
    '<a epub:type="bodymatter" href="text/ch001.xhtml">图文并茂</a><ol><li><a epub:type="index" href="text/ch002.xhtml">2</a></li></ol>'

# 8.4.5 other navs
valid_ nav-other-lot -- --replace $N "$LANDMARKS" \
    '<nav epub:type="lot"><h2>Tables</h2><ol><li><a href="text/ch002.xhtml#tables">Table</a></li></ol></nav>'"$LANDMARKS"
case_ nav-other-heading-missing ERROR RSC-005 $N -- --replace $N "$LANDMARKS" \
    '<nav epub:type="lot"><ol><li><a href="text/ch002.xhtml#tables">Table</a></li></ol></nav>'"$LANDMARKS"
valid_ nav-untyped-not-restricted -- --replace $N "$LANDMARKS" \
    '<nav><p>Also: <a href="text/ch002.xhtml">the details</a>.</p></nav>'"$LANDMARKS"

# 8.5 hidden
case_ nav-hidden-invalid ERROR RSC-005 $N -- --replace $N 'hidden="hidden"' 'hidden="true"'

# 7.3.2 toc: its links in reading order (NAV-011, a warning): the spine's,
# then the page's; a page-list's order is not checked (EPUBCheck 5)
CH1_ENTRY='<li><a href="text/ch001.xhtml">图文并茂</a><ol><li><a href="text/ch001.xhtml#the-end">The End</a></li></ol></li>'
TOC_END='</ol>
    </nav>'
case_ nav-toc-unordered-spine WARNING NAV-011 $N -- --replace $N "$CH1_ENTRY" '' \
    --replace $N "$TOC_END" '<li><a href="text/ch001.xhtml">图文并茂</a></li>'"$TOC_END"
case_ nav-toc-unordered-fragments WARNING NAV-011 $N -- --replace $N "$LEAF" '' \
    --replace $N '<li><a href="text/ch002.xhtml#setup">Setup</a></li>' \
    '<li><a href="text/ch002.xhtml#setup">Setup</a></li>'"$LEAF"
valid_ nav-toc-reading-order -- --replace $N "$LEAF" "$LEAF"'<li><a href="text/ch002.xhtml#sec-2">Again</a></li>'
valid_ nav-page-list-unordered -- --replace $N "$LANDMARKS" \
    '<nav epub:type="page-list" hidden=""><ol><li><a href="text/ch002.xhtml#setup">2</a></li><li><a href="text/ch001.xhtml">1</a></li><li><a href="text/ch002.xhtml#tables">3</a></li></ol></nav>'"$LANDMARKS"
