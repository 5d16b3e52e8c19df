<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: reading a list marker's counter, shared by markers.xsl (which
  counts markers on), html.xsl (which describes a list's first marker with
  CSS) and docx.xsl (which describes it as a Word number format). A file of
  its own so that the HTML and Word writers compile only these.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- A marker's counter: its first run of ASCII letters or digits ('' if
       it has none). -->
  <xsl:template name="marker-counter">
    <xsl:param name="marker"/>
    <!-- Every counter character as "0" (the digit 0 is one already). -->
    <xsl:variable name="mask"
                  select="translate($marker, '123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
                          '0000000000000000000000000000000000000000000000000000000000000')"/>
    <xsl:variable name="prefix-length" select="string-length(substring-before(concat($mask, '0'), '0'))"/>
    <!-- The run of "0" that starts the rest of the mask ends before its
         first other character; the "." appended makes sure there is one. -->
    <xsl:variable name="rest" select="concat(substring($mask, $prefix-length + 1), '.')"/>
    <xsl:value-of select="substring($marker, $prefix-length + 1,
                          string-length(substring-before($rest, substring(translate($rest, '0', ''), 1, 1))))"/>
  </xsl:template>

  <!-- What a counter counts in and where it stands: "SYSTEM VALUE", the
       system a CSS counter style (decimal, lower-roman, upper-roman,
       lower-alpha, upper-alpha), the value its number ("iv" is
       "lower-roman 4", "c" "lower-alpha 3"); '' for a counter that counts in
       none ("ab", "a1", ''). -->
  <xsl:template name="counter-system">
    <xsl:param name="counter"/>
    <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
    <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
    <xsl:choose>
      <xsl:when test="$counter != '' and translate($counter, '0123456789', '') = ''">
        <xsl:value-of select="concat('decimal ', number($counter))"/>
      </xsl:when>
      <!-- "i", "ii", "iv" are Roman (all in one case); a single other letter
           ("c", "v") is alphabetic. -->
      <xsl:when test="(translate($counter, 'ivxlcdm', '') = '' or translate($counter, 'IVXLCDM', '') = '')
                      and ($counter = 'i' or $counter = 'I' or string-length($counter) &gt; 1)">
        <xsl:choose>
          <xsl:when test="contains($lower, substring($counter, 1, 1))"><xsl:text>lower-roman </xsl:text></xsl:when>
          <xsl:otherwise><xsl:text>upper-roman </xsl:text></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="roman-value">
          <xsl:with-param name="roman" select="translate($counter, $lower, $upper)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="string-length($counter) = 1 and contains(concat($lower, $upper), $counter)">
        <xsl:choose>
          <xsl:when test="contains($lower, $counter)"><xsl:text>lower-alpha </xsl:text></xsl:when>
          <xsl:otherwise><xsl:text>upper-alpha </xsl:text></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="string-length(substring-before($lower, translate($counter, $upper, $lower))) + 1"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The value of a Roman numeral in capitals. -->
  <xsl:template name="roman-value">
    <xsl:param name="roman"/>
    <xsl:choose>
      <xsl:when test="$roman = ''">0</xsl:when>
      <xsl:otherwise>
        <xsl:variable name="this">
          <xsl:call-template name="roman-digit">
            <xsl:with-param name="c" select="substring($roman, 1, 1)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="next">
          <xsl:call-template name="roman-digit">
            <xsl:with-param name="c" select="substring($roman, 2, 1)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="rest">
          <xsl:call-template name="roman-value">
            <xsl:with-param name="roman" select="substring($roman, 2)"/>
          </xsl:call-template>
        </xsl:variable>
        <!-- IV: a smaller digit before a larger one is subtracted. -->
        <xsl:choose>
          <xsl:when test="number($this) &lt; number($next)">
            <xsl:value-of select="$rest - $this"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="$rest + $this"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="roman-digit">
    <xsl:param name="c"/>
    <xsl:choose>
      <xsl:when test="$c = 'I'">1</xsl:when>
      <xsl:when test="$c = 'V'">5</xsl:when>
      <xsl:when test="$c = 'X'">10</xsl:when>
      <xsl:when test="$c = 'L'">50</xsl:when>
      <xsl:when test="$c = 'C'">100</xsl:when>
      <xsl:when test="$c = 'D'">500</xsl:when>
      <xsl:when test="$c = 'M'">1000</xsl:when>
      <xsl:otherwise>0</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
