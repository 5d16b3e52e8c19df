<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: list markers, shared by the text, draft and XSL-FO writers
  (each includes this file; the HTML writer reads a first marker's counter
  with counters.xsl, which this file includes too).

  marker(first, index): the marker of item number index (0-based) of a
  list whose first item's marker is first; by default, of the current
  item, in a for-each over its list's items (first its list's marker,
  index its position less one). The counter is the first run of
  ASCII letters or digits and what surrounds it is kept: "1." 2. 3.;
  "(a)" (b) (c); "I." II. III.; "(i)" (ii) (iii); "a)" b) c); a single
  letter other than i or I counts alphabetically (z, aa); a marker with no
  counter ("•", "-") is repeated.

  A counter longer than nine characters is repeated as it is.

  communique computes the marker with its extension function cq:marker
  (the same rules in C++, a fraction of the templates' cost: the figures
  are in docs/performance.md); another XSLT processor (xsltproc) runs the
  templates. tests/unit/test_stylesheets.cpp holds the
  two to the same results.

  The counter is found with translate() and substring(), not a template
  call per character.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:cq="urn:communique:xslt" exclude-result-prefixes="cq">

  <xsl:template name="marker">
    <xsl:param name="first" select="../@marker"/>
    <xsl:param name="index" select="position() - 1"/>
    <xsl:choose>
      <xsl:when test="function-available('cq:marker')">
        <xsl:value-of select="cq:marker(string($first), number($index))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="marker-in-xslt">
          <xsl:with-param name="first" select="$first"/>
          <xsl:with-param name="index" select="$index"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- marker without the extension function. -->
  <xsl:template name="marker-in-xslt">
    <xsl:param name="first"/>
    <xsl:param name="index"/>
    <xsl:variable name="counter">
      <xsl:call-template name="marker-counter">
        <xsl:with-param name="marker" select="$first"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($counter) = '' or $index = 0 or string-length($counter) &gt; 9">
        <xsl:value-of select="$first"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- What surrounds the counter has no letters or digits, so the
             counter's first occurrence is the counter. -->
        <xsl:value-of select="substring-before($first, $counter)"/>
        <xsl:call-template name="counter-plus">
          <xsl:with-param name="counter" select="string($counter)"/>
          <xsl:with-param name="add" select="$index"/>
        </xsl:call-template>
        <xsl:value-of select="substring-after($first, $counter)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The counter advanced by add, in the counter's own style. -->
  <xsl:template name="counter-plus">
    <xsl:param name="counter"/>
    <xsl:param name="add"/>
    <!-- "lower-roman 4": the counter's style and value (counters.xsl). -->
    <xsl:variable name="style">
      <xsl:call-template name="counter-system">
        <xsl:with-param name="counter" select="$counter"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="system" select="substring-before($style, ' ')"/>
    <xsl:variable name="value" select="number(substring-after($style, ' '))"/>
    <xsl:choose>
      <xsl:when test="$system = 'decimal'">
        <xsl:value-of select="$value + $add"/>
      </xsl:when>
      <xsl:when test="$system = 'lower-roman' or $system = 'upper-roman'">
        <xsl:call-template name="roman">
          <xsl:with-param name="n" select="$value"/>
          <xsl:with-param name="add" select="$add"/>
          <xsl:with-param name="lower" select="$system = 'lower-roman'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$system = 'lower-alpha' or $system = 'upper-alpha'">
        <xsl:call-template name="alphabetic">
          <xsl:with-param name="n" select="$value + $add"/>
          <xsl:with-param name="letters" select="substring('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
                                                           1 + 26 * ($system = 'upper-alpha'), 26)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$counter"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 1 = a, 26 = z, 27 = aa (spreadsheet columns). -->
  <xsl:template name="alphabetic">
    <xsl:param name="n"/>
    <xsl:param name="letters"/>
    <xsl:if test="$n &gt; 26">
      <xsl:call-template name="alphabetic">
        <xsl:with-param name="n" select="floor(($n - 1) div 26)"/>
        <xsl:with-param name="letters" select="$letters"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:value-of select="substring($letters, (($n - 1) mod 26) + 1, 1)"/>
  </xsl:template>

  <!-- n + add in Roman numerals (upper case unless lower). -->
  <xsl:template name="roman">
    <xsl:param name="n"/>
    <xsl:param name="add" select="0"/>
    <xsl:param name="lower" select="false()"/>
    <xsl:variable name="upper-roman">
      <xsl:call-template name="roman-digits">
        <xsl:with-param name="n" select="$n + $add"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="translate($upper-roman, 'IVXLCDM', substring('ivxlcdmIVXLCDM', 1 + 7 * not($lower), 7))"/>
  </xsl:template>

  <!-- n in Roman numerals, upper case: an M for each thousand, then each
       of the other three digits as the units' pattern for it ("IV" for 4,
       "VIII" for 8) in its place's letters (C D M for hundreds, X L C for
       tens, I V X for units); nothing for 0. -->
  <xsl:template name="roman-digits">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n &gt;= 1000">
        <xsl:text>M</xsl:text>
        <xsl:call-template name="roman-digits">
          <xsl:with-param name="n" select="$n - 1000"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="units" select="'|0|1I|2II|3III|4IV|5V|6VI|7VII|8VIII|9IX|'"/>
        <xsl:value-of select="concat(
                                translate(substring-before(substring-after($units, concat('|', floor($n div 100))), '|'),
                                          'IVX', 'CDM'),
                                translate(substring-before(substring-after($units, concat('|', floor($n div 10) mod 10)), '|'),
                                          'IVX', 'XLC'),
                                substring-before(substring-after($units, concat('|', $n mod 10)), '|'))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- marker-counter and counter-system: counters.xsl -->
  <xsl:include href="counters.xsl"/>

</xsl:stylesheet>
