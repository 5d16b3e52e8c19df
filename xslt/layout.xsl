<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: what the writers that set tables and figures out themselves
  share (text, draft, XSL-FO and Word each include this file, and through
  it common.xsl; HTML and NITF leave that to their readers, include
  common.xsl alone and do not compile this).

  - mode "widest-row" on a table: which row sets its columns.
  - mode "column-share" on a cell of that row: how much of the width its
    column asks for.
  - maximum(nodes): the greatest measure of a set of rows, cells or
    numbers (XSLT 1.0 has no max()).
  - mode "image-text" on a figure: "[Image: alt]", for the writers that
    show no image.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:r="urn:communique:release:1"
                exclude-result-prefixes="r">

  <!-- What every writer shares. -->
  <xsl:include href="common.xsl"/>

  <!-- A table has a column for each cell of its widest row: that row's
       number among the table's rows (the first, if several are as wide). -->
  <xsl:template match="r:table" mode="widest-row">
    <xsl:variable name="cells">
      <xsl:call-template name="maximum">
        <xsl:with-param name="nodes" select="r:row"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="count(r:row[count(r:cell) = $cells][1]/preceding-sibling::r:row) + 1"/>
  </xsl:template>

  <!-- A column's share of the table's width, for the writers that set
       tables across the page (the context: the column's cell in the widest
       row): the length of the column's longest text, from 4 to 40, so that
       a long cell wraps rather than starving the others. -->
  <xsl:template match="r:cell" mode="column-share">
    <xsl:variable name="p" select="count(preceding-sibling::r:cell) + 1"/>
    <xsl:variable name="longest">
      <xsl:call-template name="maximum">
        <xsl:with-param name="nodes" select="../../r:row/r:cell[$p]"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$longest &lt; 4">4</xsl:when>
      <xsl:when test="$longest &gt; 40">40</xsl:when>
      <xsl:otherwise><xsl:value-of select="$longest"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The greatest measure of nodes, '' for none. A node's measure: a
       table row's, how many cells it has; a cell's, how many characters its
       text has (whitespace normalised); any other node's (an attribute that
       holds a width), its value as a number. XSLT 1.0 has no max(): the
       first in descending order is the greatest. -->
  <xsl:template name="maximum">
    <xsl:param name="nodes"/>
    <xsl:for-each select="$nodes">
      <xsl:sort select="count(self::r:row/r:cell) + string-length(normalize-space(self::r:cell))
                        + sum(self::node()[not(self::r:row or self::r:cell)])"
                data-type="number" order="descending"/>
      <xsl:if test="position() = 1">
        <xsl:value-of select="count(self::r:row/r:cell) + string-length(normalize-space(self::r:cell))
                              + sum(self::node()[not(self::r:row or self::r:cell)])"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- No image is embedded (nor fetched): its alternative text (else its
       address) in brackets. -->
  <xsl:template match="r:figure" mode="image-text">
    <xsl:text>[Image</xsl:text>
    <xsl:if test="normalize-space(@alt | @src[not(../@alt)]) != ''">
      <xsl:value-of select="concat(': ', normalize-space(@alt | @src[not(../@alt)]))"/>
    </xsl:if>
    <xsl:text>]</xsl:text>
  </xsl:template>

</xsl:stylesheet>
