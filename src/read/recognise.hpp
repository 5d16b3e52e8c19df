// The recogniser: header, headline, body, persons, dates, dateline and
// closing found in the document model, whatever format it was read from,
// and the release tree built from them.
#pragma once

#include "read/document.hpp"
#include "read/reader.hpp"

namespace communique::detail {

// No tree, and the reader's diagnostics, when the reader refused the file
// (no blocks, a diagnostic).
read_result recognise(const document& doc, const read_options& opts);
// The same for a document the caller is done with: the blocks the
// recogniser cuts apart are moved, not copied.
read_result recognise(document&& doc, const read_options& opts);

}  // namespace communique::detail
