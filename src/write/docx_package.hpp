// The .docx package: a Flat OPC document (what xslt/docx.xsl writes, one
// pkg:part per part of the package) zipped into the bytes of a .docx.
//
// The split: the stylesheet writes every part's XML, the static ones
// (styles, settings, relationships) included, so that one file says what
// the document looks like and a house stylesheet can change any of it. The
// packager does what XSLT cannot do well:
//   * [Content_Types].xml, from the parts' pkg:contentType;
//   * a relationship for each link: a w:hyperlink with cq:href (namespace
//     urn:communique:docx) gets r:id="rIdLink1", rIdLink2, ... in document
//     order and its part's .rels file a Relationship with TargetMode
//     External (numbering links in XSLT 1.0 costs a document walk per link);
//   * the zip: one deflated entry per part, [Content_Types].xml first, then
//     the parts in the package's order, every entry dated 1980-01-01 00:00
//     (the first DOS date), so that the same release gives the same bytes.
#pragma once

#include "core/expected.hpp"

#include <libxml/tree.h>

#include <string>

namespace communique::detail {

// The .docx bytes of `flat` (a pkg:package), which it changes in place (the
// links' relationships); a problem (rule stylesheet) when `flat` is not a
// package of XML parts or libzip failed.
expected<void> write_docx_package(xmlDocPtr flat, std::string& out);

}  // namespace communique::detail
