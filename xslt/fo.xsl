<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: the release as XSL-FO 1.1, laid out like the printed document.

  The output uses only the subset of XSL-FO that communique's PDF renderer
  implements (docs/pdf.md lists every element and property); Apache FOP
  renders the same file: fop -fo release.fo -pdf release.pdf

  Parameters
    page-size   a4 (default), a5 or letter, in any case (A5); anything else
                stops the transformation with a message
    pdf-tagged  true (default) or false: read by communique's PDF renderer
                (false: an untagged PDF, docs/pdf.md), not by this stylesheet;
                declared here so that the command knows the name

  Layout: the national header (state, motto) and the issuer centred, the
  organisations bold; the reference and the genre label centred; the
  headline centred and bold, kept with the first paragraph; justified body
  paragraphs; subheadings bold and kept with what follows; lists with their
  markers counted in the list's own style (1. 2.; (a) (b); I. II.; a bullet
  repeated); quotes indented; the dateline where it stood in the release
  (an end dateline set to the right and kept with the last paragraph); the
  closing block; "Page 1 of 2" in the footer of every page, in the
  release's language (Khmer, with Khmer digits; Thai, Lao, Vietnamese,
  Malay, Indonesian, Filipino, Burmese, Chinese; else English).

  Metadata for the PDF's document information and XMP travel in
  fo:declarations as an x:xmpmeta packet (the convention Apache FOP reads):
  dc:title (headline), dc:creator (one rdf:li per issuing organisation),
  dc:description (the genre label), dc:language (the release's xml:lang)
  and xmp:CreateDate (the dateline's date). fo:root carries xml:lang.

  Fonts: Latin text in Liberation Serif (DejaVu Serif when it is missing);
  a Khmer release uses Khmer OS Muol Light for the national header, the
  issuing organisation and the genre label (as html.xsl does) and Khmer OS
  Battambang (else Noto Serif Khmer) for everything else. A paragraph in another language than the release's
  carries its xml:lang and that language's fonts and leading. Characters
  none of the named fonts has are found by the renderer's fallback.

  XSLT 1.0, no extensions (the PDF tests run it with libxslt alone).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format"
                xmlns:r="urn:communique:release:1"
                exclude-result-prefixes="r">

  <!-- The metadata's namespaces (x, rdf, dc, xmp) are declared where they
       are used, on fo:root (which carries them all, fo first, as the output
       always has) and on the metadata template, not here: for each element
       a template writes at its top level, libxslt looks up every namespace
       in scope of the template in the result tree, which every template
       would pay for four times over. -->

  <!-- a table's columns, a figure's text (layout.xsl); mode plain, the
       run-in dateline, a table's heading rows (common.xsl, which layout.xsl
       includes) -->
  <xsl:include href="layout.xsl"/>
  <!-- marker (and the counting behind it): markers.xsl -->
  <xsl:include href="markers.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="page-size" select="'a4'"/>
  <xsl:param name="pdf-tagged" select="'true'"/>

  <!-- ================================================================== -->
  <!-- Language and fonts                                                  -->
  <!-- ================================================================== -->

  <xsl:variable name="lang" select="string(/r:release/@xml:lang)"/>
  <xsl:variable name="khmer" select="$lang = 'km' or starts-with($lang, 'km-')"/>

  <!-- XSLT 1.0 has no conditional expression. What depends on the
       language is chosen below between two strings with substring(s, 1 div
       c), which is s when c is true (1 div 1) and '' when it is false
       (1 div 0 is Infinity, past the end): an expression, where content
       (xsl:choose) would build a result tree anew for every release. Every
       global variable is evaluated for every release, used or not, so what
       only fo:root uses is written there rather than named here. -->

  <!-- Text's faces and leading (1.75 for Khmer, 1.35 for Latin): Khmer
       stacks vowels and subscript consonants above and below the line, and
       needs more leading than Latin. The release's language chooses them
       for fo:root; a paragraph's in another language for that paragraph
       (mode language). -->
  <xsl:variable name="latin-fonts" select="'Liberation Serif, DejaVu Serif, serif'"/>
  <xsl:variable name="khmer-fonts" select="'Khmer OS Battambang, Noto Serif Khmer, Liberation Serif, serif'"/>
  <!-- The face of the national header and the issuing organisation. -->
  <xsl:variable name="header-fonts"
                select="concat(substring('Khmer OS Muol Light, Noto Serif Khmer, Liberation Serif, serif', 1 div $khmer),
                               substring($latin-fonts, 1 div not($khmer)))"/>
  <!-- Khmer OS Muol Light is a display face with no bold; it is set at
       normal weight, as printed. -->
  <xsl:variable name="header-weight" select="concat(substring('normal', 1 div $khmer), substring('bold', 1 div not($khmer)))"/>

  <!-- ================================================================== -->
  <!-- The document                                                        -->
  <!-- ================================================================== -->

  <xsl:template match="/r:release">
    <fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" xmlns:x="adobe:ns:meta/"
             xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
             xmlns:xmp="http://ns.adobe.com/xap/1.0/"
             xml:lang="{$lang}"
             font-family="{concat(substring($khmer-fonts, 1 div $khmer), substring($latin-fonts, 1 div not($khmer)))}"
             font-size="11pt" line-height="{concat(substring('1.75', 1 div $khmer), substring('1.35', 1 div not($khmer)))}"
             widows="2" orphans="2">
      <fo:layout-master-set>
        <!-- The page-size parameter in any case: the page's width and height,
             its margins, the body's bottom margin (the room the footer takes)
             and the footer's height. -->
        <xsl:variable name="page" select="translate($page-size, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
        <xsl:choose>
          <xsl:when test="$page = 'a4'">
            <fo:simple-page-master master-name="page" page-width="210mm" page-height="297mm"
                                   margin-top="20mm" margin-bottom="12mm" margin-left="25mm" margin-right="25mm">
              <fo:region-body margin-bottom="16mm"/>
              <fo:region-after extent="10mm"/>
            </fo:simple-page-master>
          </xsl:when>
          <xsl:when test="$page = 'a5'">
            <fo:simple-page-master master-name="page" page-width="148mm" page-height="210mm"
                                   margin-top="15mm" margin-bottom="10mm" margin-left="18mm" margin-right="18mm">
              <fo:region-body margin-bottom="13mm"/>
              <fo:region-after extent="8mm"/>
            </fo:simple-page-master>
          </xsl:when>
          <xsl:when test="$page = 'letter'">
            <fo:simple-page-master master-name="page" page-width="8.5in" page-height="11in"
                                   margin-top="0.8in" margin-bottom="0.5in" margin-left="1in" margin-right="1in">
              <fo:region-body margin-bottom="0.6in"/>
              <fo:region-after extent="0.4in"/>
            </fo:simple-page-master>
          </xsl:when>
          <xsl:otherwise>
            <xsl:message terminate="yes">page-size '<xsl:value-of select="$page-size"/>' is not a4, a5 or letter</xsl:message>
          </xsl:otherwise>
        </xsl:choose>
      </fo:layout-master-set>
      <xsl:call-template name="metadata"/>
      <!-- Page numbers in Khmer digits in a Khmer release (format="&#x17E1;"). -->
      <fo:page-sequence master-reference="page"
                        format="{concat(substring('&#x17E1;', 1 div $khmer), substring('1', 1 div not($khmer)))}">
        <fo:static-content flow-name="xsl-region-after">
          <fo:block text-align="center" font-size="9pt" line-height="1.2">
            <xsl:call-template name="footer"/>
          </fo:block>
        </fo:static-content>
        <fo:flow flow-name="xsl-region-body">
          <xsl:apply-templates select="r:header"/>
          <xsl:apply-templates select="r:dateline[@position = 'top']" mode="block"/>
          <xsl:apply-templates select="r:headline | r:subheadline"/>
          <xsl:apply-templates select="r:dateline[@position = 'under-headline']" mode="block"/>
          <xsl:apply-templates select="r:body/*"/>
          <xsl:apply-templates select="r:dateline[@position = 'end' or
                                                  (@position = 'run-in' and not(../r:body/*[1][self::r:p]))]"
                               mode="block"/>
          <xsl:apply-templates select="r:closing/*"/>
          <!-- The last page's number, for "of N" in the footer. -->
          <fo:block id="cq-last"/>
        </fo:flow>
      </fo:page-sequence>
    </fo:root>
  </xsl:template>

  <!-- The footer, "Page 1 of 2" in the release's language (Khmer's by
       $khmer, the others' by the primary subtag, Chinese's by script or
       region too), the numbers the renderer's. -->
  <xsl:template name="footer">
    <xsl:variable name="lower-lang"
                  select="translate($lang, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:variable name="primary-lang" select="substring-before(concat($lower-lang, '-'), '-')"/>
    <xsl:choose>
      <xsl:when test="$khmer">ទំព័រ <fo:page-number/> នៃ <fo:page-number-citation ref-id="cq-last"/></xsl:when>
      <!-- A language none of the tests below names (English's footer, as
           the otherwise) found by one test rather than after all of them. -->
      <xsl:when test="not(contains('|th|lo|vi|ms|id|fil|tl|my|zh|', concat('|', $primary-lang, '|')))"
        >Page <fo:page-number/> of <fo:page-number-citation ref-id="cq-last"/></xsl:when>
      <xsl:when test="$primary-lang = 'th'">หน้า <fo:page-number/> จาก <fo:page-number-citation ref-id="cq-last"/></xsl:when>
      <xsl:when test="$primary-lang = 'lo'">ໜ້າ <fo:page-number/> ຈາກ <fo:page-number-citation ref-id="cq-last"/></xsl:when>
      <xsl:when test="$primary-lang = 'vi'">Trang <fo:page-number/> / <fo:page-number-citation ref-id="cq-last"/></xsl:when>
      <xsl:when test="$primary-lang = 'ms'">Halaman <fo:page-number/> daripada <fo:page-number-citation ref-id="cq-last"/></xsl:when>
      <xsl:when test="$primary-lang = 'id'">Halaman <fo:page-number/> dari <fo:page-number-citation ref-id="cq-last"/></xsl:when>
      <xsl:when test="$primary-lang = 'fil' or $primary-lang = 'tl'">Pahina <fo:page-number/> ng <fo:page-number-citation ref-id="cq-last"/></xsl:when>
      <xsl:when test="$primary-lang = 'my'">စာမျက်နှာ <fo:page-number/> / <fo:page-number-citation ref-id="cq-last"/></xsl:when>
      <xsl:when test="$primary-lang = 'zh' and (contains($lower-lang, '-hant') or contains($lower-lang, '-tw') or
                                               contains($lower-lang, '-hk') or contains($lower-lang, '-mo'))"
        >第<fo:page-number/>頁，共<fo:page-number-citation ref-id="cq-last"/>頁</xsl:when>
      <xsl:when test="$primary-lang = 'zh'">第<fo:page-number/>页，共<fo:page-number-citation ref-id="cq-last"/>页</xsl:when>
      <xsl:otherwise>Page <fo:page-number/> of <fo:page-number-citation ref-id="cq-last"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Metadata                                                            -->
  <!-- ================================================================== -->

  <xsl:template name="metadata"
                xmlns:x="adobe:ns:meta/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
    <fo:declarations>
      <x:xmpmeta>
        <rdf:RDF>
          <rdf:Description rdf:about="">
            <dc:title><xsl:apply-templates select="r:headline" mode="plain"/></dc:title>
            <dc:creator>
              <rdf:Seq>
                <xsl:for-each select="r:header/r:issuer/r:organisation">
                  <rdf:li><xsl:apply-templates select="." mode="plain"/></rdf:li>
                </xsl:for-each>
              </rdf:Seq>
            </dc:creator>
            <xsl:if test="r:header/r:genre">
              <dc:description><xsl:apply-templates select="r:header/r:genre" mode="plain"/></dc:description>
            </xsl:if>
            <dc:language><xsl:value-of select="$lang"/></dc:language>
          </rdf:Description>
          <rdf:Description rdf:about="">
            <xmp:CreateDate><xsl:value-of select="concat(r:dateline/r:date/@when, 'T00:00:00Z')"/></xmp:CreateDate>
          </rdf:Description>
        </rdf:RDF>
      </x:xmpmeta>
    </fo:declarations>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Header                                                              -->
  <!-- ================================================================== -->

  <xsl:template match="r:header">
    <xsl:apply-templates select="r:state | r:motto | r:issuer/* | r:lunar-date | r:reference | r:genre | r:embargo"/>
  </xsl:template>

  <xsl:template match="r:state | r:motto">
    <fo:block text-align="center" font-family="{$header-fonts}" font-size="12pt"
              font-weight="{$header-weight}" keep-with-next="always">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="r:organisation">
    <fo:block text-align="center" font-family="{$header-fonts}" font-size="11.5pt"
              font-weight="{$header-weight}" keep-with-next="always">
      <xsl:if test="not(preceding-sibling::r:organisation[1])">
        <xsl:attribute name="space-before">14pt</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="r:unit | r:lunar-date | r:embargo">
    <fo:block text-align="center" keep-with-next="always">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="r:reference">
    <fo:block text-align="center" space-before="8pt" keep-with-next="always">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="r:genre">
    <fo:block text-align="center" font-size="13pt" space-before="18pt" keep-with-next="always">
      <xsl:if test="$khmer">
        <xsl:attribute name="font-family"><xsl:value-of select="$header-fonts"/></xsl:attribute>
      </xsl:if>
      <xsl:attribute name="font-weight"><xsl:value-of select="$header-weight"/></xsl:attribute>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Headline, body                                                      -->
  <!-- ================================================================== -->

  <!-- role (XSL-FO 1.1's accessibility property): the block's structure type
       in a tagged PDF (communique's renderer; FOP's too, with fop -a). -->
  <xsl:template match="r:headline">
    <fo:block role="H1" text-align="center" font-size="13pt" font-weight="bold" space-before="12pt"
              keep-with-next="always">
      <xsl:if test="not(../r:subheadline)">
        <xsl:attribute name="space-after">12pt</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="r:subheadline">
    <fo:block text-align="center" font-style="italic" space-after="12pt"
              keep-with-next="always">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="r:p">
    <fo:block text-align="justify" space-before="7pt">
      <xsl:apply-templates select="@xml:lang" mode="language"/>
      <!-- $run-in-paragraph alone first: most releases have none. -->
      <xsl:if test="$run-in-paragraph and count(. | $run-in-paragraph) = count($run-in-paragraph)">
        <xsl:apply-templates select="$run-in" mode="run-in"/>
      </xsl:if>
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="r:subheading">
    <fo:block role="H2" font-weight="bold" space-before="12pt" keep-with-next="always">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- Quoted words: indented on both sides by 10 mm for each level. -->
  <xsl:template match="r:quote">
    <xsl:variable name="indent" select="10 * count(ancestor-or-self::r:quote)"/>
    <fo:block role="BlockQuote" start-indent="{$indent}mm" end-indent="{$indent}mm" space-before="7pt">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!--
    Tables: the full measure, the columns in proportion to their shares
    (layout.xsl), thin rules around the cells. Heading rows that open the
    table are its fo:table-header, in bold. A caption is a line above it.
  -->
  <xsl:template match="r:table">
    <xsl:if test="r:caption">
      <fo:block font-style="italic" space-before="7pt" keep-with-next="always">
        <xsl:apply-templates select="r:caption/node()"/>
      </fo:block>
    </xsl:if>
    <xsl:variable name="head" select="key('table-head', generate-id())"/>
    <xsl:variable name="widest">
      <xsl:apply-templates select="." mode="widest-row"/>
    </xsl:variable>
    <fo:table table-layout="fixed" width="100%" space-before="7pt">
      <xsl:if test="r:caption">
        <xsl:attribute name="keep-with-previous">always</xsl:attribute>
      </xsl:if>
      <xsl:for-each select="r:row[number($widest)]/r:cell">
        <fo:table-column>
          <xsl:attribute name="column-width">
            <xsl:text>proportional-column-width(</xsl:text>
            <xsl:apply-templates select="." mode="column-share"/>
            <xsl:text>)</xsl:text>
          </xsl:attribute>
        </fo:table-column>
      </xsl:for-each>
      <xsl:if test="$head">
        <fo:table-header>
          <xsl:apply-templates select="$head"/>
        </fo:table-header>
      </xsl:if>
      <fo:table-body>
        <xsl:apply-templates select="r:row[count(. | $head) != count($head)]"/>
      </fo:table-body>
    </fo:table>
  </xsl:template>

  <xsl:template match="r:row">
    <fo:table-row>
      <!-- Headings are not left alone at the foot of a page. -->
      <xsl:if test="@header = 'true'">
        <xsl:attribute name="font-weight">bold</xsl:attribute>
        <xsl:attribute name="keep-with-next">always</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </fo:table-row>
  </xsl:template>

  <xsl:template match="r:cell">
    <fo:table-cell border="0.5pt solid #808080" padding="3pt">
      <fo:block>
        <xsl:choose>
          <xsl:when test="@align = 'right'">
            <xsl:attribute name="text-align">end</xsl:attribute>
          </xsl:when>
          <xsl:when test="@align = 'centre'">
            <xsl:attribute name="text-align">center</xsl:attribute>
          </xsl:when>
        </xsl:choose>
        <xsl:apply-templates/>
      </fo:block>
    </fo:table-cell>
  </xsl:template>

  <!-- A figure is its text (layout.xsl) centred, its caption under it. -->
  <xsl:template match="r:figure">
    <fo:block text-align="center" space-before="7pt" keep-together.within-page="always">
      <fo:block font-style="italic">
        <xsl:apply-templates select="." mode="image-text"/>
      </fo:block>
      <xsl:if test="r:caption">
        <fo:block font-size="10pt">
          <xsl:apply-templates select="r:caption/node()"/>
        </fo:block>
      </xsl:if>
    </fo:block>
  </xsl:template>

  <!-- Lists: the label column is as wide as the longest marker needs. -->
  <xsl:template match="r:list">
    <xsl:variable name="last-marker">
      <xsl:call-template name="marker">
        <xsl:with-param name="first" select="@marker"/>
        <xsl:with-param name="index" select="count(r:item) - 1"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="widest">
      <xsl:choose>
        <xsl:when test="string-length($last-marker) &gt; string-length(@marker)">
          <xsl:value-of select="string-length($last-marker)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="string-length(@marker)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <fo:list-block provisional-distance-between-starts="{format-number(0.6 * $widest + 0.9, '0.0')}em"
                   provisional-label-separation="0.5em" space-before="5pt">
      <xsl:for-each select="r:item">
        <fo:list-item space-before="4pt">
          <fo:list-item-label end-indent="label-end()">
            <fo:block>
              <xsl:call-template name="marker"/>
            </fo:block>
          </fo:list-item-label>
          <fo:list-item-body start-indent="body-start()">
            <fo:block text-align="justify">
              <xsl:apply-templates select="node()[not(self::r:list)]"/>
            </fo:block>
            <xsl:apply-templates select="r:list"/>
          </fo:list-item-body>
        </fo:list-item>
      </xsl:for-each>
    </fo:list-block>
  </xsl:template>

  <!-- A paragraph in another language than the release's (a bilingual
       statement): its language, and the fonts and leading for it. -->
  <xsl:template match="@xml:lang" mode="language">
    <xsl:copy-of select="."/>
    <xsl:variable name="km" select=". = 'km' or starts-with(., 'km-')"/>
    <xsl:if test="$km != $khmer">
      <xsl:attribute name="font-family">
        <xsl:value-of select="concat(substring($khmer-fonts, 1 div $km), substring($latin-fonts, 1 div not($km)))"/>
      </xsl:attribute>
      <xsl:attribute name="line-height">
        <xsl:value-of select="concat(substring('1.75', 1 div $km), substring('1.35', 1 div not($km)))"/>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Dateline and closing                                                -->
  <!-- ================================================================== -->

  <!-- "PHNOM PENH, 3 March 2024 – " opening the first paragraph; a dateline
       that ends with a full stop needs no dash. -->
  <xsl:template match="r:dateline" mode="run-in">
    <fo:inline font-weight="bold">
      <xsl:apply-templates/>
    </fo:inline>
    <xsl:call-template name="run-in-separator"/>
  </xsl:template>

  <!-- A dateline on a line of its own: at the end set to the right and
       kept with the last paragraph; above or under the headline as it is. -->
  <xsl:template match="r:dateline" mode="block">
    <xsl:choose>
      <xsl:when test="@position = 'end' or @position = 'run-in'">
        <fo:block text-align="end" space-before="14pt" keep-with-previous="always">
          <xsl:apply-templates/>
        </fo:block>
      </xsl:when>
      <xsl:otherwise>
        <fo:block space-before="12pt" keep-with-next="always">
          <xsl:apply-templates/>
        </fo:block>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="r:closing/r:p">
    <fo:block space-before="14pt" font-size="10pt" keep-together.within-page="always">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <xsl:template match="r:end-mark">
    <fo:block text-align="center" space-before="14pt" keep-with-previous="always">
      <xsl:apply-templates/>
    </fo:block>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Inline content                                                      -->
  <!-- ================================================================== -->

  <!-- A kept line break ends a line: an empty block inside the text. -->
  <xsl:template match="r:br">
    <fo:block/>
  </xsl:template>

  <xsl:template match="r:em">
    <fo:inline font-style="italic">
      <xsl:apply-templates/>
    </fo:inline>
  </xsl:template>

  <xsl:template match="r:strong | r:person">
    <fo:inline font-weight="bold">
      <xsl:apply-templates/>
    </fo:inline>
  </xsl:template>

  <xsl:template match="r:link">
    <fo:basic-link external-destination="url('{@href}')" color="#1F3F8F">
      <xsl:apply-templates/>
    </fo:basic-link>
  </xsl:template>

  <!-- date, place, honorific, name, role: their text. -->

</xsl:stylesheet>
