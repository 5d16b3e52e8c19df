<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: the catalog of an archive as one HTML5 page (index.html):
  every release, newest first, grouped by year, with its date, issuer,
  genre and headline, the headline linking to the release's HTML (or its
  first output) and a link to each output.

  Input: the aggregate catalog document (namespace urn:communique:catalog:1,
  see src/write/catalog.cpp), already sorted, hrefs already URL-encoded.

  Parts: communique gives the catalog a few hundred releases at a time, so
  that its memory does not grow with the archive. Each part is a catalog
  document with the whole catalog's attributes (count, updated, ...) and
  these: offset (releases before this part), remaining (releases after
  it), previous-year and next-year (the year of the release just before
  and just after the part, when there is one). The page is the parts'
  outputs one after the other, each but the last without the line break
  the serialiser ends a document with: the head comes with the part at
  offset 0, the end of the page with the part where nothing remains. A
  document without them is the whole catalog in one part, as xsltproc is
  given it.

  Parameters:
    title   the page's title and heading (default "Press releases")

  XSLT 1.0, no extensions.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:c="urn:communique:catalog:1"
                exclude-result-prefixes="c">

  <!-- The tags of the elements that stay open from one part to the next
       (html, body, main, section, table, tbody) are written as text, with
       the line breaks libxml2's HTML serialiser gives them in a whole page;
       the rest are elements. No doctype-system here: every part would get
       a doctype. -->
  <xsl:output method="html" encoding="UTF-8" indent="yes"/>

  <xsl:param name="title" select="'Press releases'"/>

  <!-- Muenchian grouping: the releases of one year ("" for undated). -->
  <xsl:key name="by-year" match="c:release" use="@year"/>

  <xsl:template match="/c:catalog">
    <xsl:if test="not(@offset > 0)">
      <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;&lt;html lang="en"&gt;&#10;</xsl:text>
      <head>
        <!-- The serialiser keeps this one declaration (and adds none). -->
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="communique {@generator-version}"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="alternate" type="application/atom+xml" href="feed.atom" title="{$title}"/>
        <link rel="alternate" type="application/json" href="catalog.json"/>
        <style>
          <xsl:call-template name="css"/>
        </style>
      </head>
      <xsl:text disable-output-escaping="yes">&#10;&lt;body&gt;&#10;</xsl:text>
      <header>
        <h1><xsl:value-of select="$title"/></h1>
        <p>
          <xsl:value-of select="@count"/>
          <xsl:choose>
            <xsl:when test="@count = 1"> release</xsl:when>
            <xsl:otherwise> releases</xsl:otherwise>
          </xsl:choose>
          <xsl:text> · </xsl:text>
          <a href="feed.atom">Atom feed</a>
          <xsl:text> · </xsl:text>
          <a href="catalog.json">JSON</a>
        </p>
      </header>
      <xsl:text disable-output-escaping="yes">&lt;main&gt;</xsl:text>
      <xsl:if test="not(c:release)">
        <p>No releases.</p>
      </xsl:if>
    </xsl:if>
    <xsl:for-each select="c:release[generate-id() = generate-id(key('by-year', @year)[1])]">
      <xsl:variable name="year" select="@year"/>
      <xsl:variable name="rows" select="key('by-year', $year)"/>
      <xsl:variable name="opened" select="position() = 1 and ../@previous-year and ../@previous-year = $year"/>
      <xsl:variable name="closed" select="not(position() = last() and ../@next-year and ../@next-year = $year)"/>
      <!-- One row in all: the serialiser puts no line breaks around it. -->
      <xsl:variable name="break" select="substring('&#10;', 1, number(count($rows) > 1 or $opened or not($closed)))"/>
      <xsl:if test="not($opened)">
        <xsl:text disable-output-escaping="yes">&lt;section&gt;</xsl:text>
        <h2>
          <xsl:choose>
            <xsl:when test="$year != ''"><xsl:value-of select="$year"/></xsl:when>
            <xsl:otherwise>Undated</xsl:otherwise>
          </xsl:choose>
        </h2>
        <xsl:text disable-output-escaping="yes">&#10;&lt;table&gt;&#10;</xsl:text>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Issuer</th>
            <th scope="col">Genre</th>
            <th scope="col">Headline</th>
            <th scope="col">Formats</th>
          </tr>
        </thead>
        <xsl:value-of disable-output-escaping="yes" select="concat('&#10;&lt;tbody&gt;', $break)"/>
      </xsl:if>
      <xsl:for-each select="$rows">
        <xsl:if test="position() > 1 or $opened"><xsl:text>&#10;</xsl:text></xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
      <xsl:if test="$closed">
        <xsl:value-of disable-output-escaping="yes" select="concat($break, '&lt;/tbody&gt;&#10;&lt;/table&gt;&lt;/section&gt;')"/>
      </xsl:if>
    </xsl:for-each>
    <xsl:if test="not(@remaining > 0)">
      <xsl:text disable-output-escaping="yes">&lt;/main&gt;&#10;&lt;/body&gt;&#10;&lt;/html&gt;</xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="c:release">
    <xsl:variable name="main" select="(c:output[@format = 'html'] | c:output[not(../c:output[@format = 'html'])][1])[1]"/>
    <tr>
      <td class="date">
        <xsl:choose>
          <xsl:when test="@date != ''">
            <time datetime="{@date}"><xsl:value-of select="@date"/></time>
          </xsl:when>
          <xsl:otherwise>–</xsl:otherwise>
        </xsl:choose>
      </td>
      <td><xsl:value-of select="c:issuer"/></td>
      <td><xsl:value-of select="c:genre"/></td>
      <td class="headline">
        <xsl:if test="@lang != ''">
          <xsl:attribute name="lang"><xsl:value-of select="@lang"/></xsl:attribute>
        </xsl:if>
        <xsl:variable name="text">
          <xsl:choose>
            <xsl:when test="normalize-space(c:headline) != ''"><xsl:value-of select="c:headline"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="@source"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$main">
            <a href="{$main/@href}"><xsl:value-of select="$text"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="c:place != ''">
          <span class="place"><xsl:value-of select="c:place"/></span>
        </xsl:if>
      </td>
      <td class="formats">
        <xsl:for-each select="c:output">
          <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
          <a href="{@href}"><xsl:value-of select="@format"/></a>
        </xsl:for-each>
      </td>
    </tr>
  </xsl:template>

  <xsl:template name="css">
    <xsl:text>
body { font-family: "Noto Sans", "Noto Sans Khmer", "Khmer OS Battambang", system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid #eee; }
th { font-size: 0.85rem; color: #555; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.headline a { font-weight: 600; }
td.headline .place { display: block; font-size: 0.85rem; color: #555; }
td.formats a { font-size: 0.85rem; margin-right: 0.3rem; }
[lang|="km"] { line-height: 1.8; }
@media print { a { color: inherit; text-decoration: none; } td.formats { display: none; } }
</xsl:text>
  </xsl:template>

</xsl:stylesheet>
