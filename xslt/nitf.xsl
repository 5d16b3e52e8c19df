<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: the release as IPTC NITF 3.6 (News Industry Text Format), the
  markup news agencies exchange stories in. Valid against nitf-3-6.xsd
  (namespace http://iptc.org/std/NITF/2006-10-18/).

    head/title                 the headline as text
    head/docdata               doc-id (the reference), date.issue (the
                               dateline's date), date.release and ed-msg
                               (an embargo: when it ends, its line as
                               printed), doc.copyright (the issuer)
    body/body.head             hedline (hl1 headline, hl2 subheadline),
                               distributor (organisations and units),
                               dateline (location, story.date)
    body/body.content          p, ol/ul/li, bq/block, hl2 (subheadings),
                               table (caption, thead and tbody rows of
                               th/td), media (an image: media-reference
                               with its source and alternate text,
                               media-caption)
    body/body.end/tagline      the closing (contacts, end mark)

  Inline: person (a role is its function), date as chron with norm,
  place as location, link as a, em as em. NITF has no strong: strong is
  em class="strong".

  No parameters. XSLT 1.0.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:r="urn:communique:release:1"
                xmlns="http://iptc.org/std/NITF/2006-10-18/"
                xmlns:m="urn:communique:markup"
                exclude-result-prefixes="r m">

  <!-- mode plain, mode organisations, a table's heading rows: common.xsl -->
  <xsl:include href="common.xsl"/>
  <!-- paragraphs, emphasis, list items, table rows, cells and caption, line
       breaks: markup.xsl, whose elements (in the namespace m) are NITF's,
       in its namespace (this stylesheet's default) -->
  <xsl:include href="markup.xsl"/>
  <xsl:namespace-alias stylesheet-prefix="m" result-prefix="#default"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/r:release">
    <xsl:variable name="when" select="r:dateline/r:date/@when"/>
    <!-- version, change.date and change.time are fixed by the NITF 3.6 schema. -->
    <nitf version="-//IPTC//DTD NITF 3.6//EN" change.date="September 11, 2009" change.time="12:26"
          baselang="{@xml:lang}">
      <head>
        <title>
          <xsl:apply-templates select="r:headline" mode="plain"/>
        </title>
        <meta name="communique-kind" content="{@kind}"/>
        <docdata>
          <xsl:if test="r:header/r:reference">
            <doc-id>
              <xsl:attribute name="id-string">
                <xsl:apply-templates select="r:header/r:reference" mode="plain"/>
              </xsl:attribute>
            </doc-id>
          </xsl:if>
          <xsl:if test="$when">
            <!-- date.issue uses NITF's basic ISO 8601 form: 20240412T000000. -->
            <date.issue norm="{concat(translate($when, '-', ''), 'T000000')}"/>
          </xsl:if>
          <!-- An embargo: when it ends (basic ISO 8601, 20240412T100000+0700)
               and its line as printed, in an editorial message. -->
          <xsl:variable name="embargo" select="r:header/r:embargo/@when"/>
          <xsl:if test="$embargo">
            <date.release>
              <xsl:attribute name="norm">
                <xsl:value-of select="translate($embargo, '-:Z', '')"/>
                <xsl:if test="string-length($embargo) = 10">T000000</xsl:if>
                <xsl:if test="substring($embargo, string-length($embargo)) = 'Z'">+0000</xsl:if>
              </xsl:attribute>
            </date.release>
          </xsl:if>
          <xsl:if test="r:header/r:embargo">
            <ed-msg msg-type="embargo">
              <xsl:attribute name="info">
                <xsl:apply-templates select="r:header/r:embargo" mode="plain"/>
              </xsl:attribute>
            </ed-msg>
          </xsl:if>
          <xsl:if test="r:header/r:issuer/r:organisation">
            <doc.copyright>
              <xsl:attribute name="holder">
                <xsl:apply-templates select="r:header/r:issuer" mode="organisations"/>
              </xsl:attribute>
              <xsl:if test="$when">
                <xsl:attribute name="year">
                  <xsl:value-of select="substring($when, 1, 4)"/>
                </xsl:attribute>
              </xsl:if>
            </doc.copyright>
          </xsl:if>
        </docdata>
      </head>
      <body>
        <body.head>
          <hedline>
            <hl1>
              <xsl:apply-templates select="r:headline/node()"/>
            </hl1>
            <xsl:if test="r:subheadline">
              <hl2>
                <xsl:apply-templates select="r:subheadline/node()"/>
              </hl2>
            </xsl:if>
          </hedline>
          <xsl:apply-templates select="r:header/r:issuer"/>
          <xsl:apply-templates select="r:dateline"/>
        </body.head>
        <xsl:if test="r:body/*">
          <body.content>
            <xsl:apply-templates select="r:body/*"/>
          </body.content>
        </xsl:if>
        <xsl:apply-templates select="r:closing"/>
      </body>
    </nitf>
  </xsl:template>

  <!-- The issuer: organisations, then their units. -->
  <xsl:template match="r:issuer">
    <distributor>
      <xsl:for-each select="r:organisation | r:unit">
        <xsl:if test="position() &gt; 1">, </xsl:if>
        <org>
          <xsl:apply-templates select="." mode="plain"/>
        </org>
      </xsl:for-each>
    </distributor>
  </xsl:template>

  <!--
    The dateline wherever it stood (its position is kept as class).
    story.date/@norm is the extended ISO 8601 form, 2024-04-12: NITF's own
    examples use the basic form (20240412T000000, as date.issue above), but
    norm only asks for ISO 8601, and the extended form is the one readers
    of the release asked to see for the story's date.
  -->
  <xsl:template match="r:dateline">
    <dateline class="{@position}">
      <xsl:apply-templates/>
    </dateline>
  </xsl:template>

  <xsl:template match="r:dateline/r:place">
    <location>
      <city>
        <xsl:apply-templates/>
      </city>
    </location>
  </xsl:template>

  <xsl:template match="r:dateline/r:date">
    <story.date norm="{@when}">
      <xsl:apply-templates/>
    </story.date>
  </xsl:template>

  <!-- The dateline stands in body.head, wherever it stood: a run-in one
       does not open the first paragraph again (markup.xsl's paragraph). -->
  <xsl:template match="r:dateline" mode="run-in"/>

  <!-- ================================================================== -->
  <!-- Body                                                                -->
  <!-- ================================================================== -->

  <!-- A paragraph in another language than the release's (markup.xsl's
       paragraph asks): NITF keeps xml:lang. -->
  <xsl:template match="@xml:lang" mode="language">
    <xsl:copy-of select="."/>
  </xsl:template>

  <xsl:template match="r:subheading">
    <hl2>
      <xsl:apply-templates/>
    </hl2>
  </xsl:template>

  <xsl:template match="r:quote">
    <bq>
      <block>
        <xsl:apply-templates/>
      </block>
    </bq>
  </xsl:template>

  <!-- Heading rows that open the table go in a thead. -->
  <xsl:template match="r:table">
    <xsl:variable name="head" select="key('table-head', generate-id())"/>
    <table>
      <xsl:apply-templates select="r:caption"/>
      <xsl:if test="$head">
        <thead>
          <xsl:apply-templates select="$head"/>
        </thead>
      </xsl:if>
      <xsl:if test="r:row[count(. | $head) != count($head)]">
        <tbody>
          <xsl:apply-templates select="r:row[count(. | $head) != count($head)]"/>
        </tbody>
      </xsl:if>
    </table>
  </xsl:template>

  <!-- A cell (th or td: markup.xsl): its alignment. -->
  <xsl:template match="r:cell" mode="cell-attributes">
    <xsl:if test="@align">
      <xsl:attribute name="align">
        <xsl:value-of select="substring('centerright', 1 + 6 * number(@align = 'right'), 6 - number(@align = 'right'))"/>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- An image by its address; one without an address is its alternative
       text and caption as a paragraph. -->
  <xsl:template match="r:figure[@src]">
    <!-- NITF requires the reference's media type: told by the file's
         extension (a query or fragment after it aside). -->
    <xsl:variable name="path" select="translate(substring-before(concat(substring-before(concat(@src, '#'), '#'), '?'), '?'),
                                                'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:variable name="extension" select="substring-after(substring($path, string-length($path) - 4), '.')"/>
    <media media-type="image">
      <media-reference source="{@src}">
        <xsl:attribute name="mime-type">
          <xsl:choose>
            <xsl:when test="$extension = 'png'">image/png</xsl:when>
            <xsl:when test="$extension = 'jpg' or $extension = 'jpeg'">image/jpeg</xsl:when>
            <xsl:when test="$extension = 'gif'">image/gif</xsl:when>
            <xsl:when test="$extension = 'svg'">image/svg+xml</xsl:when>
            <xsl:when test="$extension = 'webp'">image/webp</xsl:when>
            <xsl:when test="$extension = 'tif' or $extension = 'tiff'">image/tiff</xsl:when>
            <xsl:otherwise>application/octet-stream</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:if test="@alt">
          <xsl:attribute name="alternate-text">
            <xsl:value-of select="@alt"/>
          </xsl:attribute>
        </xsl:if>
      </media-reference>
      <xsl:if test="r:caption">
        <media-caption>
          <xsl:apply-templates select="r:caption/node()"/>
        </media-caption>
      </xsl:if>
    </media>
  </xsl:template>

  <xsl:template match="r:figure">
    <p>
      <xsl:value-of select="@alt"/>
      <xsl:if test="@alt and r:caption">
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates select="r:caption/node()"/>
    </p>
  </xsl:template>

  <xsl:template match="r:list[@type = 'ordered']">
    <ol>
      <xsl:apply-templates/>
    </ol>
  </xsl:template>

  <xsl:template match="r:list">
    <ul>
      <xsl:apply-templates/>
    </ul>
  </xsl:template>

  <!-- The closing in one tagline, its parts on lines of their own. -->
  <xsl:template match="r:closing">
    <body.end>
      <tagline>
        <xsl:for-each select="*">
          <xsl:if test="position() &gt; 1">
            <br/>
          </xsl:if>
          <xsl:apply-templates/>
        </xsl:for-each>
      </tagline>
    </body.end>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Inline content                                                      -->
  <!-- ================================================================== -->

  <xsl:template match="r:strong">
    <em class="strong">
      <xsl:apply-templates/>
    </em>
  </xsl:template>

  <xsl:template match="r:link">
    <a href="{@href}">
      <xsl:apply-templates/>
    </a>
  </xsl:template>

  <xsl:template match="r:person">
    <person>
      <xsl:apply-templates/>
    </person>
  </xsl:template>

  <!-- "His Excellency the Ambassador": the office is the person's function. -->
  <xsl:template match="r:role">
    <function>
      <xsl:apply-templates/>
    </function>
  </xsl:template>

  <xsl:template match="r:date">
    <chron norm="{@when}">
      <xsl:apply-templates/>
    </chron>
  </xsl:template>

  <xsl:template match="r:place">
    <location>
      <xsl:apply-templates/>
    </location>
  </xsl:template>

  <!-- honorific and name are text inside person. -->

</xsl:stylesheet>
