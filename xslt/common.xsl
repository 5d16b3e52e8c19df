<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: what the writers share (HTML and NITF include this file;
  draft, text, XSL-FO and Word through layout.xsl). Included rather than
  imported: libxslt looks a node's template up in every imported
  stylesheet in turn, which a writer would pay for on every node; a
  writer's own run-in template wins by priority instead.

  - the release's elements that hold only elements: their indentation is
    not text.
  - mode "plain": an element's text on one line, whitespace normalised (for
    attributes, titles and metadata); a printed line break is a space.
  - mode "organisations" on the issuer: its organisations on one line,
    "A; B" (a document's creator, publisher or copyright holder).
  - direction(lang): "rtl" for a language written right to left, else "ltr".
  - mode "url" on an address (@href, @src): as a link or an image gives it.
  - $run-in, $run-in-paragraph and mode "run-in": a run-in dateline as it
    opens the body's first paragraph, "PHNOM PENH, 3 March 2024 – "; a
    writer that marks the dateline up overrides mode "run-in" and calls
    run-in-separator itself.
  - key "table-head": the heading rows that open a table.

  What only the writers that set tables and figures out themselves need is
  in layout.xsl (which includes this file), so that the others do not
  compile it.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:r="urn:communique:release:1"
                xmlns:str="http://exslt.org/strings"
                exclude-result-prefixes="r str">

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

  <xsl:template match="r:issuer" mode="organisations">
    <xsl:for-each select="r:organisation">
      <xsl:if test="position() &gt; 1">; </xsl:if>
      <xsl:apply-templates select="." mode="plain"/>
    </xsl:for-each>
  </xsl:template>

  <!-- By the language's primary subtag, in any case: Arabic, Hebrew,
       Persian and Urdu. -->
  <xsl:template name="direction">
    <xsl:param name="lang"/>
    <xsl:variable name="primary" select="translate(substring-before(concat($lang, '-'), '-'),
                                                   'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <xsl:when test="$primary = 'ar' or $primary = 'he' or $primary = 'fa' or $primary = 'ur'">rtl</xsl:when>
      <xsl:otherwise>ltr</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A URL with spaces is not a valid address (an href, a relationship's
       target); they are the only thing a press office is likely to leave
       in one. -->
  <xsl:template match="@*" mode="url">
    <xsl:value-of select="str:replace(normalize-space(.), ' ', '%20')"/>
  </xsl:template>

  <!-- The run-in dateline, and the paragraph it opens: the body's first,
       if the body opens with one (else the writers set the dateline on its
       own). A writer's paragraph template begins
         <xsl:if test="count(. | $run-in-paragraph) = count($run-in-paragraph)">
           <xsl:apply-templates select="$run-in" mode="run-in"/>
         </xsl:if>
       a test on a variable rather than a template call, because it runs
       for every paragraph. -->
  <xsl:variable name="run-in" select="/r:release/r:dateline[@position = 'run-in']"/>
  <xsl:variable name="run-in-paragraph" select="$run-in/../r:body/*[1][self::r:p]"/>

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

  <!-- A table's heading rows, by the table's generate-id(): those before
       its first row of data (a heading row further down is set as data). -->
  <xsl:key name="table-head" match="r:row[@header = 'true' and not(preceding-sibling::r:row[not(@header = 'true')])]"
           use="generate-id(..)"/>

</xsl:stylesheet>
