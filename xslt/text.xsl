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

  <!-- a table's columns, a figure's text (layout.xsl); the run-in
       dateline (common.xsl, which layout.xsl includes) -->
  <xsl:include href="layout.xsl"/>
  <!-- marker (and the counting behind it): markers.xsl -->
  <xsl:include href="markers.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

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
  <!-- Put before each line of a text while it is cut into lines, so that
       str:tokenize keeps the empty ones (a private-use character). -->
  <xsl:variable name="line-mark" select="'&#xE000;'"/>

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
    <xsl:for-each select="r:lunar-date | r:reference | r:genre | r:embargo">
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
        <xsl:if test="count(. | $run-in-paragraph) = count($run-in-paragraph)">
          <xsl:apply-templates select="$run-in" mode="run-in"/>
        </xsl:if>
        <xsl:apply-templates/>
      </xsl:with-param>
      <xsl:with-param name="prefix" select="$indent"/>
    </xsl:call-template>
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
        <xsl:call-template name="marker"/>
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

  <!--
    A table in aligned columns, two spaces between them, a rule of dashes
    under its heading rows; a cell's line breaks become spaces. A table too
    wide for the width is set a cell a line instead, each cell after its
    column's heading ("Province: Siem Reap"), a blank line between rows.
  -->
  <xsl:template match="r:table" mode="block">
    <xsl:param name="indent" select="''"/>
    <xsl:if test="r:caption">
      <xsl:call-template name="lines">
        <xsl:with-param name="text">
          <xsl:apply-templates select="r:caption/node()"/>
        </xsl:with-param>
        <xsl:with-param name="prefix" select="$indent"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:variable name="grid-tree">
      <xsl:for-each select="r:row">
        <row header="{@header = 'true'}">
          <xsl:for-each select="r:cell">
            <xsl:variable name="content">
              <xsl:apply-templates/>
            </xsl:variable>
            <xsl:variable name="text" select="normalize-space($content)"/>
            <cell align="{@align}">
              <xsl:attribute name="width">
                <xsl:call-template name="width">
                  <xsl:with-param name="text" select="$text"/>
                </xsl:call-template>
              </xsl:attribute>
              <xsl:value-of select="$text"/>
            </cell>
          </xsl:for-each>
        </row>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="grid" select="exsl:node-set($grid-tree)/row"/>
    <xsl:variable name="widest-row">
      <xsl:apply-templates select="." mode="widest-row"/>
    </xsl:variable>
    <xsl:variable name="columns-tree">
      <xsl:for-each select="$grid[number($widest-row)]/cell">
        <xsl:variable name="p" select="position()"/>
        <column>
          <xsl:call-template name="maximum">
            <xsl:with-param name="nodes" select="$grid/cell[$p]/@width"/>
          </xsl:call-template>
        </column>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="columns" select="exsl:node-set($columns-tree)/column"/>
    <xsl:variable name="indent-width">
      <xsl:call-template name="width">
        <xsl:with-param name="text" select="$indent"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$indent-width + sum($columns) + 2 * (count($columns) - 1) &lt;= $w">
        <xsl:for-each select="$grid">
          <xsl:value-of select="$indent"/>
          <xsl:call-template name="table-line">
            <xsl:with-param name="cells" select="cell"/>
            <xsl:with-param name="columns" select="$columns"/>
          </xsl:call-template>
          <xsl:value-of select="$nl"/>
          <xsl:if test="@header = 'true' and following-sibling::row[1][@header = 'false']">
            <xsl:value-of select="$indent"/>
            <xsl:for-each select="$columns">
              <xsl:if test="position() &gt; 1">
                <xsl:text>  </xsl:text>
              </xsl:if>
              <xsl:value-of select="str:padding(number(.), '-')"/>
            </xsl:for-each>
            <xsl:value-of select="$nl"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="labels" select="$grid[@header = 'true'][1]/cell"/>
        <xsl:variable name="data" select="$grid[@header = 'false']"/>
        <xsl:for-each select="$data | $grid[not($data)]">
          <xsl:if test="position() &gt; 1">
            <xsl:value-of select="$nl"/>
          </xsl:if>
          <xsl:for-each select="cell">
            <xsl:variable name="p" select="position()"/>
            <xsl:call-template name="lines">
              <xsl:with-param name="text">
                <xsl:if test="$data and string($labels[$p]) != ''">
                  <xsl:value-of select="concat($labels[$p], ': ')"/>
                </xsl:if>
                <xsl:value-of select="."/>
              </xsl:with-param>
              <xsl:with-param name="first-prefix" select="$indent"/>
              <xsl:with-param name="prefix" select="concat($indent, '  ')"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One row's cells padded to their columns' widths; nothing trails the
       last cell's text. -->
  <xsl:template name="table-line">
    <xsl:param name="cells"/>
    <xsl:param name="columns"/>
    <xsl:for-each select="$columns">
      <xsl:variable name="p" select="position()"/>
      <xsl:variable name="cell" select="$cells[$p]"/>
      <xsl:variable name="room" select="number(.) - number(concat('0', $cell/@width))"/>
      <xsl:variable name="last" select="not($cells[position() &gt; $p][string(.) != ''])"/>
      <xsl:if test="$p &gt; 1 and not($last and string($cell) = '')">
        <xsl:text>  </xsl:text>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$last and string($cell) = ''"/>
        <xsl:when test="$cell/@align = 'right'">
          <xsl:value-of select="concat(str:padding($room, ' '), $cell)"/>
        </xsl:when>
        <xsl:when test="$cell/@align = 'centre'">
          <xsl:value-of select="concat(str:padding(floor($room div 2), ' '), $cell)"/>
          <xsl:if test="not($last)">
            <xsl:value-of select="str:padding($room - floor($room div 2), ' ')"/>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$cell"/>
          <xsl:if test="not($last)">
            <xsl:value-of select="str:padding($room, ' ')"/>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A figure is its text (layout.xsl), then its caption. -->
  <xsl:template match="r:figure" mode="block">
    <xsl:param name="indent" select="''"/>
    <xsl:call-template name="lines">
      <xsl:with-param name="text">
        <xsl:apply-templates select="." mode="image-text"/>
        <xsl:if test="r:caption">
          <xsl:value-of select="$nl"/>
          <xsl:apply-templates select="r:caption/node()"/>
        </xsl:if>
      </xsl:with-param>
      <xsl:with-param name="prefix" select="$indent"/>
    </xsl:call-template>
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

  <!-- A newline in the XML's text is a space (a newline here is a printed
       line break). translate() costs libxml2 a buffer append per character:
       text that has none is copied as it is. -->
  <xsl:template match="text()">
    <xsl:choose>
      <xsl:when test="contains(., '&#10;') or contains(., '&#9;') or contains(., '&#13;')">
        <xsl:value-of select="translate(., '&#9;&#10;&#13;', '   ')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="."/>
      </xsl:otherwise>
    </xsl:choose>
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

    Performance: the lines are one node-set (str:tokenize, each line
    behind a mark so that empty lines are kept), not a recursion that
    passes the rest of the text on: that copied the rest once per line
    (quadratic in the number of hard breaks; the figure:
    docs/performance.md) and stopped at libxslt's depth limit. libxslt
    appends text to the output in place only while no result-tree fragment
    has been built since, and otherwise copies the whole text node so far:
    a left-aligned line goes out without a fragment, and each call's lines
    go into an element of their own (which the text output leaves out),
    whatever fragments were built before.
  -->
  <xsl:template name="lines">
    <xsl:param name="text"/>
    <xsl:param name="prefix" select="''"/>
    <xsl:param name="first-prefix" select="$prefix"/>
    <xsl:param name="align" select="''"/>
    <lines>
      <xsl:call-template name="line">
        <xsl:with-param name="line" select="substring-before(concat($text, $nl), $nl)"/>
        <xsl:with-param name="prefix" select="$prefix"/>
        <xsl:with-param name="first-prefix" select="$first-prefix"/>
        <xsl:with-param name="align" select="$align"/>
      </xsl:call-template>
      <!-- The other lines, if any (most paragraphs and items have one). -->
      <xsl:if test="contains($text, $nl)">
        <xsl:for-each select="str:tokenize(concat($line-mark, str:replace(substring-after($text, $nl), $nl, concat($nl, $line-mark))), $nl)">
          <xsl:call-template name="line">
            <xsl:with-param name="line" select="substring(., 2)"/>
            <xsl:with-param name="prefix" select="$prefix"/>
            <xsl:with-param name="align" select="$align"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:if>
    </lines>
  </xsl:template>

  <!--
    One printed line of lines: its text (whitespace collapsed) broken into
    lines of at most $w columns, first-prefix before the first and prefix
    before every other, each aligned and ended with a newline. An empty
    line (two br in a row, an empty item) is its prefix alone, or nothing
    when aligned. Left-aligned lines, nearly all of them, go out as they
    are wrapped, without a fragment.
  -->
  <xsl:template name="line">
    <xsl:param name="line"/>
    <xsl:param name="prefix"/>
    <xsl:param name="first-prefix" select="$prefix"/>
    <xsl:param name="align"/>
    <xsl:choose>
      <xsl:when test="$align != ''">
        <xsl:variable name="wrapped">
          <xsl:call-template name="line">
            <xsl:with-param name="line" select="$line"/>
            <xsl:with-param name="prefix" select="$prefix"/>
            <xsl:with-param name="first-prefix" select="$first-prefix"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:for-each select="str:tokenize($wrapped, $nl)">
          <xsl:call-template name="align">
            <xsl:with-param name="text" select="string(.)"/>
            <xsl:with-param name="align" select="$align"/>
          </xsl:call-template>
          <xsl:value-of select="$nl"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="normalize-space($line) = ''">
        <xsl:value-of select="concat(normalize-space($first-prefix), $nl)"/>
      </xsl:when>
      <xsl:when test="$layout">
        <xsl:value-of select="concat(cq:wrap($line, $w, $first-prefix, $prefix), $nl)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="wrap-at-spaces">
          <xsl:with-param name="words" select="normalize-space($line)"/>
          <xsl:with-param name="line" select="$first-prefix"/>
          <xsl:with-param name="next-prefix" select="$prefix"/>
        </xsl:call-template>
        <xsl:value-of select="$nl"/>
      </xsl:otherwise>
    </xsl:choose>
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

</xsl:stylesheet>
