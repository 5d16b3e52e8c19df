<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: what the writers share (draft, text, HTML, NITF, XSL-FO and
  Word each include this file). Included rather than imported: libxslt
  looks a node's template up in every imported stylesheet in turn, which a
  writer would pay for on every node; a writer's own run-in template wins
  by priority instead.

  - the release's elements that hold only elements: their indentation is
    not text.
  - mode "plain": an element's text on one line, whitespace normalised (for
    attributes, titles and metadata); a printed line break is a space.
  - mode "run-in": a run-in dateline as it opens the first paragraph,
    "PHNOM PENH, 3 March 2024 – "; a writer that marks the dateline up
    overrides it and calls run-in-separator itself.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:r="urn:communique:release:1"
                exclude-result-prefixes="r">

  <xsl:strip-space elements="r:release r:header r:issuer r:body r:list r:quote r:table r:row r:figure r:closing"/>

  <xsl:template match="*" mode="plain">
    <xsl:variable name="text">
      <xsl:apply-templates mode="plain-text"/>
    </xsl:variable>
    <xsl:value-of select="normalize-space($text)"/>
  </xsl:template>

  <xsl:template match="r:br" mode="plain-text">
    <xsl:text> </xsl:text>
  </xsl:template>

  <xsl:template match="r:dateline" mode="run-in" priority="-1">
    <xsl:apply-templates/>
    <xsl:call-template name="run-in-separator"/>
  </xsl:template>

  <!-- What follows a run-in dateline (the context node): " – " (U+2013 EN
       DASH), or a space after one that ends with a full stop. The reader
       strips the dateline and this separator from the paragraph. -->
  <xsl:template name="run-in-separator">
    <xsl:choose>
      <xsl:when test="substring(., string-length(.)) = '.'">
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text> &#x2013; </xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
