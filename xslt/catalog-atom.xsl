<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: an Atom 1.0 feed (RFC 4287) of an archive's newest releases
  (feed.atom), for feed readers and for sites that syndicate releases.

  - the newest 50 releases that have a dateline date, newest first;
  - entry/id: urn:communique:release: and the release's path in the
    archive (URL-encoded), so an entry keeps its id from run to run;
  - entry/updated: the dateline's date at 00:00 UTC (nothing here reads the
    clock: the same archive gives the same feed); feed/updated is the
    newest entry's;
  - entry/author: the issuing organisations; entry/category: the kind,
    labelled with the genre as printed;
  - links are relative to the feed, which sits at the top of the output
    folder, or absolute when the catalog has a base URL (option base-url):
    rel="alternate" to the HTML page (or the first output), rel="related"
    to the other formats.

  Parameters:
    title     the feed's title (default "Press releases")
    feed-id   the feed's id (default urn:communique:catalog); give each
              archive its own when feeds are aggregated
    limit     how many entries (default 50)

  XSLT 1.0, no extensions.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:c="urn:communique:catalog:1"
                xmlns="http://www.w3.org/2005/Atom"
                exclude-result-prefixes="c">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="title" select="'Press releases'"/>
  <xsl:param name="feed-id" select="'urn:communique:catalog'"/>
  <xsl:param name="limit" select="50"/>
  <!-- Ends with "/" when set (catalog.cpp). -->
  <xsl:variable name="base" select="string(/c:catalog/@base)"/>

  <xsl:template match="/c:catalog">
    <xsl:variable name="entries" select="c:release[@date != ''][position() &lt;= $limit]"/>
    <feed>
      <id><xsl:value-of select="$feed-id"/></id>
      <title><xsl:value-of select="$title"/></title>
      <updated>
        <xsl:call-template name="timestamp">
          <xsl:with-param name="date" select="$entries[1]/@date"/>
        </xsl:call-template>
      </updated>
      <!-- Every entry has an author; a feed without entries needs its own. -->
      <xsl:if test="not($entries)">
        <author><name>communique</name></author>
      </xsl:if>
      <link rel="self" type="application/atom+xml" href="{$base}feed.atom"/>
      <link rel="alternate" type="text/html" href="{$base}index.html"/>
      <generator version="{@generator-version}">communique</generator>
      <xsl:apply-templates select="$entries"/>
    </feed>
  </xsl:template>

  <xsl:template match="c:release">
    <xsl:variable name="main" select="(c:output[@format = 'html'] | c:output[not(../c:output[@format = 'html'])][1])[1]"/>
    <entry>
      <xsl:if test="@lang != ''">
        <xsl:attribute name="xml:lang"><xsl:value-of select="@lang"/></xsl:attribute>
      </xsl:if>
      <id><xsl:value-of select="@id"/></id>
      <title>
        <xsl:choose>
          <xsl:when test="normalize-space(c:headline) != ''"><xsl:value-of select="c:headline"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@source"/></xsl:otherwise>
        </xsl:choose>
      </title>
      <updated>
        <xsl:call-template name="timestamp">
          <xsl:with-param name="date" select="@date"/>
        </xsl:call-template>
      </updated>
      <author>
        <name>
          <xsl:choose>
            <xsl:when test="normalize-space(c:issuer) != ''"><xsl:value-of select="c:issuer"/></xsl:when>
            <xsl:otherwise>Unknown issuer</xsl:otherwise>
          </xsl:choose>
        </name>
      </author>
      <xsl:if test="@kind != ''">
        <category term="{@kind}">
          <xsl:if test="c:genre != ''">
            <xsl:attribute name="label"><xsl:value-of select="c:genre"/></xsl:attribute>
          </xsl:if>
        </category>
      </xsl:if>
      <summary>
        <xsl:value-of select="c:genre"/>
        <xsl:if test="c:genre != '' and (c:place != '' or @date != '')">, </xsl:if>
        <xsl:value-of select="c:place"/>
        <xsl:if test="c:place != '' and @date != ''">, </xsl:if>
        <xsl:value-of select="@date"/>
      </summary>
      <xsl:for-each select="$main">
        <link rel="alternate" href="{$base}{@href}">
          <xsl:call-template name="type"/>
        </link>
      </xsl:for-each>
      <xsl:for-each select="c:output[generate-id() != generate-id($main)]">
        <link rel="related" href="{$base}{@href}" title="{@format}">
          <xsl:call-template name="type"/>
        </link>
      </xsl:for-each>
    </entry>
  </xsl:template>

  <!-- RFC 3339 from an ISO date; the epoch when there is none. -->
  <xsl:template name="timestamp">
    <xsl:param name="date"/>
    <xsl:choose>
      <xsl:when test="string-length($date) = 10"><xsl:value-of select="$date"/>T00:00:00Z</xsl:when>
      <xsl:otherwise>1970-01-01T00:00:00Z</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The media type of an output, by format name. -->
  <xsl:template name="type">
    <xsl:variable name="type">
      <xsl:choose>
        <xsl:when test="@format = 'html'">text/html</xsl:when>
        <xsl:when test="@format = 'txt'">text/plain</xsl:when>
        <xsl:when test="@format = 'draft'">text/markdown</xsl:when>
        <xsl:when test="@format = 'pdf'">application/pdf</xsl:when>
        <xsl:when test="@format = 'xml' or @format = 'nitf'">application/xml</xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$type != ''">
      <xsl:attribute name="type"><xsl:value-of select="$type"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
