# The OCF container and file names (EPUBCheck's 04-ocf/ocf.feature,
# filename-checker.feature, container-publication.feature).

# A manifest item for each of the names given (text/css, unreferenced).
items_() {
    local out="" n=0 href
    for href; do
        n=$((n + 1))
        out+="<item id=\"ocf$n\" href=\"$href\" media-type=\"text/css\"/>"
    done
    printf '%s' "$out"
}
NFC=$'\xc3\xa9'  # é, one code point
NFD=$'e\xcc\x81' # é, e and a combining acute

# 4.1.3 File names: duplicates after full case folding and after
# canonical (NFC) normalization are one file to some file systems...
case_ ocf-dup-full-case-folding ERROR OPF-060 - -- \
    --add 'EPUB/styles/Straße.css' 'p {}' --add 'EPUB/styles/STRASSE.css' 'p {}' \
    --replace $O '<manifest>' "<manifest>$(items_ styles/Straße.css styles/STRASSE.css)"
case_ ocf-dup-canonical-normalization ERROR OPF-060 - -- \
    --add "EPUB/styles/$NFC.css" 'p {}' --add "EPUB/styles/$NFD.css" 'p {}' \
    --replace $O '<manifest>' "<manifest>$(items_ "styles/$NFC.css")"
# ...those equal only after compatibility normalization (NFKC) are not.
valid_ ocf-dup-compatibility-normalization-valid -- \
    --add 'EPUB/styles/x².css' 'p {}' --add 'EPUB/styles/x2.css' 'p {}' \
    --replace $O '<manifest>' "<manifest>$(items_ styles/x².css styles/x2.css)"
# An href finds its file whichever normalization form either is in
# (EPUBCheck 5's ocf-container-filename-character-composition-valid:
# percent-encoded, since epubcheck-ts normalizes only hrefs it decoded).
valid_ ocf-href-nfd-file-nfc-valid -- --add "EPUB/styles/$NFC.css" 'p {}' \
    --replace $O '<manifest>' "<manifest>$(items_ "styles/e%CC%81.css")"
valid_ ocf-href-nfc-file-nfd-valid -- --add "EPUB/styles/$NFD.css" 'p {}' \
    --replace $O '<manifest>' "<manifest>$(items_ "styles/$NFC.css")"
# Non-ASCII names (PKG-012 is USAGE: not reported), '+', an emoji tag
# sequence.
valid_ ocf-filename-utf8-valid -- --add 'EPUB/styles/ideograph-䀀.css' 'p {}' \
    --replace $O '<manifest>' "<manifest>$(items_ 'styles/ideograph-䀀.css')"
valid_ ocf-filename-plus-valid -- --add 'EPUB/styles/a+b.css' 'p {}' \
    --replace $O '<manifest>' "<manifest>$(items_ 'styles/a+b.css')"
valid_ ocf-filename-emoji-tag-sequence-valid -- --add 'EPUB/styles/🏴󠁧󠁢󠁥󠁮󠁧󠁿.css' 'p {}' \
    --replace $O '<manifest>' "<manifest>$(items_ 'styles/🏴󠁧󠁢󠁥󠁮󠁧󠁿.css')"
case_ ocf-filename-forbidden-non-publication-resource ERROR PKG-009 'EPUB/a:b' -- \
    --add 'EPUB/a:b' x
case_ ocf-filename-thin-space WARNING PKG-010 $'EPUB/styles/a\u2009b.css' -- \
    --add $'EPUB/styles/a\u2009b.css' 'p {}' \
    --replace $O '<manifest>' "<manifest>$(items_ $'styles/a\u2009b.css')"

# 4.1.6.3.1 container.xml: its schema (RSC-005), its rootfile (OPF-016,
# OPF-017, OPF-002).
K=META-INF/container.xml
case_ ocf-container-unknown-element ERROR RSC-005 $K -- --replace $K '</rootfiles>' '</rootfiles><foo/>'
case_ ocf-container-unknown-attribute ERROR RSC-005 $K -- --replace $K '<rootfiles>' '<rootfiles id="r">'
case_ ocf-container-no-version ERROR RSC-005 $K -- --replace $K 'container version="1.0"' 'container'
case_ ocf-container-wrong-version ERROR RSC-005 $K -- \
    --replace $K 'container version="1.0"' 'container version="2.0"'
