<?xml version="1.0" encoding="UTF-8"?>
<!--
  communique: the release as a standalone HTML5 page that reads like the
  official document: national header and issuer centred, the genre label,
  the headline, justified paragraphs, the dateline where it stood, the
  closing block. Embedded CSS for screen and print (A4); Khmer fonts and a
  line height for Khmer stacked vowels; schema.org NewsArticle JSON-LD.

  No parameters. To adapt the page, import this stylesheet and override
  a named template (see xslt/README.md):
    css          the built-in style sheet
    css-extra    more CSS after it (empty)
    head-extra   more elements at the end of <head> (empty)
    page-header  content before the article (empty)
    footer       content after the article (empty)
    json-ld      the structured data
  or any template rule for the release's elements (r:person, r:date, ...;
  those HTML shares with NITF are in markup.xsl).

  XSLT 1.0 + EXSLT (str:replace).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:r="urn:communique:release:1"
                xmlns:str="http://exslt.org/strings"
                xmlns:date="http://exslt.org/dates-and-times"
                xmlns:m="urn:communique:markup"
                exclude-result-prefixes="r str date m">

  <!-- mode plain, direction, the run-in dateline: common.xsl -->
  <xsl:include href="common.xsl"/>
  <!-- paragraphs, emphasis, list items, table rows and cells, line breaks:
       markup.xsl, whose elements (in the namespace m) are HTML's, in no namespace -->
  <xsl:include href="markup.xsl"/>
  <xsl:namespace-alias stylesheet-prefix="m" result-prefix="#default"/>
  <!-- marker-counter and counter-system: counters.xsl -->
  <xsl:include href="counters.xsl"/>

  <!-- about:legacy-compat makes libxslt write <!DOCTYPE html>. -->
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <!-- ================================================================== -->
  <!-- The page                                                            -->
  <!-- ================================================================== -->

  <xsl:template match="/">
    <xsl:variable name="lang" select="r:release/@xml:lang"/>
    <html lang="{$lang}">
      <xsl:attribute name="dir">
        <xsl:call-template name="direction">
          <xsl:with-param name="lang" select="$lang"/>
        </xsl:call-template>
      </xsl:attribute>
      <head>
        <!-- The serialiser keeps this one declaration (and adds none). -->
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:apply-templates select="r:release/r:headline" mode="plain"/>
        </title>
        <xsl:variable name="description">
          <xsl:call-template name="description"/>
        </xsl:variable>
        <xsl:if test="$description != ''">
          <meta name="description" content="{$description}"/>
        </xsl:if>
        <style>
          <xsl:call-template name="css"/>
          <xsl:if test="r:release/r:body//r:table | r:release/r:body//r:figure">
            <xsl:call-template name="css-tables"/>
          </xsl:if>
          <xsl:call-template name="css-extra"/>
        </style>
        <script type="application/ld+json">
          <xsl:call-template name="json-ld"/>
        </script>
        <xsl:call-template name="head-extra"/>
      </head>
      <body>
        <xsl:call-template name="page-header"/>
        <xsl:apply-templates select="r:release"/>
        <xsl:call-template name="footer"/>
      </body>
    </html>
  </xsl:template>

  <!-- Override points, empty here. -->
  <xsl:template name="css-extra"/>
  <xsl:template name="head-extra"/>
  <xsl:template name="page-header"/>
  <xsl:template name="footer"/>

  <!-- ================================================================== -->
  <!-- Metadata                                                            -->
  <!-- ================================================================== -->

  <!-- The first paragraph, whitespace normalised, cut at a word boundary
       to at most 160 characters. -->
  <xsl:template name="description">
    <xsl:variable name="paragraph">
      <xsl:apply-templates select="/r:release/r:body/r:p[1]" mode="plain"/>
    </xsl:variable>
    <xsl:variable name="text" select="normalize-space($paragraph)"/>
    <xsl:choose>
      <xsl:when test="string-length($text) &lt;= 160">
        <xsl:value-of select="$text"/>
      </xsl:when>
      <xsl:otherwise>
        <!-- Up to the last space in the first 161 characters: whole words,
             160 characters at most. -->
        <xsl:variable name="cut">
          <xsl:call-template name="before-last-space">
            <xsl:with-param name="text" select="substring($text, 1, 161)"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="normalize-space($cut) != ''">
            <xsl:value-of select="$cut"/>
          </xsl:when>
          <!-- No space at all (Khmer, Thai): cut anywhere. -->
          <xsl:otherwise>
            <xsl:value-of select="substring($text, 1, 159)"/>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text>&#x2026;</xsl:text>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="before-last-space">
    <xsl:param name="text"/>
    <xsl:if test="contains($text, ' ')">
      <xsl:value-of select="substring-before($text, ' ')"/>
      <xsl:if test="contains(substring-after($text, ' '), ' ')">
        <xsl:text> </xsl:text>
        <xsl:call-template name="before-last-space">
          <xsl:with-param name="text" select="substring-after($text, ' ')"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- schema.org NewsArticle. -->
  <xsl:template name="json-ld">
    <xsl:variable name="release" select="/r:release"/>
    <xsl:variable name="dateline" select="$release/r:dateline"/>
    <xsl:text>&#10;{&#10;  "@context": "https://schema.org",&#10;  "@type": "NewsArticle"</xsl:text>
    <xsl:call-template name="json-member">
      <xsl:with-param name="name" select="'headline'"/>
      <xsl:with-param name="value">
        <xsl:apply-templates select="$release/r:headline" mode="plain"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="$release/r:subheadline">
      <xsl:call-template name="json-member">
        <xsl:with-param name="name" select="'alternativeHeadline'"/>
        <xsl:with-param name="value">
          <xsl:apply-templates select="$release/r:subheadline" mode="plain"/>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$dateline/r:date/@when">
      <xsl:call-template name="json-member">
        <xsl:with-param name="name" select="'datePublished'"/>
        <xsl:with-param name="value" select="$dateline/r:date/@when"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="json-member">
      <xsl:with-param name="name" select="'dateline'"/>
      <xsl:with-param name="value">
        <xsl:apply-templates select="$dateline" mode="plain"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="json-member">
      <xsl:with-param name="name" select="'inLanguage'"/>
      <xsl:with-param name="value" select="$release/@xml:lang"/>
    </xsl:call-template>
    <xsl:if test="$release/r:header/r:issuer/r:organisation">
      <xsl:text>,&#10;  "publisher": {&#10;    "@type": "Organization",&#10;    "name": </xsl:text>
      <xsl:call-template name="json-string">
        <xsl:with-param name="value">
          <xsl:apply-templates select="$release/r:header/r:issuer" mode="organisations"/>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:text>&#10;  }</xsl:text>
    </xsl:if>
    <xsl:text>&#10;}&#10;</xsl:text>
  </xsl:template>

  <!-- ',\n  "name": "value"' -->
  <xsl:template name="json-member">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:value-of select="concat(',&#10;  &quot;', $name, '&quot;: ')"/>
    <xsl:call-template name="json-string">
      <xsl:with-param name="value" select="$value"/>
    </xsl:call-template>
  </xsl:template>

  <!--
    A JSON string literal. Backslash first, so that the escapes added after
    it stay single; line breaks and tabs become spaces; "</" cannot end the
    script element and "<!-" cannot open a comment in it; U+2028 is
    escaped for older JavaScript parsers.
  -->
  <xsl:template name="json-string">
    <xsl:param name="value"/>
    <xsl:text>"</xsl:text>
    <xsl:value-of select="str:replace(str:replace(str:replace(
                            translate(str:replace(str:replace($value, '\', '\\'), '&quot;', '\&quot;'),
                                      '&#9;&#10;&#13;', '   '),
                            '&lt;/', '&lt;\/'), '&lt;!', '\u003C!'), '&#x2028;', '\u2028')"/>
    <xsl:text>"</xsl:text>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- The release                                                         -->
  <!-- ================================================================== -->

  <xsl:template match="r:release">
    <article class="release {@kind}">
      <header class="release-header">
        <xsl:apply-templates select="r:header"/>
        <xsl:apply-templates select="r:dateline[@position = 'top']"/>
        <xsl:apply-templates select="r:headline"/>
        <xsl:apply-templates select="r:subheadline"/>
        <xsl:apply-templates select="r:dateline[@position = 'under-headline']"/>
      </header>
      <div class="release-body">
        <!-- A run-in dateline opens the first paragraph; without one it
             stands on its own. -->
        <xsl:if test="not(r:body/*[1][self::r:p])">
          <xsl:apply-templates select="r:dateline[@position = 'run-in']"/>
        </xsl:if>
        <xsl:apply-templates select="r:body/*"/>
      </div>
      <xsl:apply-templates select="r:dateline[@position = 'end']"/>
      <xsl:apply-templates select="r:closing"/>
    </article>
  </xsl:template>

  <xsl:template match="r:header">
    <xsl:if test="r:state or r:motto">
      <div class="national">
        <xsl:apply-templates select="r:state | r:motto"/>
      </div>
    </xsl:if>
    <xsl:apply-templates select="r:issuer | r:lunar-date | r:reference | r:genre | r:embargo"/>
  </xsl:template>

  <xsl:template match="r:issuer">
    <div class="issuer">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Header lines and the subheadline: a paragraph named after the element. -->
  <xsl:template match="r:state | r:motto | r:organisation | r:unit | r:lunar-date | r:reference
                       | r:genre | r:embargo | r:subheadline">
    <p class="{local-name()}">
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="r:headline">
    <h1>
      <xsl:apply-templates/>
    </h1>
  </xsl:template>

  <xsl:template match="r:dateline">
    <p class="dateline dateline-{@position}">
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- "PHNOM PENH, 3 March 2024 – " at the start of the first paragraph; a
       dateline ending with a full stop needs no dash. -->
  <xsl:template match="r:dateline" mode="run-in">
    <span class="dateline dateline-run-in">
      <xsl:apply-templates/>
    </span>
    <xsl:call-template name="run-in-separator"/>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Body                                                                -->
  <!-- ================================================================== -->

  <!-- A paragraph in another language than the release's (markup.xsl's
       paragraph asks): lang, and dir for the way it is written. -->
  <xsl:template match="@xml:lang" mode="language">
    <xsl:attribute name="lang">
      <xsl:value-of select="."/>
    </xsl:attribute>
    <xsl:attribute name="dir">
      <xsl:call-template name="direction">
        <xsl:with-param name="lang" select="."/>
      </xsl:call-template>
    </xsl:attribute>
  </xsl:template>

  <xsl:template match="r:subheading">
    <h2>
      <xsl:apply-templates/>
    </h2>
  </xsl:template>

  <xsl:template match="r:quote">
    <blockquote>
      <xsl:apply-templates/>
    </blockquote>
  </xsl:template>

  <!-- Tables: heading rows in a thead when they open the table. -->
  <xsl:template match="r:table">
    <table>
      <xsl:apply-templates select="r:caption"/>
      <xsl:variable name="head" select="key('table-head', generate-id())"/>
      <xsl:if test="$head">
        <thead>
          <xsl:apply-templates select="$head"/>
        </thead>
      </xsl:if>
      <tbody>
        <xsl:apply-templates select="r:row[count(. | $head) != count($head)]"/>
      </tbody>
    </table>
  </xsl:template>

  <!-- A cell (th or td: markup.xsl): a heading's scope, an alignment as
       CSS. -->
  <xsl:template match="r:cell" mode="cell-attributes">
    <xsl:if test="../@header = 'true'">
      <xsl:attribute name="scope">col</xsl:attribute>
    </xsl:if>
    <xsl:if test="@align">
      <xsl:attribute name="style">
        <xsl:value-of select="concat('text-align: ', substring('endcenter', 1 + 3 * number(@align = 'centre'), 3 + 3 * number(@align = 'centre')))"/>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- A figure shows its image by its address as written (the page's reader
       fetches it, never communique); one without an address is its
       alternative text. -->
  <xsl:template match="r:figure">
    <figure>
      <xsl:choose>
        <xsl:when test="@src">
          <img>
            <xsl:attribute name="src">
              <xsl:apply-templates select="@src" mode="url"/>
            </xsl:attribute>
            <xsl:attribute name="alt">
              <xsl:value-of select="@alt"/>
            </xsl:attribute>
          </img>
        </xsl:when>
        <xsl:when test="@alt">
          <p class="alt">
            <xsl:value-of select="@alt"/>
          </p>
        </xsl:when>
      </xsl:choose>
      <xsl:apply-templates select="r:caption"/>
    </figure>
  </xsl:template>

  <xsl:template match="r:figure/r:caption">
    <figcaption>
      <xsl:apply-templates/>
    </figcaption>
  </xsl:template>

  <!--
    Lists. HTML numbers an ol itself, so the marker the press office printed
    is described, not copied: type and start give the counter ("(c)" is
    type="a" start="3"); a class names the punctuation around it when that
    is not the default "1.", and the CSS draws it with @counter-style
    ("(a)", "a)"). Bullets map to list-style types.
  -->
  <xsl:template match="r:list[@type = 'ordered']">
    <xsl:variable name="style">
      <xsl:call-template name="counter-style"/>
    </xsl:variable>
    <!-- "system start decoration", e.g. "lower-alpha 3 paren" -->
    <xsl:variable name="system" select="substring-before($style, ' ')"/>
    <xsl:variable name="start" select="substring-before(substring-after($style, ' '), ' ')"/>
    <xsl:variable name="decoration" select="substring-after(substring-after($style, ' '), ' ')"/>
    <ol>
      <xsl:choose>
        <xsl:when test="$system = 'lower-alpha'"><xsl:attribute name="type">a</xsl:attribute></xsl:when>
        <xsl:when test="$system = 'upper-alpha'"><xsl:attribute name="type">A</xsl:attribute></xsl:when>
        <xsl:when test="$system = 'lower-roman'"><xsl:attribute name="type">i</xsl:attribute></xsl:when>
        <xsl:when test="$system = 'upper-roman'"><xsl:attribute name="type">I</xsl:attribute></xsl:when>
      </xsl:choose>
      <xsl:if test="$start != 1">
        <xsl:attribute name="start">
          <xsl:value-of select="$start"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:if test="$decoration = 'paren' or $decoration = 'rparen'">
        <xsl:attribute name="class">
          <xsl:value-of select="concat('marker-', $decoration, '-', $system)"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </ol>
  </xsl:template>

  <!-- The bullets the CSS draws otherwise than a disc: "bullet=shape" pairs,
       the class "bullet-shape" (- and en dash alike). -->
  <xsl:variable name="bullet-shapes" select="' -=dash &#x2013;=dash &#x25E6;=circle &#x25AA;=square &#x2023;=triangle '"/>

  <xsl:template match="r:list">
    <ul>
      <xsl:variable name="shape" select="substring-before(substring-after($bullet-shapes, concat(' ', @marker, '=')), ' ')"/>
      <xsl:if test="$shape != ''">
        <xsl:attribute name="class">
          <xsl:value-of select="concat('bullet-', $shape)"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </ul>
  </xsl:template>

  <!--
    "system start decoration" for the list's first marker: system is a CSS
    counter style (decimal, lower-alpha, upper-alpha, lower-roman,
    upper-roman), start the first counter value, decoration the punctuation:
    period "1.", paren "(1)", rparen "1)" or other.
  -->
  <xsl:template name="counter-style">
    <xsl:variable name="counter">
      <xsl:call-template name="marker-counter">
        <xsl:with-param name="marker" select="@marker"/>
      </xsl:call-template>
    </xsl:variable>
    <!-- What surrounds the counter has no letters or digits. -->
    <xsl:variable name="prefix" select="substring-before(@marker, $counter)"/>
    <xsl:variable name="suffix" select="substring-after(@marker, $counter)"/>
    <xsl:variable name="system">
      <xsl:call-template name="counter-system">
        <xsl:with-param name="counter" select="string($counter)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($system) != ''">
        <xsl:value-of select="$system"/>
      </xsl:when>
      <xsl:otherwise>decimal 1</xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="$counter = ''"> other</xsl:when>
      <xsl:when test="$prefix = '' and $suffix = '.'"> period</xsl:when>
      <xsl:when test="$prefix = '(' and $suffix = ')'"> paren</xsl:when>
      <xsl:when test="$prefix = '' and $suffix = ')'"> rparen</xsl:when>
      <xsl:otherwise> other</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Closing                                                             -->
  <!-- ================================================================== -->

  <xsl:template match="r:closing">
    <footer class="closing">
      <xsl:apply-templates/>
    </footer>
  </xsl:template>

  <xsl:template match="r:end-mark">
    <p class="end-mark">
      <xsl:value-of select="."/>
    </p>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Inline content                                                      -->
  <!-- ================================================================== -->

  <xsl:template match="r:strong">
    <strong>
      <xsl:apply-templates/>
    </strong>
  </xsl:template>

  <xsl:template match="r:link">
    <a>
      <xsl:attribute name="href">
        <xsl:apply-templates select="@href" mode="url"/>
      </xsl:attribute>
      <xsl:apply-templates/>
    </a>
  </xsl:template>

  <xsl:template match="r:person | r:honorific | r:name | r:role | r:place">
    <span class="{local-name()}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A date the calendar does not have cannot be a <time>: a real
       YYYY-MM-DD day gets a time element. EXSLT's date:date gives
       back a valid xs:date and nothing for an invalid one (2023-02-29);
       ten characters leave out time zones and years beyond 9999. A test,
       not a template call: a result-tree fragment for each of a paragraph's
       dates would make libxslt copy the paragraph's text so far each time. -->
  <xsl:template match="r:date">
    <xsl:choose>
      <xsl:when test="string-length(@when) = 10 and date:date(@when) != ''">
        <time datetime="{@when}">
          <xsl:apply-templates/>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <span class="date">
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================================== -->
  <!-- Style                                                               -->
  <!-- ================================================================== -->

  <!-- Only pages with a table or a figure carry these rules. -->
  <xsl:template name="css-tables">
    <xsl:text>
