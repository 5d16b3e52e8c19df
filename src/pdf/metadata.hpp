// Document metadata as PDF writes it twice: the Info dictionary's strings
// and dates, and the XMP packet. Dates are computed here from numbers, not
// with PoDoFo's PdfDate (which calls the non-reentrant localtime/gmtime)
// and never from the clock: a document's date is its dateline's, or
// SOURCE_DATE_EPOCH when the caller passes one.
#pragma once

#include "pdf/fo_model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace communique::detail::pdf {

struct timestamp {
    int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    std::optional<int> offset_minutes;  // east of UTC; nullopt: none written (a date without a zone)
};

// UTC time of a Unix epoch second; nullopt outside years 1 to 9999.
std::optional<timestamp> from_epoch(std::int64_t seconds);

// "2024-03-03", "2024-03-03T09:30:00Z", "2024-03-03T09:30+07:00"; nullopt
// for anything else or an impossible date.
std::optional<timestamp> parse_iso8601(std::string_view s);

std::string pdf_date(const timestamp& t);  // D:20240303093000Z, D:20240303093000+07'00'
std::string xmp_date(const timestamp& t);  // 2024-03-03T09:30:00Z, 2024-03-03T09:30:00+07:00

// The XMP packet (uncompressed, as PDF/A and search tools want it): dc:title,
// dc:creator, dc:description, dc:language, xmp:CreateDate and ModifyDate,
// pdf:Producer, xmp:CreatorTool; with pdf_ua, the PDF/UA identification
// (pdfuaid:part 1) a tagged PDF claims.
std::string xmp_packet(const metadata& meta, const std::optional<timestamp>& created, std::string_view producer,
                       std::string_view creator_tool, bool pdf_ua = false);

}  // namespace communique::detail::pdf