# (with no package to check, EPUBCheck says only RSC-003)
case_ ocf-container-no-rootfiles ERROR RSC-003 $K -- --replace $K 'rootfiles>' 'links>' \
    --replace $K '<rootfile ' '<link rel="x" ' --replace $K '</rootfiles>' '</links>'
case_ ocf-container-empty-rootfiles ERROR RSC-005 $K -- --replace $K '<rootfiles>' \
    '<rootfiles/><rootfiles>'
case_ ocf-container-links-first ERROR RSC-005 $K -- \
    --replace $K '<rootfiles>' '<links><link href="x" rel="mapping"/></links><rootfiles>'
case_ ocf-container-rootfile-no-full-path ERROR OPF-016 $K -- --replace $K 'full-path=' 'fullpath='
case_ ocf-container-rootfile-empty-full-path ERROR OPF-017 $K -- \
    --replace $K 'full-path="EPUB/package.opf"' 'full-path=""'
case_ ocf-container-wrong-root ERROR RSC-005 $K -- --replace $K '<container ' '<box ' \
    --replace $K '</container>' '</box>'
valid_ ocf-container-links-valid -- \
    --replace $K '</rootfiles>' '</rootfiles><links><link href="EPUB/package.opf" rel="x"/></links>'
case_ ocf-package-document-missing ERROR OPF-002 $K -- --delete $O

