// From an XSL-FO document to the layout model (fo_model.hpp): properties
// inherited and computed to absolute values, white space collapsed, lists
// resolved to indents, metadata read from fo:declarations.
#pragma once

#include "pdf/fo_model.hpp"

#include <libxml/tree.h>

#include <string>

namespace communique::detail::pdf {

// false with a one-line reason (naming the element and property) for
// anything outside the supported subset (docs/pdf.md): an unknown FO
// element or property, or a value the renderer cannot honour.
bool parse_fo(xmlDocPtr fo, document& out, std::string& error);

}  // namespace communique::detail::pdf
