<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: the release as a Word document, written as a Flat OPC package
  (pkg:package, the single-file form of an Office package that Word opens
  as it is): every part of the .docx in one XML document. communique zips
  it into a .docx (src/write/docx_package.cpp: one zip entry per pkg:part,
  [Content_Types].xml from the parts' content types). Run with xsltproc,
  the result is a .xml file that Word opens too, links aside.

  Why the whole package and not only word/document.xml: the numbering part
  depends on the release (one numbering definition per list, so that each
  list counts from its own first marker), and so do the core properties
  (title, date, language); one stylesheet writing them all keeps what
  belongs together in one place, and a house stylesheet can restyle the
  document by overriding the `styles` template.

  Links: w:hyperlink elements with a cq:href attribute (namespace
  urn:communique:docx). The packager turns each into a relationship of the
  part (r:id) in document order, so that the stylesheet need not number
  them.

  The document, in reading order, each line its own paragraph with a
  paragraph style named after the release element (for readers that map
  the document back to a release):
    State, Motto           centred, bold
    Organisation           centred, bold; its printed lines kept (w:br)
    Unit, LunarDate, Reference   centred (an embargo line: Reference)
    Genre                  centred, bold
    Title, Subtitle        the headline (bold) and subheadline (italic)
    Dateline               right-aligned, where it stood (top, under the
                           headline, end); a run-in dateline opens the first
                           paragraph in bold small capitals (character
                           style RunInDateline), followed by " – "
    BodyText               justified paragraphs
    ListParagraph          list items with w:numPr: the list's printed
                           first marker as Word numbering ("1.", "(a)",
                           "I.", "•", "-"), nesting as the level
    Quote                  indented paragraphs of a quote
    Heading2               subheadings
    Closing, EndMark       the closing lines and the end mark (centred)
    (a table)              w:tbl across the text width, thin single
                           borders, columns as wide as their text asks;
                           heading rows repeat on each page (w:tblHeader),
                           in bold; cells' paragraphs carry no style
    (a figure)             not embedded (communique fetches no image): a
                           centred italic paragraph "[Image: alt]", then
                           its caption centred
  Persons and strong text are bold runs, emphasis italic runs; paragraph
  alignment is also set directly, so that a reader that ignores styles
  still sees it. The release's xml:lang is the document's language (the
  default run properties); a paragraph in another language has w:lang on
  its runs.

  No parameters. XSLT 1.0 + EXSLT (exsl:node-set; str:replace in
  common.xsl).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:r="urn:communique:release:1"
                xmlns:exsl="http://exslt.org/common"
                xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage"
                xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
                xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
                xmlns:dc="http://purl.org/dc/elements/1.1/"
                xmlns:dcterms="http://purl.org/dc/terms/"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xmlns:cq="urn:communique:docx"
                exclude-result-prefixes="r exsl">

  <!-- a table's columns, a figure's text (layout.xsl); mode plain, direction,
       mode url, the run-in dateline, a table's heading rows (common.xsl,
       which layout.xsl includes) -->
  <xsl:include href="layout.xsl"/>
  <!-- marker-counter and counter-system: counters.xsl -->
  <xsl:include href="counters.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="lang" select="/r:release/@xml:lang"/>
  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>

  <!-- Content types and relationship types. -->
  <xsl:variable name="ct-rels" select="'application/vnd.openxmlformats-package.relationships+xml'"/>
  <xsl:variable name="ct-wml" select="'application/vnd.openxmlformats-officedocument.wordprocessingml.'"/>
  <xsl:variable name="rt-office" select="'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'"/>

  <!-- ================================================================== -->
  <!-- The package                                                         -->
  <!-- ================================================================== -->

  <xsl:template match="/">
    <xsl:processing-instruction name="mso-application">progid="Word.Document"</xsl:processing-instruction>
    <pkg:package>
      <pkg:part pkg:name="/_rels/.rels" pkg:contentType="{$ct-rels}">
        <pkg:xmlData>
          <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="{$rt-office}officeDocument" Target="word/document.xml"/>
            <Relationship Id="rId2" Target="docProps/core.xml"
                          Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"/>
            <Relationship Id="rId3" Type="{$rt-office}extended-properties" Target="docProps/app.xml"/>
          </Relationships>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/docProps/core.xml"
                pkg:contentType="application/vnd.openxmlformats-package.core-properties+xml">
        <pkg:xmlData>
          <xsl:call-template name="core-properties"/>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/docProps/app.xml"
                pkg:contentType="application/vnd.openxmlformats-officedocument.extended-properties+xml">
        <pkg:xmlData>
          <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
            <Application>communique</Application>
          </Properties>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/word/document.xml" pkg:contentType="{$ct-wml}document.main+xml">
        <pkg:xmlData>
          <w:document>
            <w:body>
              <xsl:apply-templates select="r:release"/>
              <!-- A4, margins as html.xsl prints: 20 mm top and right, 22 mm
                   bottom, 25 mm left (in twentieths of a point). -->
              <w:sectPr>
                <w:pgSz w:w="11906" w:h="16838"/>
                <w:pgMar w:top="1134" w:right="1134" w:bottom="1247" w:left="1417"
                         w:header="709" w:footer="709" w:gutter="0"/>
              </w:sectPr>
            </w:body>
          </w:document>
        </pkg:xmlData>
      </pkg:part>
      <!-- The packager adds a relationship per link to this part. -->
      <pkg:part pkg:name="/word/_rels/document.xml.rels" pkg:contentType="{$ct-rels}">
        <pkg:xmlData>
          <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="{$rt-office}styles" Target="styles.xml"/>
            <Relationship Id="rId2" Type="{$rt-office}numbering" Target="numbering.xml"/>
            <Relationship Id="rId3" Type="{$rt-office}settings" Target="settings.xml"/>
          </Relationships>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/word/styles.xml" pkg:contentType="{$ct-wml}styles+xml">
        <pkg:xmlData>
          <xsl:call-template name="styles"/>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/word/numbering.xml" pkg:contentType="{$ct-wml}numbering+xml">
        <pkg:xmlData>
          <xsl:call-template name="numbering"/>
        </pkg:xmlData>
      </pkg:part>
      <pkg:part pkg:name="/word/settings.xml" pkg:contentType="{$ct-wml}settings+xml">
        <pkg:xmlData>
          <w:settings>
            <w:defaultTabStop w:val="720"/>
            <w:characterSpacingControl w:val="doNotCompress"/>
            <w:themeFontLang w:val="{$lang}"/>
            <w:compat>
              <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"
                               w:val="15"/>
            </w:compat>
          </w:settings>
        </pkg:xmlData>
      </pkg:part>
    </pkg:package>
  </xsl:template>

  <!-- Title (the headline), creation date (the dateline's date), language. -->
  <xsl:template name="core-properties">
    <cp:coreProperties>
      <dc:title>
        <xsl:apply-templates select="/r:release/r:headline" mode="plain"/>
      </dc:title>
      <xsl:if test="/r:release/r:subheadline">
        <dc:subject>
          <xsl:apply-templates select="/r:release/r:subheadline" mode="plain"/>
        </dc:subject>
      </xsl:if>
      <xsl:if test="/r:release/r:header/r:issuer/r:organisation">
        <dc:creator>
          <xsl:apply-templates select="/r:release/r:header/r:issuer" mode="organisations"/>
        </dc:creator>
      </xsl:if>
      <dc:language>
        <xsl:value-of select="$lang"/>
      </dc:language>
      <!-- W3CDTF wants a full date-time here; a year beyond 9999 or a time
           zone would not fit it and is left out. -->
      <xsl:variable name="when" select="/r:release/r:dateline/r:date/@when"/>
      <xsl:if test="string-length($when) = 10">
        <dcterms:created xsi:type="dcterms:W3CDTF">
          <xsl:value-of select="concat($when, 'T00:00:00Z')"/>
        </dcterms:created>
      </xsl:if>
    </cp:coreProperties>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- The release                                                         -->
  <!-- ================================================================== -->

  <!-- The order of html.xsl: the dateline where it stood. -->
  <xsl:template match="r:release">
    <xsl:apply-templates select="r:header"/>
    <xsl:apply-templates select="r:dateline[@position = 'top']"/>
    <xsl:apply-templates select="r:headline"/>
    <xsl:apply-templates select="r:subheadline"/>
    <xsl:apply-templates select="r:dateline[@position = 'under-headline']"/>
    <!-- A run-in dateline opens the first paragraph; without one it stands
         on its own, still in its run-in character style. -->
    <xsl:if test="not(r:body/*[1][self::r:p])">
      <xsl:apply-templates select="r:dateline[@position = 'run-in']"/>
    </xsl:if>
    <xsl:apply-templates select="r:body/*"/>
    <xsl:apply-templates select="r:dateline[@position = 'end']"/>
    <xsl:apply-templates select="r:closing"/>
  </xsl:template>

  <xsl:template match="r:header | r:issuer | r:closing | r:quote">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Header lines, the headline, the subheadline and subheadings: one
       paragraph each, in the style named after the element. -->
  <xsl:template match="r:state | r:motto | r:organisation | r:unit | r:lunar-date | r:reference | r:genre
                       | r:embargo | r:headline | r:subheadline">
    <w:p>
      <xsl:call-template name="paragraph-properties">
        <xsl:with-param name="style">
          <xsl:call-template name="style-of"/>
        </xsl:with-param>
        <xsl:with-param name="jc" select="'center'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </w:p>
  </xsl:template>

  <xsl:template match="r:subheading">
    <w:p>
      <xsl:call-template name="paragraph-properties">
        <xsl:with-param name="style" select="'Heading2'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </w:p>
  </xsl:template>

  <xsl:template name="style-of">
    <xsl:choose>
      <xsl:when test="self::r:headline">Title</xsl:when>
      <xsl:when test="self::r:subheadline">Subtitle</xsl:when>
      <xsl:when test="self::r:lunar-date">LunarDate</xsl:when>
      <xsl:when test="self::r:embargo">Reference</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(translate(substring(local-name(), 1, 1), $lower, $upper),
                                     substring(local-name(), 2))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The dateline on its own: right-aligned. A run-in dateline that has no
       first paragraph to open keeps its run-in look, left-aligned. -->
  <xsl:template match="r:dateline">
    <w:p>
      <xsl:call-template name="paragraph-properties">
        <xsl:with-param name="style" select="'Dateline'"/>
        <xsl:with-param name="jc">
          <xsl:if test="@position != 'run-in'">right</xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:apply-templates/>
    </w:p>
  </xsl:template>

  <!-- "PHNOM PENH, 3 March 2024 – " at the start of the first paragraph; a
       dateline ending with a full stop needs no dash. -->
  <xsl:template match="r:dateline" mode="run-in">
    <xsl:apply-templates/>
    <w:r>
      <!-- On one line: xml:space="preserve" keeps the stylesheet's own
           whitespace inside w:t. -->
      <w:t xml:space="preserve"><xsl:call-template name="run-in-separator"/></w:t>
    </w:r>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Body                                                                -->
  <!-- ================================================================== -->

  <xsl:template match="r:p">
    <xsl:variable name="quotes" select="count(ancestor::r:quote)"/>
    <w:p>
      <xsl:call-template name="paragraph-properties">
        <xsl:with-param name="style">
          <xsl:choose>
            <xsl:when test="parent::r:closing">Closing</xsl:when>
            <xsl:when test="$quotes &gt; 0">Quote</xsl:when>
            <xsl:otherwise>BodyText</xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="jc">
          <xsl:if test="not(parent::r:closing)">both</xsl:if>
        </xsl:with-param>
        <!-- The Quote style indents one step; a quote in a quote more. -->
        <xsl:with-param name="indent">
          <xsl:if test="$quotes &gt; 1">
            <xsl:value-of select="720 * $quotes"/>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:if test="count(. | $run-in-paragraph) = count($run-in-paragraph)">
        <xsl:apply-templates select="$run-in" mode="run-in"/>
      </xsl:if>
      <xsl:apply-templates/>
    </w:p>
  </xsl:template>

  <!-- A table across the text width (A4 less the margins: 9355 twips). -->
  <xsl:template match="r:table">
    <xsl:variable name="widest">
      <xsl:apply-templates select="." mode="widest-row"/>
    </xsl:variable>
    <xsl:variable name="shares-tree">
      <xsl:for-each select="r:row[number($widest)]/r:cell">
        <share>
          <xsl:apply-templates select="." mode="column-share"/>
        </share>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="shares" select="exsl:node-set($shares-tree)/share"/>
    <xsl:variable name="total" select="sum($shares)"/>
    <xsl:variable name="head" select="key('table-head', generate-id())"/>
    <xsl:if test="r:caption">
      <w:p>
        <w:pPr>
          <w:keepNext/>
          <w:jc w:val="left"/>
        </w:pPr>
        <xsl:apply-templates select="r:caption/node()"/>
      </w:p>
    </xsl:if>
    <w:tbl>
      <w:tblPr>
        <w:tblW w:w="5000" w:type="pct"/>
        <w:tblBorders>
          <w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>
          <w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>
          <w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>
          <w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>
          <w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/>
          <w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>
        </w:tblBorders>
        <w:tblLayout w:type="fixed"/>
      </w:tblPr>
      <w:tblGrid>
        <xsl:for-each select="$shares">
          <w:gridCol w:w="{floor(9355 * . div $total)}"/>
        </xsl:for-each>
      </w:tblGrid>
      <xsl:for-each select="r:row">
        <w:tr>
          <w:trPr>
            <w:cantSplit/>
            <xsl:if test="count(. | $head) = count($head)">
              <w:tblHeader/>
            </xsl:if>
          </w:trPr>
          <xsl:for-each select="r:cell">
            <xsl:variable name="p" select="position()"/>
            <w:tc>
              <w:tcPr>
                <w:tcW w:w="{floor(9355 * $shares[$p] div $total)}" w:type="dxa"/>
              </w:tcPr>
              <w:p>
                <w:pPr>
                  <xsl:if test="@header = 'true' or ../@header = 'true'">
                    <w:keepNext/>
                  </xsl:if>
                  <w:spacing w:before="40" w:after="40"/>
                  <w:jc>
                    <xsl:attribute name="w:val">
                      <xsl:choose>
                        <xsl:when test="@align = 'right'">right</xsl:when>
                        <xsl:when test="@align = 'centre'">center</xsl:when>
                        <xsl:otherwise>left</xsl:otherwise>
                      </xsl:choose>
                    </xsl:attribute>
                  </w:jc>
                </w:pPr>
                <xsl:apply-templates/>
              </w:p>
            </w:tc>
          </xsl:for-each>
          <!-- A short row is filled with empty cells. -->
          <xsl:for-each select="$shares[position() &gt; count(current()/r:cell)]">
            <w:tc>
              <w:tcPr>
                <w:tcW w:w="{floor(9355 * . div $total)}" w:type="dxa"/>
              </w:tcPr>
              <w:p/>
            </w:tc>
          </xsl:for-each>
        </w:tr>
      </xsl:for-each>
    </w:tbl>
  </xsl:template>

  <!-- Images are not embedded: the alternative text (or address) in
       brackets, then the caption. -->
  <xsl:template match="r:figure">
    <w:p>
      <w:pPr>
        <xsl:if test="r:caption">
          <w:keepNext/>
        </xsl:if>
        <w:jc w:val="center"/>
      </w:pPr>
      <w:r>
        <w:rPr>
          <xsl:call-template name="run-properties">
            <xsl:with-param name="italic" select="true()"/>
          </xsl:call-template>
        </w:rPr>
        <w:t xml:space="preserve"><xsl:apply-templates select="." mode="image-text"/></w:t>
      </w:r>
    </w:p>
    <xsl:if test="r:caption">
      <w:p>
        <w:pPr>
          <w:jc w:val="center"/>
        </w:pPr>
        <xsl:apply-templates select="r:caption/node()"/>
      </w:p>
    </xsl:if>
  </xsl:template>

  <!--
    Every list's number in document order, as the numbering part counts
    them, looked up by the list's generate-id() (used within this run only,
    so the output does not depend on it). xsl:number level="any" would walk
    the document back for every list: 900 lists took half a second.
  -->
  <xsl:key name="list-number" match="list-number" use="@list"/>
  <xsl:variable name="list-numbers-tree">
    <xsl:for-each select="//r:list">
      <list-number list="{generate-id()}" n="{position()}"/>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="list-numbers" select="exsl:node-set($list-numbers-tree)"/>

  <!-- A list's items refer to its own numbering definition (numId: the
       list's number), at the level of its nesting. -->
  <xsl:template match="r:list">
    <xsl:variable name="list" select="generate-id()"/>
    <xsl:variable name="num-tree">
      <!-- key() looks in the document of the context node. -->
      <xsl:for-each select="$list-numbers">
        <xsl:value-of select="key('list-number', $list)/@n"/>
      </xsl:for-each>
    </xsl:variable>
    <!-- Items get a string, not the tree: libxslt keeps the string it
         makes of a tree in an attribute value template in a buffer of
         4,000 bytes, for as long as the output lives. -->
    <xsl:apply-templates select="r:item">
      <xsl:with-param name="num" select="string($num-tree)"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- The item's text is one paragraph; its nested lists follow it. -->
  <xsl:template match="r:item">
    <xsl:param name="num"/>
    <!-- Word has nine list levels (0 to 8); deeper lists stay at the ninth.
         A number, not a tree (see r:list). -->
    <xsl:variable name="depth" select="count(ancestor-or-self::r:list) - 1"/>
    <xsl:variable name="level" select="$depth - ($depth &gt; 8) * ($depth - 8)"/>
    <w:p>
      <xsl:call-template name="paragraph-properties">
        <xsl:with-param name="style" select="'ListParagraph'"/>
        <xsl:with-param name="num" select="$num"/>
        <xsl:with-param name="level" select="$level"/>
        <xsl:with-param name="jc" select="'both'"/>
      </xsl:call-template>
      <xsl:apply-templates select="node()[not(self::r:list)]"/>
    </w:p>
    <xsl:apply-templates select="r:list"/>
  </xsl:template>

  <xsl:template match="r:end-mark">
    <w:p>
      <xsl:call-template name="paragraph-properties">
        <xsl:with-param name="style" select="'EndMark'"/>
        <xsl:with-param name="jc" select="'center'"/>
      </xsl:call-template>
      <w:r>
        <w:t xml:space="preserve"><xsl:value-of select="."/></w:t>
      </w:r>
    </w:p>
  </xsl:template>

  <!--
    w:pPr, for a paragraph and for a paragraph style alike, its children in
    the schema's order: style, kept with the next, numbering, direction,
    spacing before and after, indentation (end-indent: on the right too),
    alignment, outline level. Each is written only when given, but the
    direction: w:bidi when the context's language is written right to
    left (a style, outside the release, has none).
  -->
  <xsl:template name="paragraph-properties">
    <xsl:param name="style"/>
    <xsl:param name="keep-next" select="false()"/>
    <xsl:param name="num"/>
    <xsl:param name="level"/>
    <xsl:param name="before"/>
    <xsl:param name="after"/>
    <xsl:param name="indent"/>
    <xsl:param name="end-indent"/>
    <xsl:param name="jc"/>
    <xsl:param name="outline"/>
    <w:pPr>
      <xsl:if test="string($style) != ''">
        <w:pStyle w:val="{$style}"/>
      </xsl:if>
      <xsl:if test="$keep-next">
        <w:keepNext/>
      </xsl:if>
      <xsl:if test="string($num) != ''">
        <w:numPr>
          <w:ilvl w:val="{$level}"/>
          <w:numId w:val="{$num}"/>
        </w:numPr>
      </xsl:if>
      <xsl:variable name="direction">
        <xsl:call-template name="direction">
          <xsl:with-param name="lang" select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="$direction = 'rtl'">
        <w:bidi/>
      </xsl:if>
      <xsl:if test="string($before) != '' or string($after) != ''">
        <w:spacing>
          <xsl:if test="string($before) != ''">
            <xsl:attribute name="w:before">
              <xsl:value-of select="$before"/>
            </xsl:attribute>
          </xsl:if>
          <xsl:if test="string($after) != ''">
            <xsl:attribute name="w:after">
              <xsl:value-of select="$after"/>
            </xsl:attribute>
          </xsl:if>
        </w:spacing>
      </xsl:if>
      <xsl:if test="string($indent) != ''">
        <w:ind w:left="{$indent}">
          <xsl:if test="string($end-indent) != ''">
            <xsl:attribute name="w:right">
              <xsl:value-of select="$end-indent"/>
            </xsl:attribute>
          </xsl:if>
        </w:ind>
      </xsl:if>
      <xsl:if test="string($jc) != ''">
        <w:jc w:val="{$jc}"/>
      </xsl:if>
      <xsl:if test="string($outline) != ''">
        <w:outlineLvl w:val="{$outline}"/>
      </xsl:if>
    </w:pPr>
  </xsl:template>

  <!--
    A run's properties (inside w:rPr), for a run and for a style alike, in
    the schema's order: character style, bold, italic, small capitals, size
    in half-points, language. Word sets bold and italic apart for complex
    scripts (Khmer, Arabic): w:bCs and w:iCs go with w:b and w:i.
  -->
  <xsl:template name="run-properties">
    <xsl:param name="style"/>
    <xsl:param name="bold" select="false()"/>
    <xsl:param name="italic" select="false()"/>
    <xsl:param name="small-caps" select="false()"/>
    <xsl:param name="size"/>
    <xsl:param name="lang"/>
    <xsl:if test="string($style) != ''">
      <w:rStyle w:val="{$style}"/>
    </xsl:if>
    <xsl:if test="$bold">
      <w:b/>
      <w:bCs/>
    </xsl:if>
    <xsl:if test="$italic">
      <w:i/>
      <w:iCs/>
    </xsl:if>
    <xsl:if test="$small-caps">
      <w:smallCaps/>
    </xsl:if>
    <xsl:if test="string($size) != ''">
      <w:sz w:val="{$size}"/>
      <w:szCs w:val="{$size}"/>
    </xsl:if>
    <xsl:if test="string($lang) != ''">
      <xsl:call-template name="language">
        <xsl:with-param name="lang" select="$lang"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Inline content                                                      -->
  <!-- ================================================================== -->

  <!--
    Every piece of text is a run whose properties come from the elements
    around it: bold in a person, strong text or a run-in dateline, italic in
    emphasis, the Hyperlink style in a link, w:lang in a paragraph whose
    language is not the release's. persons, places, dates, honorifics,
    names and roles add nothing else: their text is all a reader needs to
    find them again, as it does in a draft.
  -->
  <xsl:template match="text()">
    <w:r>
      <xsl:variable name="run-in" select="ancestor::r:dateline[@position = 'run-in']"/>
      <xsl:variable name="bold" select="ancestor::r:person or ancestor::r:strong or $run-in
                                        or ancestor::r:row[@header = 'true']"/>
      <xsl:variable name="italic" select="ancestor::r:em"/>
      <xsl:variable name="link" select="ancestor::r:link"/>
      <xsl:variable name="text-lang" select="ancestor::*[@xml:lang][1]/@xml:lang"/>
      <xsl:variable name="other-lang" select="string($text-lang) != string($lang)"/>
      <xsl:if test="$bold or $italic or $link or $other-lang">
        <w:rPr>
          <!-- The run-in dateline's style, else a link's (no fragment for
               a choose: this runs for every piece of text). -->
          <xsl:call-template name="run-properties">
            <xsl:with-param name="style" select="concat(substring('RunInDateline', 1, 13 * boolean($run-in)),
                                                        substring('Hyperlink', 1, 9 * ($link and not($run-in))))"/>
            <xsl:with-param name="bold" select="$bold"/>
            <xsl:with-param name="italic" select="$italic"/>
            <xsl:with-param name="small-caps" select="$run-in"/>
            <xsl:with-param name="lang" select="$text-lang[$other-lang]"/>
          </xsl:call-template>
        </w:rPr>
      </xsl:if>
      <w:t xml:space="preserve"><xsl:value-of select="."/></w:t>
    </w:r>
  </xsl:template>

  <!-- w:lang: the language as Latin text's, and as complex-script or East
       Asian text's for the languages Word sets in those fonts (Khmer,
       Thai, Lao, Burmese, the right-to-left languages; Chinese, Japanese,
       Korean), so that spelling and line breaking know it. -->
  <xsl:template name="language">
    <xsl:param name="lang"/>
    <xsl:variable name="primary" select="translate(substring-before(concat($lang, '-'), '-'), $upper, $lower)"/>
    <xsl:variable name="direction">
      <xsl:call-template name="direction">
        <xsl:with-param name="lang" select="$lang"/>
      </xsl:call-template>
    </xsl:variable>
    <!-- Which of the other two the language also goes in, if any. -->
    <xsl:variable name="slot">
      <xsl:choose>
        <xsl:when test="$primary = 'km' or $primary = 'th' or $primary = 'lo' or $primary = 'my' or $direction = 'rtl'">w:bidi</xsl:when>
        <xsl:when test="$primary = 'zh' or $primary = 'ja' or $primary = 'ko'">w:eastAsia</xsl:when>
      </xsl:choose>
    </xsl:variable>
    <w:lang w:val="{$lang}">
      <xsl:if test="$slot != ''">
        <xsl:attribute name="{$slot}">
          <xsl:value-of select="$lang"/>
        </xsl:attribute>
      </xsl:if>
    </w:lang>
  </xsl:template>

  <xsl:template match="r:br">
    <w:r>
      <w:br/>
    </w:r>
  </xsl:template>

  <xsl:template match="r:link">
    <w:hyperlink>
      <xsl:attribute name="cq:href">
        <xsl:apply-templates select="@href" mode="url"/>
      </xsl:attribute>
      <xsl:apply-templates/>
    </w:hyperlink>
  </xsl:template>

  <!-- Markup that only passes its text on: the text() rule formats it. -->
  <xsl:template match="r:em | r:strong | r:person | r:honorific | r:name | r:role | r:place | r:date">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Numbering: one definition per list                                  -->
  <!-- ================================================================== -->

  <!--
    Each list has its own abstract numbering and its own w:num (both
    numbered by the list's position in document order), so that every list
    starts at its own first marker and a nested list does not disturb its
    parent's count. All nine levels have the list's format; its items use
    the level of its nesting.
  -->
  <xsl:template name="numbering">
    <w:numbering>
      <xsl:for-each select="//r:list">
        <w:abstractNum w:abstractNumId="{position()}">
          <w:multiLevelType w:val="multilevel"/>
          <xsl:call-template name="numbering-levels"/>
        </w:abstractNum>
      </xsl:for-each>
      <xsl:for-each select="//r:list">
        <w:num w:numId="{position()}">
          <w:abstractNumId w:val="{position()}"/>
        </w:num>
      </xsl:for-each>
    </w:numbering>
  </xsl:template>

  <!--
    The list's first marker, read as markers.xsl reads it (counters.xsl):
    the counter is the first run of ASCII letters or digits, what comes
    before and after it is kept ("(" and ")" of "(a)"). Counters become Word
    number formats (decimal, lowerRoman, upperRoman, lowerLetter,
    upperLetter) and the start is the counter's value. A marker without a
    counter ("•", "-"), a counter that counts in no style ("ab") or an
    unordered list is a bullet: the marker repeated.
  -->
  <xsl:template name="numbering-levels">
    <xsl:variable name="marker" select="string(@marker)"/>
    <xsl:variable name="counter">
      <xsl:call-template name="marker-counter">
        <xsl:with-param name="marker" select="$marker"/>
      </xsl:call-template>
    </xsl:variable>
    <!-- "lower-roman 4": a CSS counter style and the counter's value. -->
    <xsl:variable name="system">
      <xsl:if test="@type = 'ordered'">
        <xsl:call-template name="counter-system">
          <xsl:with-param name="counter" select="string($counter)"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="css" select="substring-before($system, ' ')"/>
    <xsl:variable name="format">
      <xsl:choose>
        <xsl:when test="$css = 'decimal'">decimal</xsl:when>
        <xsl:when test="$css = 'lower-roman'">lowerRoman</xsl:when>
        <xsl:when test="$css = 'upper-roman'">upperRoman</xsl:when>
        <xsl:when test="$css = 'lower-alpha'">lowerLetter</xsl:when>
        <xsl:when test="$css = 'upper-alpha'">upperLetter</xsl:when>
        <xsl:otherwise>bullet</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="start">
      <xsl:choose>
        <xsl:when test="$css != ''">
          <xsl:value-of select="substring-after($system, ' ')"/>
        </xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="numbering-level">
      <xsl:with-param name="level" select="0"/>
      <xsl:with-param name="format" select="$format"/>
      <xsl:with-param name="start" select="$start"/>
      <!-- What surrounds the counter has no letters or digits. -->
      <xsl:with-param name="prefix" select="substring-before($marker, $counter)"/>
      <xsl:with-param name="suffix" select="substring-after($marker, $counter)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Levels level to 8: each indented half an inch more, the marker
       hanging in the indentation (wider for "(iii)"). -->
  <xsl:template name="numbering-level">
    <xsl:param name="level"/>
    <xsl:param name="format"/>
    <xsl:param name="start"/>
    <xsl:param name="prefix"/>
    <xsl:param name="suffix"/>
    <w:lvl w:ilvl="{$level}">
      <w:start w:val="{$start}"/>
      <w:numFmt w:val="{$format}"/>
      <w:lvlText>
        <xsl:attribute name="w:val">
          <xsl:choose>
            <xsl:when test="$format = 'bullet'">
              <xsl:value-of select="@marker"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="concat($prefix, '%', $level + 1, $suffix)"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </w:lvlText>
      <w:lvlJc w:val="left"/>
      <w:pPr>
        <w:ind w:left="{720 * ($level + 1)}">
          <xsl:attribute name="w:hanging">
            <xsl:choose>
              <xsl:when test="string-length(@marker) &gt; 3">567</xsl:when>
              <xsl:otherwise>360</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </w:ind>
      </w:pPr>
    </w:lvl>
    <xsl:if test="$level &lt; 8">
      <xsl:call-template name="numbering-level">
        <xsl:with-param name="level" select="$level + 1"/>
        <xsl:with-param name="format" select="$format"/>
        <xsl:with-param name="start" select="$start"/>
        <xsl:with-param name="prefix" select="$prefix"/>
        <xsl:with-param name="suffix" select="$suffix"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Styles                                                              -->
  <!-- ================================================================== -->

  <!--
    Times New Roman 12 pt for Latin text and Khmer OS Battambang for Khmer
    (the faces html.xsl asks for first); the release's language as the
    document's. A house stylesheet replaces this template to restyle.
  -->
  <xsl:template name="styles">
    <w:styles>
      <w:docDefaults>
        <w:rPrDefault>
          <w:rPr>
            <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman"
                      w:cs="Khmer OS Battambang"/>
            <xsl:call-template name="run-properties">
              <xsl:with-param name="size" select="24"/>
              <xsl:with-param name="lang" select="$lang"/>
            </xsl:call-template>
          </w:rPr>
        </w:rPrDefault>
        <w:pPrDefault>
          <w:pPr>
            <w:spacing w:after="0" w:line="276" w:lineRule="auto"/>
          </w:pPr>
        </w:pPrDefault>
      </w:docDefaults>

      <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
        <w:name w:val="Normal"/>
        <w:qFormat/>
      </w:style>
      <xsl:apply-templates select="exsl:node-set($paragraph-styles)/style" mode="paragraph-style"/>

      <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
        <w:name w:val="Default Paragraph Font"/>
        <w:uiPriority w:val="1"/>
        <w:semiHidden/>
      </w:style>
      <!-- Bold and small capitals are set on the runs themselves. -->
      <w:style w:type="character" w:styleId="RunInDateline">
        <w:name w:val="Run-in Dateline"/>
        <w:basedOn w:val="DefaultParagraphFont"/>
      </w:style>
      <w:style w:type="character" w:styleId="Hyperlink">
        <w:name w:val="Hyperlink"/>
        <w:basedOn w:val="DefaultParagraphFont"/>
        <w:rPr>
          <w:color w:val="1D4F91"/>
          <w:u w:val="single"/>
        </w:rPr>
      </w:style>
      <w:style w:type="numbering" w:default="1" w:styleId="NoList">
        <w:name w:val="No List"/>
        <w:uiPriority w:val="99"/>
        <w:semiHidden/>
      </w:style>
    </w:styles>
  </xsl:template>

  <!--
    The paragraph styles, each based on Normal: alignment (jc), bold,
    italic, size in half-points, spacing before and after and indentation
    (on both sides) in twentieths of a point, kept with the next paragraph,
    outline level; the name is the id unless it says otherwise.
  -->
  <xsl:variable name="paragraph-styles">
    <style id="State" jc="center" bold="1" size="26"/>
    <style id="Motto" jc="center" bold="1" after="360"/>
    <style id="Organisation" jc="center" bold="1"/>
    <style id="Unit" jc="center"/>
    <style id="LunarDate" name="Lunar Date" jc="center" before="240"/>
    <style id="Reference" jc="center" before="120"/>
    <style id="Genre" jc="center" bold="1" size="28" before="360" after="240"/>
    <style id="Title" jc="center" bold="1" size="34" before="240" after="120" keep-next="1"/>
    <style id="Subtitle" jc="center" italic="1" after="240" keep-next="1"/>
    <style id="Dateline" jc="right" before="240" after="240"/>
    <style id="BodyText" name="Body Text" jc="both" after="240"/>
    <style id="ListParagraph" name="List Paragraph" jc="both" after="80"/>
    <style id="Quote" jc="both" italic="1" indent="720" after="240"/>
    <style id="Heading2" name="heading 2" bold="1" size="26" before="360" after="120" keep-next="1" outline="1"/>
    <style id="Closing" size="22" after="160"/>
    <style id="EndMark" name="End Mark" jc="center" bold="1" before="240"/>
  </xsl:variable>

  <xsl:template match="style" mode="paragraph-style">
    <w:style w:type="paragraph" w:styleId="{@id}">
      <w:name w:val="{@name | @id[not(../@name)]}"/>
      <w:basedOn w:val="Normal"/>
      <w:qFormat/>
      <xsl:call-template name="paragraph-properties">
        <xsl:with-param name="keep-next" select="boolean(@keep-next)"/>
        <xsl:with-param name="before" select="@before"/>
        <xsl:with-param name="after" select="@after"/>
        <xsl:with-param name="indent" select="@indent"/>
        <xsl:with-param name="end-indent" select="@indent"/>
        <xsl:with-param name="jc" select="@jc"/>
        <xsl:with-param name="outline" select="@outline"/>
      </xsl:call-template>
      <w:rPr>
        <xsl:call-template name="run-properties">
          <xsl:with-param name="bold" select="boolean(@bold)"/>
          <xsl:with-param name="italic" select="boolean(@italic)"/>
          <xsl:with-param name="size" select="@size"/>
        </xsl:call-template>
      </w:rPr>
    </w:style>
  </xsl:template>

</xsl:stylesheet>
