// The recogniser: header, headline, body, persons, dates, dateline and
// closing found in the document model, whatever format it was read from,
// and the release tree built from them.
#pragma once

#include "read/document.hpp"
#include "read/reader.hpp"

namespace communique::detail {

read_result recognise(const document& doc, const read_options& opts);

}  // namespace communique::detail