# 4.1.6.3.2 encryption.xml, 4.3 font obfuscation.
E=META-INF/encryption.xml
PNG=EPUB/images/1630582cb4.png
# encryption.xml encrypting URI with the algorithm ALGORITHM (and Id ID).
enc_() {
    printf '%s' '<?xml version="1.0" encoding="UTF-8"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
 xmlns:enc="http://www.w3.org/2001/04/xmlenc#">'
    while [ $# -ge 3 ]; do
        printf '<enc:EncryptedData Id="%s"><enc:EncryptionMethod Algorithm="%s"/>' "$3" "$2"
        printf '<enc:CipherData><enc:CipherReference URI="%s"/></enc:CipherData>' "$1"
        printf '</enc:EncryptedData>\n'
        shift 3
    done
    printf '</encryption>\n'
}
IDPF=http://www.idpf.org/2008/embedding
AES=http://www.w3.org/2001/04/xmlenc#aes256-cbc
FONT_ITEM='<item id="f1" href="fonts/f.otf" media-type="font/otf"/>'
valid_ ocf-obfuscation-valid -- --add EPUB/fonts/f.otf 'OTTO not a real font' \
    --replace $O '<manifest>' "<manifest>$FONT_ITEM" --add $E "$(enc_ EPUB/fonts/f.otf $IDPF f1)"
case_ ocf-obfuscation-not-font ERROR PKG-026 $E -- --add $E "$(enc_ $PNG $IDPF e1)"
case_ ocf-obfuscation-not-cmt ERROR PKG-026 $E -- --add EPUB/fonts/f.xfont 'a font' \
    --replace $O '<manifest>' '<manifest><item id="f1" href="fonts/f.xfont" media-type="application/x-font-x"/>' \
    --add $E "$(enc_ EPUB/fonts/f.xfont $IDPF f1)"
# A file encrypted by an algorithm we do not know is not read (RSC-004 is
# INFO in EPUBCheck 5, ERROR in 4.2.6): a broken image is not reported
# (epubcheck-ts reads it all the same).
valid_ ocf-encryption-unknown-valid -- --add $E "$(enc_ $PNG $AES e1)"
ours_ ocf-encryption-unknown-not-read 'ocf-encryption-unknown-not-read.epub: 0 errors, 0 warnings' -- \
    --delete $PNG --add $PNG 'not a PNG' --add $E "$(enc_ $PNG $AES e1)"
# (EPUBCheck 5's OCFEncryptionFileHandler: RSC-007 for a file not there)
ours_ ocf-encryption-missing-resource "$E:3: ERROR RSC-007" -- \
    --add $E "$(enc_ EPUB/nothere.otf $IDPF e1)"
case_ ocf-encryption-content-model ERROR RSC-005 $E -- \
    --add $E '<?xml version="1.0"?><foo xmlns="urn:oasis:names:tc:opendocument:xmlns:container"/>'
case_ ocf-encryption-wrong-child ERROR RSC-005 $E -- \
    --add $E '<?xml version="1.0"?><encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><x/></encryption>'
case_ ocf-encryption-duplicate-ids ERROR RSC-005 $E -- \
    --add EPUB/fonts/f.otf 'OTTO' --add EPUB/fonts/g.otf 'OTTO' \
    --replace $O '<manifest>' "<manifest>$FONT_ITEM"'<item id="f2" href="fonts/g.otf" media-type="font/otf"/>' \
    --add $E "$(enc_ EPUB/fonts/f.otf $IDPF dup EPUB/fonts/g.otf $IDPF dup)"
case_ ocf-encryption-compression-invalid ERROR RSC-005 $E -- \
    --add $E "$(enc_ $PNG $AES e1 | sed 's|</enc:CipherData>|</enc:CipherData><enc:EncryptionProperties><enc:EncryptionProperty xmlns:c="http://www.idpf.org/2016/encryption#compression"><c:Compression Method="3" OriginalLength=""/></enc:EncryptionProperty></enc:EncryptionProperties>|')"

# 4.1.6.3.6 signatures.xml
S=META-INF/signatures.xml
case_ ocf-signatures-content-model ERROR RSC-005 $S -- \
    --add $S '<?xml version="1.0"?><foo xmlns="urn:oasis:names:tc:opendocument:xmlns:container"/>'
valid_ ocf-signatures-valid -- --add $S '<?xml version="1.0"?>
<signatures xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>
<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>
<SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/>
<Reference URI="#x"><DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>
<DigestValue>AA==</DigestValue></Reference></SignedInfo><SignatureValue>AA==</SignatureValue>
</Signature></signatures>'

# The book's own name: ".ePub" is warned about (PKG-016); an empty file
# and a truncated zip cannot be read (PKG-003, PKG-008).
cp good.epub ocf-extension-not-lower-case.ePub
report=$("$octavo" check ocf-extension-not-lower-case.ePub)
grep -Fq 'ocf-extension-not-lower-case.ePub: WARNING PKG-016' <<<"$report" ||
    fail "ocf-extension-not-lower-case: no PKG-016 in: $report"
if [ -n "$ts" ]; then
    theirs=$("$ts" ocf-extension-not-lower-case.ePub 2>&1)
    grep -q PKG-016 <<<"$theirs" || [ $have_java -eq 0 ] ||
        theirs=$(java -Xss64m -jar /usr/bin/epubcheck ocf-extension-not-lower-case.ePub 2>&1)
    grep -q PKG-016 <<<"$theirs" || fail "ocf-extension-not-lower-case: neither epubcheck reports PKG-016: $theirs"
fi
echo "ok: ocf-extension-not-lower-case"
: >ocf-zip-unreadable-empty.epub
report=$("$octavo" check ocf-zip-unreadable-empty.epub)
grep -Fq 'ERROR PKG-003' <<<"$report" && grep -Fq 'ERROR PKG-008: cannot open the book: the zip file is empty' <<<"$report" ||
    fail "ocf-zip-unreadable-empty: not PKG-003 and PKG-008: $report"
echo "ok: ocf-zip-unreadable-empty"

# 4.1.5 URLs in the container: none leaves it (RSC-026; what climbs past
# the root stays there, so the file is still found), none has a query
# (RSC-033).
case_ ocf-url-leaking-in-opf ERROR RSC-026 $O -- \
    --replace $O 'href="text/ch002.xhtml"' 'href="../../../../EPUB/text/ch002.xhtml"' \
    --replace $O 'href="styles/book.css"' 'href="styles/../../../../EPUB/styles/book.css"'
case_ ocf-url-path-absolute ERROR RSC-026 $O -- \
    --replace $O 'href="text/ch002.xhtml"' 'href="/EPUB/text/ch002.xhtml"'
case_ ocf-url-query-in-package-item ERROR RSC-033 $O -- \
    --replace $O 'href="text/ch002.xhtml"' 'href="text/ch002.xhtml?x=1"'

# 4.2.3 The mimetype file: exactly "application/epub+zip" (PKG-007);
# 4.1.2 no publication resource in META-INF (PKG-025).
case_ ocf-mimetype-leading-spaces ERROR PKG-007 mimetype -- --replace mimetype application '  application'
case_ ocf-mimetype-trailing-newline ERROR PKG-007 mimetype -- --replace mimetype epub+zip $'epub+zip\n'
case_ ocf-mimetype-trailing-spaces ERROR PKG-007 mimetype -- --replace mimetype epub+zip 'epub+zip  '
case_ ocf-meta-inf-with-publication-resource ERROR PKG-025 $O -- --add META-INF/extra.css 'p {}' \
    --replace $O '<manifest>' '<manifest><item id="x" href="../META-INF/extra.css" media-type="text/css"/>'

# 4.2.3 the mimetype entry has no extra field in its zip headers (PKG-005).
case_ ocf-zip-mimetype-entry-extra-field ERROR PKG-005 mimetype -- --extra mimetype
# Font obfuscation is outdated: a usage (OBS-001).
usage_ ocf-outdated-obfuscation 'font obfuscation' -- --add EPUB/fonts/f.otf 'OTTO not a real font' \
    --replace $O '<manifest>' "<manifest>$FONT_ITEM" --add $E "$(enc_ EPUB/fonts/f.otf $IDPF f1)"
# C. The book's own name: an extension other than ".epub" is uncommon,
# INFO for EPUB 3 (PKG-024: in --json only), a warning for EPUB 2 (PKG-017).
# (epubcheck 4.2.6 checks a .zip only with --mode, epubcheck-ts does not say it)
cp good.epub ocf-extension-uncommon.zip
report=$("$octavo" check ocf-extension-uncommon.zip)
[ $? -eq 0 ] && [ "$report" = "ocf-extension-uncommon.zip: 0 errors, 0 warnings" ] ||
    fail "ocf-extension-uncommon: octavo check finds: $report"
grep -Fq '"severity":"usage","code":"PKG-024"' <<<"$("$octavo" check --json ocf-extension-uncommon.zip)" ||
    fail "ocf-extension-uncommon: no usage PKG-024"
echo "ok: ocf-extension-uncommon (usage PKG-024)"
"$edit" good.epub ocf-extension-uncommon-epub2.zip --replace $O 'version="3.0"' 'version="2.0"'
grep -Fq 'ocf-extension-uncommon-epub2.zip: WARNING PKG-017' <<<"$("$octavo" check ocf-extension-uncommon-epub2.zip)" ||
    fail "ocf-extension-uncommon-epub2: no PKG-017"
echo "ok: ocf-extension-uncommon-epub2 (WARNING PKG-017)"

# 4.1.6.3.2 what an EncryptedData holds, as XML Encryption's schema says
# (RSC-005): a method, a key, the cipher data (required), properties, in
# that order, and their attributes. (epubcheck 4.2.6 says these.)
ENC_HEAD='<?xml version="1.0" encoding="UTF-8"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container"
 xmlns:enc="http://www.w3.org/2001/04/xmlenc#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
METHOD="<enc:EncryptionMethod Algorithm=\"$AES\"/>"
CIPHER="<enc:CipherData><enc:CipherReference URI=\"$PNG\"/></enc:CipherData>"
case_ ocf-encryption-data-incomplete ERROR RSC-005 $E -- \
    --add $E "$ENC_HEAD<enc:EncryptedData>$METHOD</enc:EncryptedData></encryption>"
case_ ocf-encryption-data-out-of-order ERROR RSC-005 $E -- \
    --add $E "$ENC_HEAD<enc:EncryptedData>$CIPHER$METHOD</enc:EncryptedData></encryption>"
case_ ocf-encryption-method-no-algorithm ERROR RSC-005 $E -- \
    --add $E "$ENC_HEAD<enc:EncryptedData><enc:EncryptionMethod/>$CIPHER</enc:EncryptedData></encryption>"
case_ ocf-encryption-data-unknown-attribute ERROR RSC-005 $E -- \
    --add $E "$ENC_HEAD<enc:EncryptedData Foo=\"x\">$CIPHER</enc:EncryptedData></encryption>"
valid_ ocf-encryption-data-full-valid -- --add $E "$ENC_HEAD<enc:EncryptedData Id=\"d1\">$METHOD<ds:KeyInfo><ds:KeyName>k</ds:KeyName></ds:KeyInfo>$CIPHER<enc:EncryptionProperties><enc:EncryptionProperty><x xmlns=\"http://example.org/\"/></enc:EncryptionProperty></enc:EncryptionProperties></enc:EncryptedData></encryption>"
