<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: the release written back as a draft, in ONE canonical form.

  Reading the output with communique's draft reader gives back the same
  release XML. The shapes below are the ones src/read/draft_reader.cpp
  recognises:

    STATE
    MOTTO                       state and motto: one paragraph, two lines

    **ORGANISATION LINE 1
    ORGANISATION LINE 2**       each organisation: a bold paragraph

    Unit                        each unit, lunar date, reference and the
                                genre label: a paragraph of its own
    GENRE

    Place, date                 dateline "top"
                                (header blocks and a top dateline in the
                                order the draft had them, if known)
    Headline
    *Subheadline*
    Place, date                 dateline "under-headline"
    Body ...                    (a run-in dateline opens the first paragraph:
                                 "PLACE, date – text")
    Closing paragraphs          those that stood above an end dateline
    Place, date                 dateline "end"
    Closing paragraphs, end mark

  Paragraphs are one line each (a br is a backslash line break); blocks are
  separated by one blank line; Markdown-significant characters in text are
  backslash-escaped so that they come back as text.

  XSLT 1.0 + EXSLT (str:replace, str:padding, exsl:node-set), as provided by
  libxslt/libexslt. Parameters: date-format (the configuration's [dates]
  format): how the dates of English text are written, from their ISO value:
  "day-month-year" (12 April 2024), "month-day-year" (April 12, 2024) or
  "iso" (2024-04-12); empty, the default: as the draft had them. Dates in
  other languages are always kept as written. header-order and
  closing-before-dateline: see below.

  Spacing is normalised: a run of spaces (tabs, line ends) in text is one
  space.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:r="urn:communique:release:1"
                xmlns:str="http://exslt.org/strings"
                xmlns:exsl="http://exslt.org/common"
                exclude-result-prefixes="r str exsl">

  <!-- a table's columns (layout.xsl); the run-in dateline (common.xsl,
       which layout.xsl includes) -->
  <xsl:include href="layout.xsl"/>
  <!-- marker (and the counting behind it): markers.xsl -->
  <xsl:include href="markers.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="date-format" select="''"/>
  <!-- Where the draft had what the XML's order cannot say, set by the
       writer from where the reader found each block, so that they stay
       there. header-order: the header's blocks, numbered as the header
       template makes them, and "dateline" for a top dateline, in the order
       they stood ("2 1 dateline 3": the ministry above the national
       header); default: that order, the dateline after them.
       closing-before-dateline: how many of the closing's blocks stood
       above an end dateline ("For media enquiries: ..." over "Phnom Penh,
       12 April 2024"); default none. -->
  <xsl:param name="header-order" select="''"/>
  <xsl:param name="closing-before-dateline" select="0"/>

  <xsl:variable name="nl" select="'&#10;'"/>
  <!-- Put before each piece of a text while it is cut at a separator, so
       that str:tokenize keeps the empty ones (a private-use character). -->
  <xsl:variable name="piece-mark" select="'&#xE000;'"/>

  <!-- ================================================================== -->
  <!-- The document: a sequence of blocks joined by blank lines.           -->
  <!-- ================================================================== -->

  <xsl:template match="/r:release">
    <xsl:variable name="blocks">
      <xsl:variable name="header">
        <xsl:apply-templates select="r:header"/>
      </xsl:variable>
      <xsl:variable name="header-blocks" select="exsl:node-set($header)/block"/>
      <xsl:variable name="release" select="."/>
      <xsl:choose>
        <xsl:when test="$header-order != ''">
          <xsl:for-each select="str:tokenize($header-order, ' ')">
            <xsl:choose>
              <xsl:when test=". = 'dateline'">
                <xsl:apply-templates select="$release/r:dateline[@position = 'top']" mode="block"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:copy-of select="$header-blocks[position() = number(current())]"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:copy-of select="$header-blocks"/>
          <xsl:apply-templates select="r:dateline[@position = 'top']" mode="block"/>
        </xsl:otherwise>
      </xsl:choose>
      <block><xsl:apply-templates select="r:headline"/></block>
      <xsl:if test="r:subheadline">
        <block>*<xsl:apply-templates select="r:subheadline"/>*</block>
      </xsl:if>
      <!-- A run-in dateline needs a paragraph to open; without one it stands
           on its own line before the body. -->
      <xsl:apply-templates select="r:dateline[@position = 'under-headline' or
                                              (@position = 'run-in' and not(../r:body/*[1][self::r:p]))]"
                           mode="block"/>
      <xsl:apply-templates select="r:body/*" mode="block"/>
      <xsl:apply-templates select="r:closing/*[position() &lt;= number($closing-before-dateline)]" mode="block"/>
      <xsl:apply-templates select="r:dateline[@position = 'end']" mode="block"/>
      <xsl:apply-templates select="r:closing/*[position() &gt; number($closing-before-dateline)]" mode="block"/>
    </xsl:variable>
    <xsl:call-template name="join-blocks">
      <xsl:with-param name="blocks" select="exsl:node-set($blocks)/block"/>
    </xsl:call-template>
    <xsl:value-of select="$nl"/>
  </xsl:template>

  <!-- Blocks (the <block> elements of a temporary tree) separated by one blank line. -->
  <xsl:template name="join-blocks">
    <xsl:param name="blocks"/>
    <xsl:for-each select="$blocks">
      <xsl:if test="position() &gt; 1">
        <xsl:value-of select="concat($nl, $nl)"/>
      </xsl:if>
      <xsl:value-of select="."/>
    </xsl:for-each>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Header                                                              -->
  <!-- ================================================================== -->

  <xsl:template match="r:header">
    <!-- The national header is one paragraph: the reader takes the line
         after the state line as the motto. -->
    <xsl:if test="r:state or r:motto">
      <block>
        <xsl:apply-templates select="r:state"/>
        <xsl:if test="r:state and r:motto">
          <xsl:value-of select="$nl"/>
        </xsl:if>
        <xsl:apply-templates select="r:motto"/>
      </block>
    </xsl:if>
    <!-- Bold is what marks an organisation whatever its words. -->
    <xsl:for-each select="r:issuer/r:organisation">
      <block>**<xsl:apply-templates/>**</block>
    </xsl:for-each>
    <xsl:for-each select="r:issuer/r:unit | r:lunar-date | r:reference | r:genre | r:embargo">
      <block><xsl:apply-templates/></block>
    </xsl:for-each>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Body blocks                                                         -->
  <!-- ================================================================== -->

  <xsl:template match="r:p" mode="block">
    <block>
      <xsl:if test="count(. | $run-in-paragraph) = count($run-in-paragraph)">
        <xsl:apply-templates select="$run-in" mode="run-in"/>
      </xsl:if>
      <xsl:apply-templates/>
    </block>
  </xsl:template>

  <xsl:template match="r:dateline" mode="block">
    <block><xsl:apply-templates/></block>
  </xsl:template>

  <xsl:template match="r:subheading" mode="block">
    <block>## <xsl:apply-templates/></block>
  </xsl:template>

  <!-- Each line of the quoted blocks gets "> "; the blank lines between
       them get ">". -->
  <xsl:template match="r:quote" mode="block">
    <block>
      <xsl:call-template name="prefix-lines">
        <xsl:with-param name="text">
          <xsl:call-template name="blocks-of"/>
        </xsl:with-param>
        <xsl:with-param name="prefix" select="'&gt; '"/>
      </xsl:call-template>
    </block>
  </xsl:template>

  <!--
    A pipe table. Its first row is the heading row when it is one; else the
    heading row is written empty, which the reader leaves out (a Markdown
    table must have one). The delimiter row gives each column the alignment
    of its first cell below the headings. A caption, which Markdown tables
    do not have, is a paragraph above it.
  -->
  <xsl:template match="r:table" mode="block">
    <xsl:if test="r:caption">
      <block><xsl:apply-templates select="r:caption/node()"/></block>
    </xsl:if>
    <xsl:variable name="widest-row">
      <xsl:apply-templates select="." mode="widest-row"/>
    </xsl:variable>
    <xsl:variable name="widest" select="count(r:row[number($widest-row)]/r:cell)"/>
    <xsl:variable name="head" select="r:row[1][@header = 'true']"/>
    <!-- The first row below the headings, else the first row. Not
         "(A | B)[1]": libxml2 evaluates [1] on a union by taking the first
         node of each side, and its optimiser swaps the sides of a compiled
         union by what they cost before, so which row came first depended on
         the releases converted earlier in the process. -->
    <xsl:variable name="first" select="r:row[not(@header = 'true')][1] | r:row[1][not(../r:row[not(@header = 'true')])]"/>
    <block>
      <xsl:call-template name="table-row">
        <xsl:with-param name="cells" select="$head/r:cell"/>
        <xsl:with-param name="columns" select="$widest"/>
      </xsl:call-template>
      <xsl:value-of select="$nl"/>
      <xsl:text>|</xsl:text>
      <xsl:for-each select="str:tokenize(str:padding($widest, 'x'), '')">
        <xsl:variable name="p" select="position()"/>
        <xsl:variable name="a" select="$first/r:cell[$p]/@align"/>
        <xsl:choose>
          <xsl:when test="$a = 'right'"> ---: |</xsl:when>
          <xsl:when test="$a = 'centre'"> :---: |</xsl:when>
          <xsl:otherwise> --- |</xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:for-each select="r:row[count(. | $head) != count($head)]">
        <xsl:value-of select="$nl"/>
        <xsl:call-template name="table-row">
          <xsl:with-param name="cells" select="r:cell"/>
          <xsl:with-param name="columns" select="$widest"/>
        </xsl:call-template>
      </xsl:for-each>
    </block>
  </xsl:template>

  <!-- "| a | b |", short rows filled with empty cells. -->
  <xsl:template name="table-row">
    <xsl:param name="cells"/>
    <xsl:param name="columns"/>
    <xsl:text>|</xsl:text>
    <xsl:for-each select="$cells">
      <xsl:text> </xsl:text>
      <xsl:apply-templates/>
      <xsl:text> |</xsl:text>
    </xsl:for-each>
    <xsl:value-of select="str:padding(($columns - count($cells)) * 3, '  |')"/>
  </xsl:template>

  <!-- In a cell, a pipe would end it: it is escaped, and nothing there
       starts a line. The text is cut at its pipes as escape-entities cuts
       at ampersands: no fragment is built (see text() on why). -->
  <xsl:template match="r:cell//text()">
    <xsl:variable name="text" select="translate(., '&#9;&#10;&#13;', '   ')"/>
    <xsl:choose>
      <xsl:when test="contains($text, '|')">
        <xsl:for-each select="str:tokenize(concat($piece-mark, str:replace($text, '|', concat('|', $piece-mark))), '|')">
          <xsl:if test="position() &gt; 1">\|</xsl:if>
          <xsl:call-template name="escape">
            <xsl:with-param name="text" select="substring(., 2)"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="escape">
          <xsl:with-param name="text" select="$text"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A line break in a cell cannot be a line end (that would end the
       row): the reader takes <br> there as one. -->
  <xsl:template match="r:cell//r:br">&lt;br&gt;</xsl:template>

  <!-- ![alt](src "caption") alone in its paragraph. -->
  <xsl:template match="r:figure" mode="block">
    <block>
      <xsl:text>![</xsl:text>
      <xsl:call-template name="escape">
        <xsl:with-param name="text" select="normalize-space(@alt)"/>
      </xsl:call-template>
      <xsl:text>](</xsl:text>
      <xsl:if test="normalize-space(@src) = ''">&lt;&gt;</xsl:if>
      <xsl:call-template name="destination">
        <xsl:with-param name="href" select="normalize-space(@src)"/>
      </xsl:call-template>
      <xsl:if test="r:caption">
        <xsl:value-of select="concat(' &quot;', str:replace(str:replace(normalize-space(r:caption), '\', '\\'), '&quot;', '\&quot;'), '&quot;')"/>
      </xsl:if>
      <xsl:text>)</xsl:text>
    </block>
  </xsl:template>

  <!-- The children of the context element as blocks joined by blank lines. -->
  <xsl:template name="blocks-of">
    <xsl:variable name="blocks">
      <xsl:apply-templates select="*" mode="block"/>
    </xsl:variable>
    <xsl:call-template name="join-blocks">
      <xsl:with-param name="blocks" select="exsl:node-set($blocks)/block"/>
    </xsl:call-template>
  </xsl:template>

  <!--
    Lists. Markers CommonMark knows ("1.", "1)", "-", "*", "+") make a
    Markdown list, one item per line; the others ("(a)", "I.", "•", ...)
    make one paragraph whose lines start with the markers, which the reader
    takes as a list. Both are written the same way: marker, space, item;
    continuation lines and nested lists indented by the marker's width.
  -->
  <xsl:template match="r:list" mode="block">
    <!-- Two lists in a row would merge into one: an HTML comment, which the
         reader skips, keeps them apart. -->
    <xsl:variable name="previous" select="preceding-sibling::*[1][self::r:list]"/>
    <xsl:if test="$previous">
      <xsl:variable name="shape">
        <xsl:call-template name="marker-shape">
          <xsl:with-param name="marker" select="@marker"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="previous-shape">
        <xsl:call-template name="marker-shape">
          <xsl:with-param name="marker" select="$previous/@marker"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="$shape = $previous-shape">
        <block>&lt;!-- --&gt;</block>
      </xsl:if>
    </xsl:if>
    <block><xsl:apply-templates select="." mode="lines"/></block>
  </xsl:template>

  <!-- Each item's lines go into an element of their own (a block's text is
       its string value): libxslt appends text in place only while no
       result-tree fragment has been built since, and builds some for every
       item, so one text node for a list of 50,000 items would be copied
       once per item. -->
  <xsl:template match="r:list" mode="lines">
    <xsl:for-each select="r:item">
      <item>
      <xsl:variable name="marker">
        <xsl:call-template name="marker"/>
      </xsl:variable>
      <xsl:variable name="indent" select="str:padding(string-length($marker) + 1, ' ')"/>
      <xsl:if test="position() &gt; 1">
        <xsl:value-of select="$nl"/>
      </xsl:if>
      <xsl:call-template name="prefix-lines">
        <xsl:with-param name="text">
          <xsl:apply-templates select="node()[not(self::r:list)]"/>
        </xsl:with-param>
        <xsl:with-param name="first-prefix" select="concat($marker, ' ')"/>
        <xsl:with-param name="prefix" select="$indent"/>
      </xsl:call-template>
      <xsl:for-each select="r:list">
        <xsl:value-of select="$nl"/>
        <xsl:call-template name="prefix-lines">
          <xsl:with-param name="text">
            <xsl:apply-templates select="." mode="lines"/>
          </xsl:with-param>
          <xsl:with-param name="prefix" select="$indent"/>
        </xsl:call-template>
      </xsl:for-each>
      </item>
    </xsl:for-each>
  </xsl:template>

  <!-- Closing paragraphs are written like body paragraphs (their lines are
       plain lines, see r:br); an end mark exactly as printed. -->
  <xsl:template match="r:end-mark" mode="block">
    <block><xsl:value-of select="."/></block>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Inline content                                                      -->
  <!-- ================================================================== -->

  <xsl:template match="r:em">*<xsl:apply-templates/>*</xsl:template>

  <xsl:template match="r:strong">**<xsl:apply-templates/>**</xsl:template>

  <!-- "**His Excellency SOK Chenda Sophea**": the reader finds the honorific. -->
  <xsl:template match="r:person">
    <xsl:text>**</xsl:text>
    <xsl:call-template name="escape">
      <xsl:with-param name="text" select="normalize-space(.)"/>
    </xsl:call-template>
    <xsl:text>**</xsl:text>
  </xsl:template>

  <xsl:template match="r:link">
    <xsl:text>[</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>](</xsl:text>
    <xsl:call-template name="destination">
      <xsl:with-param name="href" select="@href"/>
    </xsl:call-template>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- Dates and places are found again by the reader from their text; a
       date of English text is written in the format asked for, if any. -->
  <xsl:template match="r:place">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="r:date">
    <xsl:choose>
      <xsl:when test="$date-format = '' or not(lang('en')) or string-length(@when) != 10">
        <xsl:apply-templates/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="year" select="substring(@when, 1, 4)"/>
        <xsl:variable name="day" select="number(substring(@when, 9, 2))"/>
        <xsl:variable name="month"
                      select="substring-before(substring-after(
                                '|01January|02February|03March|04April|05May|06June|07July|08August|09September|10October|11November|12December|',
                                concat('|', substring(@when, 6, 2))), '|')"/>
        <xsl:choose>
          <xsl:when test="$date-format = 'iso'"><xsl:value-of select="@when"/></xsl:when>
          <xsl:when test="$date-format = 'month-day-year'">
            <xsl:value-of select="concat($month, ' ', $day, ', ', $year)"/>
          </xsl:when>
          <xsl:when test="$date-format = 'day-month-year'">
            <xsl:value-of select="concat($day, ' ', $month, ' ', $year)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:message terminate="yes">date-format is "day-month-year", "month-day-year" or "iso", not "<xsl:value-of select="$date-format"/>"</xsl:message>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- In the header and the closing a line break is a plain new line (the
       reader keeps their lines); elsewhere it is a hard line break. -->
  <xsl:template match="r:br">
    <xsl:if test="not(ancestor::r:header or ancestor::r:closing)">\</xsl:if>
    <xsl:value-of select="$nl"/>
  </xsl:template>

  <!--
    A text node, escaped. line-start: whether it begins a printed line:
    nothing before it in its line (it is first in its block, or follows a
    br), looking through date and place, which write only their text; first
    in an em, strong or link, it follows the opening delimiter. Only the
    nearest sibling is taken ([1] alone is a step libxml2 stops at; with a
    second predicate it walks every earlier sibling). Over-escaping is
    harmless (the reader sees the same text), so this only has to be safe.

    Performance: the templates that run for every inline piece build no
    result-tree fragment (no variable or parameter with content, only
    select): libxslt appends text to the output in place only while no
    fragment has been built since, and otherwise copies the whole text so
    far, which makes a long paragraph quadratic (the figure:
    docs/performance.md).
  -->
  <xsl:template match="text()">
    <xsl:variable name="node" select="ancestor-or-self::node()[not(parent::r:date or parent::r:place)][1]"/>
    <xsl:variable name="before" select="$node/preceding-sibling::node()[1]"/>
    <!-- Line breaks in the XML's text are spaces, as in the draft; a run
         of spaces is one (normalize-space, less the trim: the space
         between this text and an em, a link or a date stays). Only the
         first and last characters are translated: translate() costs
         libxml2 a buffer append per character. -->
    <xsl:variable name="words" select="normalize-space()"/>
    <xsl:call-template name="escape">
      <xsl:with-param name="text"
                      select="concat(substring(' ', 1, number(translate(substring(., 1, 1), '&#9;&#10;&#13;', '   ') = ' ')),
                                     $words,
                                     substring(' ', 1, number($words != '' and
                                                              translate(substring(., string-length()), '&#9;&#10;&#13;', '   ') = ' ')))"/>
      <xsl:with-param name="line-start"
                      select="boolean($before[self::r:br]) or
                              (not($before) and not($node/parent::r:em or $node/parent::r:strong or $node/parent::r:link))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Escaping                                                            -->
  <!-- ================================================================== -->

  <!--
    Backslash-escapes what Markdown would read as markup:
      everywhere           \ * _ [ ] ` <  and & that could start an entity
      in a heading         #  (a closing "#" sequence would be dropped)
      at a line's start    # > + - = ~ and "12." / "12)" (list markers,
                           headings, quotes, setext underlines, fences)
  -->
  <xsl:template name="escape">
    <xsl:param name="text"/>
    <xsl:param name="line-start" select="false()"/>
    <xsl:variable name="marks" select="'\*_[]`&lt;'"/>
    <xsl:variable name="heading" select="boolean(ancestor::r:subheading)"/>
    <xsl:choose>
      <!-- Most texts have none of the marks and do not start a line:
           nothing to do, and no template to call. -->
      <xsl:when test="not($line-start) and translate($text, concat($marks, '&amp;'), '') = $text
                      and not($heading and contains($text, '#'))">
        <xsl:value-of select="$text"/>
      </xsl:when>
      <!-- No marks: no replacing (seven passes). -->
      <xsl:when test="translate($text, $marks, '') = $text and not($heading and contains($text, '#'))">
        <xsl:call-template name="escape-start">
          <xsl:with-param name="text" select="$text"/>
          <xsl:with-param name="line-start" select="$line-start"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- "#" becomes "\#" in a heading, and stays "#" elsewhere. -->
        <xsl:call-template name="escape-start">
          <xsl:with-param name="text"
                          select="str:replace(str:replace(str:replace(str:replace(str:replace(str:replace(str:replace(str:replace(
                                    $text, '\', '\\'), '*', '\*'), '_', '\_'), '[', '\['), ']', '\]'), '`', '\`'), '&lt;', '\&lt;'),
                                    '#', concat(substring('\', 1, number($heading)), '#'))"/>
          <xsl:with-param name="line-start" select="$line-start"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- At a line's start, what would begin a block there gets its
       backslash: before a "#", ">", "+", "-", "=" or "~", after the digits
       of "12." or "12)"; then ampersands (escape-entities, which writes the
       rest). Neither escape touches what the other looks at, so their
       order is free. -->
  <xsl:template name="escape-start">
    <xsl:param name="text"/>
    <xsl:param name="line-start"/>
    <xsl:variable name="block" select="$line-start and $text != '' and contains('#&gt;+-=~', substring($text, 1, 1))"/>
    <!-- The digits the text starts with (up to ten; a marker has at most
         nine), counted without a template call so that no fragment is built
         for each line. -->
    <xsl:variable name="head" select="translate(substring($text, 1, 10), '123456789', '000000000')"/>
    <xsl:variable name="digits"
                  select="string-length(substring-before($head, substring(translate($head, '0', ''), 1, 1)))"/>
    <xsl:variable name="number" select="$line-start and not($block) and $digits &gt; 0
                                        and contains('.)', substring($text, $digits + 1, 1))
                                        and substring($text, $digits + 1, 1) != ''"/>
    <!-- What stands before the backslash: nothing, or the number's digits. -->
    <xsl:variable name="kept" select="$digits * $number"/>
    <xsl:value-of select="concat(substring($text, 1, $kept), substring('\', 1, number($block or $number)))"/>
    <xsl:call-template name="escape-entities">
      <xsl:with-param name="text" select="substring($text, $kept + 1)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "&amp;amp;" in a draft is "&amp;": an ampersand that starts what looks
       like an entity or character reference ("&amp;name;", "&amp;#123;") gets a
       backslash; "AT&amp;T" and "R &amp; D" stay as they are. What follows an
       ampersand up to the next one decides its escape: the text is cut at
       ampersands in one pass (str:tokenize, each piece behind a mark so that
       empty ones are kept), not by a recursion that passes the rest on and
       copies it once per ampersand. -->
  <xsl:template name="escape-entities">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&amp;')">
        <xsl:for-each select="str:tokenize(concat($piece-mark, str:replace($text, '&amp;', concat('&amp;', $piece-mark))), '&amp;')">
          <xsl:variable name="piece" select="substring(., 2)"/>
          <xsl:if test="position() &gt; 1">
            <xsl:variable name="name" select="substring-before($piece, ';')"/>
            <xsl:if test="$name != '' and string-length($name) &lt;= 32 and
                          translate($name, '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ#', '') = ''">\</xsl:if>
            <xsl:text>&amp;</xsl:text>
          </xsl:if>
          <xsl:value-of select="$piece"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A link destination: backslash-escaped, or in angle brackets when it
       has spaces (a bare destination cannot). -->
  <xsl:template name="destination">
    <xsl:param name="href"/>
    <xsl:if test="contains($href, ' ')">&lt;</xsl:if>
    <xsl:call-template name="escape-entities">
      <xsl:with-param name="text"
                      select="str:replace(str:replace(str:replace(str:replace(str:replace(
                                $href, '\', '\\'), '(', '\('), ')', '\)'), '&lt;', '\&lt;'), '&gt;', '\&gt;')"/>
    </xsl:call-template>
    <xsl:if test="contains($href, ' ')">&gt;</xsl:if>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Lines                                                               -->
  <!-- ================================================================== -->

  <!-- Each line of text with a prefix (first-prefix on the first line);
       empty lines get the prefix without its trailing spaces. The lines are
       one node-set, as in escape-entities: no recursion copying the rest of
       the text once per line. -->
  <xsl:template name="prefix-lines">
    <xsl:param name="text"/>
    <xsl:param name="prefix"/>
    <xsl:param name="first-prefix" select="$prefix"/>
    <xsl:for-each select="str:tokenize(concat($piece-mark, str:replace(string($text), $nl, concat($nl, $piece-mark))), $nl)">
      <xsl:variable name="line" select="substring(., 2)"/>
      <xsl:variable name="this-prefix" select="concat(substring($first-prefix, 1, number(position() = 1) * string-length($first-prefix)),
                                                      substring($prefix, 1, number(position() != 1) * string-length($prefix)))"/>
      <xsl:if test="position() &gt; 1">
        <xsl:value-of select="$nl"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$line = ''">
          <xsl:value-of select="normalize-space($this-prefix)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat($this-prefix, $line)"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!--
    What makes two lists one for the reader: the same bullet, the same
    delimiter after a number, the same family of pseudo markers. The marker
    with digits as "1", lower-case letters as "a", upper-case Roman digits
    as "I" and other capitals as "A", runs squeezed: "(iv)" is "(a)", "12."
    is "1.", "IV." is "I.".
  -->
  <xsl:template name="marker-shape">
    <xsl:param name="marker"/>
    <xsl:call-template name="squeeze">
      <xsl:with-param name="text"
                      select="translate($marker,
                                '0123456789abcdefghijklmnopqrstuvwxyzABDEFGHJKMNOPQRSTUWYZCILVX',
                                '1111111111aaaaaaaaaaaaaaaaaaaaaaaaaaAAAAAAAAAAAAAAAAAAAAAIIIII')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- text with each run of one repeated character cut to one. -->
  <xsl:template name="squeeze">
    <xsl:param name="text"/>
    <xsl:param name="last" select="''"/>
    <xsl:if test="$text != ''">
      <xsl:variable name="c" select="substring($text, 1, 1)"/>
      <xsl:if test="$c != $last">
        <xsl:value-of select="$c"/>
      </xsl:if>
      <xsl:call-template name="squeeze">
        <xsl:with-param name="text" select="substring($text, 2)"/>
        <xsl:with-param name="last" select="$c"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
