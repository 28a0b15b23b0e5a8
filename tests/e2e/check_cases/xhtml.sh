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
