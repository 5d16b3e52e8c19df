// Writing the PDF with PoDoFo's object layer: pages with raw content
// streams of positioned glyphs, subset fonts, link annotations, the Info
// dictionary and XMP metadata. The same pages and metadata always give the
// same bytes.
//
// The objects go straight into a PdfVecObjects, not through
// PdfMemDocument: in PoDoFo 0.9.8 every PdfDocument constructs a PdfInfo,
// which stamps the clock's time with PdfDate (localtime/gmtime, not
// reentrant), and its font and page helpers are not used here anyway. They
// are written out in PdfWriter's format by write_file (pdf_objects.hpp),
// which costs a fraction of PdfWriter's vsnprintf per token.
#pragma once

#include "core/expected.hpp"
#include "pdf/fo_model.hpp"
#include "pdf/layout.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace communique::detail::pdf {

// source_date_epoch, when given, is the creation date; else meta.create_date
// (ISO 8601) when it parses; else the document has no date at all.
// A non-empty `structure` makes a tagged PDF (PDF/UA-1, docs/pdf.md): the
// runs' and links' tags index it, everything untagged is an artifact.
// A problem (rule pdf) when a font cannot be subset or PoDoFo fails; `out`
// is then empty.
expected<void> write_pdf(const std::vector<laid_out_page>& pages, const metadata& meta,
                         const std::vector<struct_element>& structure,
                         const std::optional<std::int64_t>& source_date_epoch, std::string& out);

}  // namespace communique::detail::pdf
