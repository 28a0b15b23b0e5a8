# XHTML content documents' ARIA (src/check/aria.c; w3c/epubcheck
# src/test/resources/epub3/06-content-document/content-document-xhtml.feature,
# its "ARIA" scenarios; aria-describedat and the deprecated roles are in
# xhtml_schema.sh). An area of its own: epubcheck-ts does not check ARIA,
# so each broken case waits for Java epubcheck, too long beside xhtml.sh's.
#
# One role token, one of ARIA's and DPUB-ARIA's, one the
# element may take (the schema's element -> roles rules); aria-*
# attributes of ARIA, global or of the element's role, with the values
# ARIA lists.
case_ xhtml-aria-role-unknown ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p role="foo">Fin.</p>'
case_ xhtml-aria-role-two-tokens ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p role="doc-chapter note">Fin.</p>'
case_ xhtml-aria-role-space ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p role=" note">Fin.</p>'
case_ xhtml-aria-role-a-href ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p><a href="ch002.xhtml" role="doc-chapter">Fin.</a></p>'
valid_ xhtml-aria-role-a-nohref -- --replace $C '<p>Fin.</p>' '<p><a role="doc-chapter">Fin.</a> <a href="ch002.xhtml" role="doc-noteref">1</a></p>'
case_ xhtml-aria-role-footer ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<footer role="doc-chapter"><p>Fin.</p></footer>'
valid_ xhtml-aria-roles-footer -- --replace $C '<p>Fin.</p>' '<footer role="doc-footnote"><p>Fin.</p></footer>'
case_ xhtml-aria-role-heading ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<h2 role="doc-chapter">Fin.</h2>'
valid_ xhtml-aria-roles-h1-h6 -- --replace $C '<p>Fin.</p>' '<h2 role="doc-subtitle">Fin.</h2><h6 role="doc-subtitle">Fin.</h6>'
case_ xhtml-aria-role-header ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<header role="doc-toc"><p>Fin.</p></header>'
valid_ xhtml-aria-roles-header -- --replace $C '<p>Fin.</p>' '<header role="doc-footnote"><p>Fin.</p></header>'
case_ xhtml-aria-role-img ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p><img src="../images/939f40be7f.gif" alt="x" role="doc-chapter"/></p>'
# (role="math" on img: EPUBCheck 5 takes it, as its aria-roles-img-valid
# scenario; 4.2.6 did not)
valid_ xhtml-aria-roles-img -- --replace $C '<p>Fin.</p>' \
    '<p><img src="../images/939f40be7f.gif" alt="cover" role="doc-cover"/><img src="../images/939f40be7f.gif" alt="x+1" role="math"/></p>'
case_ xhtml-aria-role-nav ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<nav role="doc-chapter"><p>Fin.</p></nav>'
valid_ xhtml-aria-roles-nav -- --replace $C '<p>Fin.</p>' '<nav role="doc-index"><p>Fin.</p></nav><nav role="doc-pagelist"><p>Fin.</p></nav>'
case_ xhtml-aria-role-section ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<section role="doc-cover"><p>Fin.</p></section>'
valid_ xhtml-aria-roles-section -- --replace $C '<p>Fin.</p>' '<section role="doc-appendix"><p>Fin.</p></section><section role="doc-epigraph"><p>Fin.</p></section>'
case_ xhtml-aria-role-aside ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<aside role="doc-chapter"><p>Fin.</p></aside>'
case_ xhtml-aria-role-hr ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<hr role="doc-chapter"/><p>Fin.</p>'
valid_ xhtml-aria-roles-any -- --replace $C '<p>Fin.</p>' '<hr role="doc-pagebreak" aria-label="2"/><div role="doc-chapter"><p role="doc-epigraph">Fin.</p></div>'
valid_ xhtml-aria-svg -- --replace $O 'href="text/ch001.xhtml" media-type="application/xhtml+xml"' \
    'href="text/ch001.xhtml" media-type="application/xhtml+xml" properties="svg"' --replace $C '<p>Fin.</p>' \
    '<p><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" role="img" aria-label="dot"><circle cx="5" cy="5" r="4" aria-hidden="true"/></svg>Fin.</p>'
# aria-* attributes: ARIA's, of the role, with their values
case_ xhtml-aria-attribute-unknown ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p aria-foo="x">Fin.</p>'
case_ xhtml-aria-attribute-of-other-role ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p aria-checked="true">Fin.</p>'
case_ xhtml-aria-value-keyword ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p aria-hidden="maybe">Fin.</p>'
case_ xhtml-aria-value-spaces ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<p aria-hidden=" true ">Fin.</p>'
case_ xhtml-aria-value-integer ERROR RSC-005 $C -- --replace $C '<p>Fin.</p>' '<ul><li role="listitem" aria-level="0">Fin.</li></ul>'
# (aria-setsize="-1": ARIA 1.2's "unknown", taken by EPUBCheck 5, not 4.2.6)
valid_ xhtml-aria-attributes -- --replace $C '<p>Fin.</p>' \
    '<ul><li aria-level="2" aria-setsize="-1">Fin.</li></ul><p role="checkbox" aria-checked="mixed" aria-hidden="true">Fin.</p>'