table { margin: 0 0 1em; border-collapse: collapse; font-size: 0.95em; }
caption { margin-bottom: 0.35em; font-style: italic; }
th, td { padding: 0.25em 0.75em; border: 1px solid #c9c4b8; text-align: start; vertical-align: top; }
thead th { border-bottom-width: 2px; }
figure { margin: 1em 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figure .alt { font-style: italic; }
figcaption { margin-top: 0.35em; font-size: 0.95em; font-style: italic; }
@media print { tr, figure { break-inside: avoid; } }
</xsl:text>
  </xsl:template>

  <xsl:template name="css">
    <xsl:text>
/* communique: official release */
body {
  margin: 0;
  padding: 2rem 1rem;
  background: #eeede9;
  color: #1a1a1a;
  font-family: "Times New Roman", "Noto Serif", "Liberation Serif", Georgia,
               "Khmer OS Battambang", "Noto Serif Khmer", "Noto Sans Khmer", serif;
  font-size: 1.0625rem;
  line-height: 1.6;
}
/* Khmer first, with room for stacked vowels and subscript consonants. */
[lang|="km"] {
  font-family: "Khmer OS Battambang", "Noto Serif Khmer", "Noto Sans Khmer",
               "Times New Roman", "Noto Serif", serif;
  line-height: 1.8;
}
.release {
  max-width: 44rem;
  margin: 0 auto;
  padding: 3rem 3.5rem;
  background: #fff;
  box-shadow: 0 1px 4px rgba(0, 0, 0, 0.18);
}
.release-header { text-align: center; margin-bottom: 2rem; }
.release-header p { margin: 0; }
.national { margin-bottom: 1.5rem; font-weight: bold; line-height: 1.8; }
.national, .genre {
  font-family: "Times New Roman", "Noto Serif", "Liberation Serif",
               "Khmer OS Muol Light", "Noto Serif Khmer", serif;
}
[lang|="km"] .national, [lang|="km"] .organisation, [lang|="km"] .genre {
  font-family: "Khmer OS Muol Light", "Noto Serif Khmer", "Noto Sans Khmer", serif;
  font-weight: normal;
}
.state { font-size: 1.1em; letter-spacing: 0.03em; }
.issuer { margin-bottom: 1.25rem; }
.organisation { font-weight: bold; }
.lunar-date, .reference { margin-bottom: 0.5rem; }
.genre { margin: 1.5rem 0 1rem; font-size: 1.15em; font-weight: bold; letter-spacing: 0.08em; }
.release-header .dateline { margin: 0.75rem 0; }
h1 { margin: 0.75rem 0 0.5rem; font-size: 1.45em; line-height: 1.35; }
.subheadline { font-style: italic; font-size: 1.05em; }
.release-body p, .release-body li { text-align: justify; hyphens: auto; }
.release-body p { margin: 0 0 1em; }
h2 { margin: 1.5em 0 0.5em; font-size: 1.1em; }
blockquote {
  margin: 1em 0;
  padding-inline-start: 1.5em;
  border-inline-start: 3px solid #c9c4b8;
  font-style: italic;
}
ol, ul { margin: 0 0 1em; padding-inline-start: 2.5em; }
li { margin-bottom: 0.35em; }
li > ol, li > ul { margin: 0.35em 0 0; }
.person { font-weight: bold; }
.dateline-run-in { font-weight: bold; font-variant: small-caps; }
.dateline-end { margin-top: 2rem; text-align: end; }
.closing { margin-top: 2rem; padding-top: 1rem; border-top: 1px solid #ddd; font-size: 0.95em; }
.closing p { margin: 0 0 0.75em; }
.end-mark { text-align: center; font-weight: bold; letter-spacing: 0.2em; }
a { color: #1d4f91; }
/* Printed list markers: "(a)", "a)" and the like. */
@counter-style cq-paren-decimal { system: extends decimal; prefix: "("; suffix: ") "; }
@counter-style cq-paren-lower-alpha { system: extends lower-alpha; prefix: "("; suffix: ") "; }
@counter-style cq-paren-upper-alpha { system: extends upper-alpha; prefix: "("; suffix: ") "; }
@counter-style cq-paren-lower-roman { system: extends lower-roman; prefix: "("; suffix: ") "; }
@counter-style cq-paren-upper-roman { system: extends upper-roman; prefix: "("; suffix: ") "; }
@counter-style cq-rparen-decimal { system: extends decimal; suffix: ") "; }
@counter-style cq-rparen-lower-alpha { system: extends lower-alpha; suffix: ") "; }
@counter-style cq-rparen-upper-alpha { system: extends upper-alpha; suffix: ") "; }
@counter-style cq-rparen-lower-roman { system: extends lower-roman; suffix: ") "; }
@counter-style cq-rparen-upper-roman { system: extends upper-roman; suffix: ") "; }
.marker-paren-decimal { list-style-type: cq-paren-decimal; }
.marker-paren-lower-alpha { list-style-type: cq-paren-lower-alpha; }
.marker-paren-upper-alpha { list-style-type: cq-paren-upper-alpha; }
.marker-paren-lower-roman { list-style-type: cq-paren-lower-roman; }
.marker-paren-upper-roman { list-style-type: cq-paren-upper-roman; }
.marker-rparen-decimal { list-style-type: cq-rparen-decimal; }
.marker-rparen-lower-alpha { list-style-type: cq-rparen-lower-alpha; }
.marker-rparen-upper-alpha { list-style-type: cq-rparen-upper-alpha; }
.marker-rparen-lower-roman { list-style-type: cq-rparen-lower-roman; }
.marker-rparen-upper-roman { list-style-type: cq-rparen-upper-roman; }
.bullet-dash { list-style-type: "\2013  "; }
.bullet-circle { list-style-type: circle; }
.bullet-square { list-style-type: square; }
.bullet-triangle { list-style-type: "\2023  "; }
@media print {
  @page { size: A4; margin: 20mm 20mm 22mm 25mm; }
  body { padding: 0; background: none; font-size: 12pt; }
  .release { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.9em; word-break: break-all; }
  h1, h2, .subheadline { break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
  .release-header, blockquote, li { break-inside: avoid; }
}
</xsl:text>
  </xsl:template>

</xsl:stylesheet>
