<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: the release as plain text, laid out like the printed document.

  Parameter
    width   columns per line (default 72)

  The header (state, motto, issuer, lunar date, reference, genre) and the
  headline are centred; paragraphs are wrapped between words; list items
  keep their markers with a hanging indent; quotes are indented by four
  spaces; the dateline stands where it stood in the release (an end
  dateline is set to the right). No markup characters are added.

  Line breaking and widths come from extension functions that communique
  registers in the namespace urn:communique:xslt:
    cq:wrap(text, width[, first-prefix, next-prefix])  ICU line breaks, so
        Khmer and Thai break between words; widths in terminal columns
    cq:width(text)          terminal columns (combining marks 0, wide 2)
    cq:center(text, width)  text left-padded to stand centred
  Run by another XSLT processor (xsltproc), the stylesheet falls back to
  breaking at spaces and counting characters.

  XSLT 1.0 + EXSLT (str:padding, str:tokenize, exsl:node-set).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:r="urn:communique:release:1"
                xmlns:cq="urn:communique:xslt"
                xmlns:str="http://exslt.org/strings"
                xmlns:exsl="http://exslt.org/common"
                exclude-result-prefixes="r cq str exsl">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:strip-space elements="r:release r:header r:issuer r:body r:list r:quote r:closing"/>

  <!-- Columns per line. communique passes parameters as strings. -->
  <xsl:param name="width" select="72"/>

  <xsl:variable name="columns">
    <xsl:choose>
      <xsl:when test="number($width) &gt;= 1">
        <xsl:value-of select="floor(number($width))"/>
      </xsl:when>
      <xsl:otherwise>72</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="w" select="number($columns)"/>

  <!-- True inside communique; false in a plain XSLT processor. -->
  <xsl:variable name="layout"
                select="function-available('cq:wrap') and function-available('cq:width')
                         and function-available('cq:center')"/>

  <xsl:variable name="nl" select="'&#10;'"/>
  <xsl:variable name="en-dash" select="' &#x2013; '"/>

  <!-- ================================================================== -->
  <!-- The document: blocks separated by a blank line                      -->
  <!-- ================================================================== -->

  <xsl:template match="/r:release">
    <xsl:variable name="blocks">
      <xsl:apply-templates select="r:header"/>
      <xsl:apply-templates select="r:dateline[@position = 'top']" mode="block"/>
      <block>
        <xsl:apply-templates select="r:headline | r:subheadline" mode="centred"/>
      </block>
      <!-- A run-in dateline needs a paragraph to open; without one it stands
           on its own line before the body. -->
      <xsl:apply-templates select="r:dateline[@position = 'under-headline' or
                                              (@position = 'run-in' and not(../r:body/*[1][self::r:p]))]"
                           mode="block"/>
      <xsl:if test="r:body/*">
        <block>
          <xsl:apply-templates select="r:body" mode="blocks"/>
        </block>
      </xsl:if>
      <xsl:apply-templates select="r:dateline[@position = 'end']" mode="block"/>
      <xsl:for-each select="r:closing/*">
        <block>
          <xsl:apply-templates select="." mode="block"/>
        </block>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="exsl:node-set($blocks)/block[string(.) != '']">
      <xsl:if test="position() &gt; 1">
        <xsl:value-of select="$nl"/>
      </xsl:if>
      <xsl:value-of select="."/>
    </xsl:for-each>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Header: every line centred                                          -->
  <!-- ================================================================== -->

  <xsl:template match="r:header">
    <block>
      <xsl:apply-templates select="r:state | r:motto" mode="centred"/>
    </block>
    <block>
      <xsl:apply-templates select="r:issuer/*" mode="centred"/>
    </block>
    <xsl:for-each select="r:lunar-date | r:reference | r:genre">
      <block>
        <xsl:apply-templates select="." mode="centred"/>
      </block>
    </xsl:for-each>
  </xsl:template>

  <!-- An element's text, each printed line (br) wrapped and centred. -->
  <xsl:template match="*" mode="centred">
    <xsl:call-template name="lines">
      <xsl:with-param name="text">
        <xsl:apply-templates/>
      </xsl:with-param>
      <xsl:with-param name="align" select="'centre'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Body blocks (mode "block", each line indented by $indent)           -->
  <!-- ================================================================== -->

  <!-- The children of the context element as blocks with blank lines
       between them. -->
  <xsl:template match="*" mode="blocks">
    <xsl:param name="indent" select="''"/>
    <xsl:for-each select="*">
      <xsl:if test="position() &gt; 1">
        <xsl:value-of select="$nl"/>
      </xsl:if>
      <xsl:apply-templates select="." mode="block">
        <xsl:with-param name="indent" select="$indent"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="r:p | r:subheading" mode="block">
    <xsl:param name="indent" select="''"/>
    <xsl:call-template name="lines">
      <xsl:with-param name="text">
        <xsl:if test="parent::r:body and not(preceding-sibling::*[1])">
          <xsl:apply-templates select="/r:release/r:dateline[@position = 'run-in']" mode="run-in"/>
        </xsl:if>
        <xsl:apply-templates/>
      </xsl:with-param>
      <xsl:with-param name="prefix" select="$indent"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "PHNOM PENH, 3 March 2024 – " before the first paragraph; a dateline
       that ends with a full stop needs no dash. -->
  <xsl:template match="r:dateline" mode="run-in">
    <xsl:apply-templates/>
    <xsl:choose>
      <xsl:when test="substring(., string-length(.)) = '.'">
        <xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$en-dash"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="r:quote" mode="block">
    <xsl:param name="indent" select="''"/>
    <xsl:apply-templates select="." mode="blocks">
      <xsl:with-param name="indent" select="concat($indent, '    ')"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- Items with their markers in sequence; continuation lines and nested
       lists hang under the item's text. -->
  <xsl:template match="r:list" mode="block">
    <xsl:param name="indent" select="''"/>
    <xsl:for-each select="r:item">
      <xsl:variable name="marker">
        <xsl:call-template name="marker">
          <xsl:with-param name="first" select="../@marker"/>
          <xsl:with-param name="index" select="position() - 1"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="marker-width">
        <xsl:call-template name="width">
          <xsl:with-param name="text" select="$marker"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="hanging" select="concat($indent, str:padding($marker-width + 1, ' '))"/>
      <xsl:call-template name="lines">
        <xsl:with-param name="text">
          <xsl:apply-templates select="node()[not(self::r:list)]"/>
        </xsl:with-param>
        <xsl:with-param name="first-prefix" select="concat($indent, $marker, ' ')"/>
        <xsl:with-param name="prefix" select="$hanging"/>
      </xsl:call-template>
      <xsl:apply-templates select="r:list" mode="block">
        <xsl:with-param name="indent" select="$hanging"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- Datelines on a line of their own: at the end set to the right, as
       printed; above or under the headline left as they are. -->
  <xsl:template match="r:dateline" mode="block">
    <block>
      <xsl:call-template name="lines">
        <xsl:with-param name="text">
          <xsl:apply-templates/>
        </xsl:with-param>
        <xsl:with-param name="align">
          <xsl:if test="@position = 'end'">right</xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </block>
  </xsl:template>

  <!-- Closing paragraphs are laid out like body paragraphs; the end mark is
       centred. -->
  <xsl:template match="r:end-mark" mode="block">
    <xsl:apply-templates select="." mode="centred"/>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Inline content as plain text; a br is a newline                     -->
  <!-- ================================================================== -->

  <xsl:template match="text()">
    <xsl:value-of select="translate(., '&#9;&#10;&#13;', '   ')"/>
  </xsl:template>

  <xsl:template match="r:br">
    <xsl:value-of select="$nl"/>
  </xsl:template>

  <!-- A link's address follows its text, unless the text is the address. -->
  <xsl:template match="r:link">
    <xsl:apply-templates/>
    <xsl:if test="normalize-space(.) != normalize-space(@href)">
      <xsl:value-of select="concat(' (', @href, ')')"/>
    </xsl:if>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Layout                                                              -->
  <!-- ================================================================== -->

  <!--
    Lays out text whose printed lines are separated by newlines (br): each
    is wrapped to the width; first-prefix starts the first line, prefix
    every later one. align: '' (left), 'centre' or 'right'. Every output
    line ends with a newline.
  -->
  <xsl:template name="lines">
    <xsl:param name="text"/>
    <xsl:param name="prefix" select="''"/>
    <xsl:param name="first-prefix" select="$prefix"/>
    <xsl:param name="align" select="''"/>
    <xsl:variable name="line">
      <xsl:choose>
        <xsl:when test="contains($text, $nl)">
          <xsl:value-of select="substring-before($text, $nl)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$text"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="wrapped">
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="$line"/>
        <xsl:with-param name="first-prefix" select="$first-prefix"/>
        <xsl:with-param name="next-prefix" select="$prefix"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$align = ''">
        <xsl:value-of select="concat($wrapped, $nl)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="str:tokenize($wrapped, $nl)">
          <xsl:call-template name="align">
            <xsl:with-param name="text" select="string(.)"/>
            <xsl:with-param name="align" select="$align"/>
          </xsl:call-template>
          <xsl:value-of select="$nl"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="contains($text, $nl)">
      <xsl:call-template name="lines">
        <xsl:with-param name="text" select="substring-after($text, $nl)"/>
        <xsl:with-param name="prefix" select="$prefix"/>
        <xsl:with-param name="align" select="$align"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- One line centred or set to the right in the width. -->
  <xsl:template name="align">
    <xsl:param name="text"/>
    <xsl:param name="align"/>
    <xsl:choose>
      <xsl:when test="$align = 'centre' and $layout">
        <xsl:value-of select="cq:center($text, $w)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="text-width">
          <xsl:call-template name="width">
            <xsl:with-param name="text" select="$text"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="room" select="$w - $text-width"/>
        <xsl:choose>
          <xsl:when test="$align = 'centre'">
            <xsl:value-of select="str:padding(floor($room div 2), ' ')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="str:padding($room, ' ')"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Terminal columns of text. -->
  <xsl:template name="width">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="$layout">
        <xsl:value-of select="cq:width($text)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="string-length($text)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text (whitespace collapsed) broken into lines of at most $w
       columns joined by newlines, prefixes included; no final newline. -->
  <xsl:template name="wrap">
    <xsl:param name="text"/>
    <xsl:param name="first-prefix" select="''"/>
    <xsl:param name="next-prefix" select="''"/>
    <xsl:choose>
      <xsl:when test="normalize-space($text) = ''">
        <!-- An empty line (two br in a row, an empty item): its marker only. -->
        <xsl:value-of select="normalize-space($first-prefix)"/>
      </xsl:when>
      <xsl:when test="$layout">
        <xsl:value-of select="cq:wrap($text, $w, $first-prefix, $next-prefix)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="wrap-at-spaces">
          <xsl:with-param name="words" select="normalize-space($text)"/>
          <xsl:with-param name="line" select="$first-prefix"/>
          <xsl:with-param name="next-prefix" select="$next-prefix"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    The fallback: words are added to the line while it stays within $w
    characters; a word longer than a whole line is cut. One call per word,
    so a paragraph of a few thousand words would reach libxslt's default
    recursion limit; press releases are far shorter.
  -->
  <xsl:template name="wrap-at-spaces">
    <xsl:param name="words"/>
    <xsl:param name="line"/>
    <xsl:param name="next-prefix"/>
    <xsl:param name="empty" select="true()"/>
    <xsl:variable name="word" select="substring-before(concat($words, ' '), ' ')"/>
    <xsl:variable name="gap" select="substring(' ', 1, number(not($empty)))"/>
    <xsl:choose>
      <xsl:when test="$words = ''">
        <xsl:value-of select="$line"/>
      </xsl:when>
      <xsl:when test="string-length($line) + string-length($gap) + string-length($word) &lt;= $w">
        <xsl:call-template name="wrap-at-spaces">
          <xsl:with-param name="words" select="substring-after($words, ' ')"/>
          <xsl:with-param name="line" select="concat($line, $gap, $word)"/>
          <xsl:with-param name="next-prefix" select="$next-prefix"/>
          <xsl:with-param name="empty" select="false()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="not($empty)">
        <xsl:value-of select="concat($line, $nl)"/>
        <xsl:call-template name="wrap-at-spaces">
          <xsl:with-param name="words" select="$words"/>
          <xsl:with-param name="line" select="$next-prefix"/>
          <xsl:with-param name="next-prefix" select="$next-prefix"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- The word does not fit even on an empty line: cut it. -->
        <xsl:variable name="room">
          <xsl:choose>
            <xsl:when test="$w - string-length($line) &gt; 0">
              <xsl:value-of select="$w - string-length($line)"/>
            </xsl:when>
            <xsl:otherwise>1</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:value-of select="concat($line, substring($word, 1, $room), $nl)"/>
        <xsl:call-template name="wrap-at-spaces">
          <xsl:with-param name="words" select="substring($words, $room + 1)"/>
          <xsl:with-param name="line" select="$next-prefix"/>
          <xsl:with-param name="next-prefix" select="$next-prefix"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- List markers                                                        -->
  <!-- ================================================================== -->

  <!--
    The marker of item number index (0-based) of a list whose first marker
    is first: "1." 2. 3.; "(a)" (b) (c); "I." II. III.; "(i)" (ii) (iii);
    "a)" b) c); a bullet stays the same. The counter is the first run of
    letters or digits; what surrounds it is kept.
  -->
  <xsl:template name="marker">
    <xsl:param name="first"/>
    <xsl:param name="index"/>
    <xsl:variable name="alnum" select="'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
    <!-- prefix: what comes before the counter; counter: the run itself -->
    <xsl:variable name="rest-after-prefix">
      <xsl:call-template name="from-first-of">
        <xsl:with-param name="text" select="$first"/>
        <xsl:with-param name="chars" select="$alnum"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="prefix" select="substring($first, 1, string-length($first) - string-length($rest-after-prefix))"/>
    <xsl:variable name="suffix">
      <xsl:call-template name="from-first-not-of">
        <xsl:with-param name="text" select="$rest-after-prefix"/>
        <xsl:with-param name="chars" select="$alnum"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="counter" select="substring($rest-after-prefix, 1, string-length($rest-after-prefix) - string-length($suffix))"/>
    <xsl:choose>
      <xsl:when test="$counter = '' or $index = 0">
        <xsl:value-of select="$first"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$prefix"/>
        <xsl:call-template name="counter-plus">
          <xsl:with-param name="counter" select="$counter"/>
          <xsl:with-param name="add" select="$index"/>
        </xsl:call-template>
        <xsl:value-of select="$suffix"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The counter advanced by add, in the counter's own style. -->
  <xsl:template name="counter-plus">
    <xsl:param name="counter"/>
    <xsl:param name="add"/>
    <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
    <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
    <xsl:choose>
      <xsl:when test="translate($counter, '0123456789', '') = ''">
        <xsl:value-of select="number($counter) + $add"/>
      </xsl:when>
      <!-- "i", "ii", "iv" are Roman; a single other letter ("c", "v") is alphabetic. -->
      <xsl:when test="translate($counter, 'ivxlcdm', '') = '' and ($counter = 'i' or string-length($counter) &gt; 1)">
        <xsl:call-template name="roman">
          <xsl:with-param name="n">
            <xsl:call-template name="roman-value">
              <xsl:with-param name="roman" select="translate($counter, $lower, $upper)"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="add" select="$add"/>
          <xsl:with-param name="lower" select="true()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="translate($counter, 'IVXLCDM', '') = '' and ($counter = 'I' or string-length($counter) &gt; 1)">
        <xsl:call-template name="roman">
          <xsl:with-param name="n">
            <xsl:call-template name="roman-value">
              <xsl:with-param name="roman" select="$counter"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="add" select="$add"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="string-length($counter) = 1 and contains($lower, $counter)">
        <xsl:call-template name="alphabetic">
          <xsl:with-param name="n" select="string-length(substring-before($lower, $counter)) + 1 + $add"/>
          <xsl:with-param name="letters" select="$lower"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="string-length($counter) = 1 and contains($upper, $counter)">
        <xsl:call-template name="alphabetic">
          <xsl:with-param name="n" select="string-length(substring-before($upper, $counter)) + 1 + $add"/>
          <xsl:with-param name="letters" select="$upper"/>
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
    <xsl:choose>
      <xsl:when test="$lower">
        <xsl:value-of select="translate($upper-roman, 'IVXLCDM', 'ivxlcdm')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$upper-roman"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="roman-digits">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n &gt;= 1000">M<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 1000"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 900">CM<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 900"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 500">D<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 500"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 400">CD<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 400"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 100">C<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 100"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 90">XC<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 90"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 50">L<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 50"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 40">XL<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 40"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 10">X<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 10"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 9">IX<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 9"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 5">V<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 5"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 4">IV<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 4"/></xsl:call-template></xsl:when>
      <xsl:when test="$n &gt;= 1">I<xsl:call-template name="roman-digits"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- text from its first character that is in chars ('' if none is). -->
  <xsl:template name="from-first-of">
    <xsl:param name="text"/>
    <xsl:param name="chars"/>
    <xsl:choose>
      <xsl:when test="$text = '' or contains($chars, substring($text, 1, 1))">
        <xsl:value-of select="$text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="from-first-of">
          <xsl:with-param name="text" select="substring($text, 2)"/>
          <xsl:with-param name="chars" select="$chars"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- text from its first character that is not in chars. -->
  <xsl:template name="from-first-not-of">
    <xsl:param name="text"/>
    <xsl:param name="chars"/>
    <xsl:choose>
      <xsl:when test="$text = '' or not(contains($chars, substring($text, 1, 1)))">
        <xsl:value-of select="$text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="from-first-not-of">
          <xsl:with-param name="text" select="substring($text, 2)"/>
          <xsl:with-param name="chars" select="$chars"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
