<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: what the writers of a markup vocabulary share (HTML and NITF
  include this file, after common.xsl). NITF took these elements from
  HTML, names and all, so the release's elements that map onto them map
  onto both alike: emphasis (em), list items (li), table rows (tr) and
  cells (th in a heading row, else td), a table's caption, line breaks
  (br) and paragraphs (p, its language as the vocabulary marks it by mode
  "language" on its xml:lang, opened by a run-in dateline: mode "run-in",
  common.xsl). What else a vocabulary gives a cell (its alignment) is its
  mode "cell-attributes".

  The elements below are in this file's default namespace,
  urn:communique:markup, which each writer maps onto its own vocabulary's
  (none for HTML, NITF's for NITF) with
    xmlns:m="urn:communique:markup"
    <xsl:namespace-alias stylesheet-prefix="m" result-prefix="#default"/>
  The alias is resolved when the stylesheet is compiled: these are
  literal result elements, as fast as the writer's own, where xsl:element
  with a computed name or namespace would be parsed again for every
  element it writes (a quarter more instructions for a page). They have
  no prefix, so that the output has none either.

  A house stylesheet that imports html.xsl or nitf.xsl overrides any of
  these with a template rule of its own (r:em, r:p, ...), which wins by
  import precedence.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:r="urn:communique:release:1"
                xmlns="urn:communique:markup"
                exclude-result-prefixes="r">

  <!-- The run-in test is on a variable, not a template call: it runs for
       every paragraph (see common.xsl). -->
  <xsl:template match="r:p">
    <p>
      <xsl:apply-templates select="@xml:lang" mode="language"/>
      <xsl:if test="count(. | $run-in-paragraph) = count($run-in-paragraph)">
        <xsl:apply-templates select="$run-in" mode="run-in"/>
      </xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="r:em">
    <em>
      <xsl:apply-templates/>
    </em>
  </xsl:template>

  <xsl:template match="r:item">
    <li>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <xsl:template match="r:table/r:caption">
    <caption>
      <xsl:apply-templates/>
    </caption>
  </xsl:template>

  <xsl:template match="r:row">
    <tr>
      <xsl:apply-templates/>
    </tr>
  </xsl:template>

  <xsl:template match="r:row[@header = 'true']/r:cell">
    <th>
      <xsl:apply-templates select="." mode="cell-attributes"/>
      <xsl:apply-templates/>
    </th>
  </xsl:template>

  <xsl:template match="r:cell">
    <td>
      <xsl:apply-templates select="." mode="cell-attributes"/>
      <xsl:apply-templates/>
    </td>
  </xsl:template>

  <xsl:template match="r:br">
    <br/>
  </xsl:template>

</xsl:stylesheet>
