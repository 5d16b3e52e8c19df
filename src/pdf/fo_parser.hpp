// From an XSL-FO document to the layout model (fo_model.hpp): properties
// inherited and computed to absolute values, white space collapsed, lists
// resolved to indents, metadata read from fo:declarations.
#pragma once

#include "core/expected.hpp"
#include "pdf/fo_model.hpp"

#include <libxml/tree.h>

#include <string>

namespace communique::detail::pdf {

// The layout model of `fo`, or a one-line reason (rule pdf, naming the
// element and property) for anything outside the supported subset
// (docs/pdf.md): an unknown FO element or property, or a value the renderer
// cannot honour.
expected<document> parse_fo(xmlDocPtr fo);

// The logical structure of a tagged PDF (docs/pdf.md, "Tagged PDF"): fills
// doc.structure from the flows' blocks (roles from the role property, else implied by
// the FO element: a block of text is a P, a list an L of LI with Lbl and
// LBody, a table a Table of TR with TH or TD, a link a Link) and points
// every paragraph and link of the flows at its element. Static content
// stays untagged: the writer makes it an artifact.
void build_structure(document& doc);

}  // namespace communique::detail::pdf
