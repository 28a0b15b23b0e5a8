# The area runner itself: one broken and one valid book.
case_ area-smoke-missing-link ERROR RSC-007 $C -- --replace $C 'href="ch002.xhtml"' 'href="ch009.xhtml"'
valid_ area-smoke-valid -- --add EPUB/.DS_Store 'x'
