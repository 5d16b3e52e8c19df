<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: the catalog of an archive as data (catalog.json):

    {"version": 1, "generator": {"name": "communique", "version": "0.1.0"},
     "count": 2,
     "releases": [{"source": "2024/04/x.md", "id": "urn:communique:release:...",
                   "date": "2024-04-12" or null, "headline": "...",
                   "issuer": "...", "genre": "...", "place": "...",
                   "kind": "press-release", "language": "en",
                   "outputs": {"html": "2024/04/x.html", ...}}, ...]}

  newest first, one release a line. Like every communique report, keys are
  only ever added.

  Input: the aggregate catalog document (urn:communique:catalog:1), whose
  text has no control characters (src/write/catalog.cpp replaces them), so
  only '\' and '"' need escaping.

  Parts (see catalog-html.xsl): the head comes with the part at offset 0,
  the end with the part where nothing remains, and every release but the
  catalog's first is preceded by a comma.

  Each release is one xsl:value-of: libxslt keeps the whole result as a tree
  of text nodes until it is serialised, and one node per piece of a large
  archive's catalog would cost tens of megabytes.

  XSLT 1.0 + EXSLT (func:function, str:replace).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:c="urn:communique:catalog:1"
                xmlns:func="http://exslt.org/functions"
                xmlns:str="http://exslt.org/strings"
                xmlns:j="urn:communique:catalog-json"
                extension-element-prefixes="func"
                exclude-result-prefixes="c str j">

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- A JSON string: backslashes first, then quotes. -->
  <func:function name="j:string">
    <xsl:param name="s"/>
    <func:result select="concat('&quot;', str:replace(str:replace(string($s), '\', '\\'), '&quot;', '\&quot;'), '&quot;')"/>
  </func:function>

  <xsl:template match="/c:catalog">
    <xsl:variable name="offset" select="number(concat('0', @offset))"/>
    <xsl:if test="$offset = 0">
      <xsl:value-of select="concat('{&#10;  &quot;version&quot;: 1,&#10;  &quot;generator&quot;: {&quot;name&quot;: &quot;communique&quot;, &quot;version&quot;: ',
                                   j:string(@generator-version), '},&#10;  &quot;count&quot;: ', @count,
                                   ',&#10;  &quot;releases&quot;: [')"/>
    </xsl:if>
    <xsl:for-each select="c:release">
      <xsl:variable name="date">
        <xsl:choose>
          <xsl:when test="@date != ''"><xsl:value-of select="j:string(@date)"/></xsl:when>
          <xsl:otherwise>null</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:value-of select="concat(substring(',', 1, $offset + position() - 1), '&#10;    {&quot;source&quot;: ', j:string(@source),
                                   ', &quot;id&quot;: ', j:string(@id), ', &quot;date&quot;: ', $date,
                                   ', &quot;headline&quot;: ', j:string(c:headline),
                                   ', &quot;issuer&quot;: ', j:string(c:issuer), ', &quot;genre&quot;: ', j:string(c:genre),
                                   ', &quot;place&quot;: ', j:string(c:place), ', &quot;kind&quot;: ', j:string(@kind),
                                   ', &quot;language&quot;: ', j:string(@lang), ', &quot;outputs&quot;: {')"/>
      <xsl:for-each select="c:output">
        <xsl:value-of select="concat(substring(', ', 1, 2 * (position() - 1)), j:string(@format), ': ', j:string(@path))"/>
      </xsl:for-each>
      <xsl:text>}}</xsl:text>
    </xsl:for-each>
    <xsl:if test="not(@remaining > 0)">
      <xsl:if test="@count > 0"><xsl:text>&#10;  </xsl:text></xsl:if>
      <xsl:text>]&#10;}&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
