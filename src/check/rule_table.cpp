#include "check/rules.hpp"


namespace communique::detail {

namespace {

using levels = std::array<std::optional<severity>, 2>;  // general, kh-ministry

constexpr levels both(severity s) { return {s, s}; }
// Required by the Cambodian ministry's house only.
constexpr levels kh_only(severity s) { return {std::nullopt, s}; }

constexpr rule_info table[] = {
    {"input-encoding", both(severity::error), "the file is UTF-8 text (not UTF-16, not binary, no invalid bytes)"},
    {"input-empty", both(severity::error), "the file has some text in it"},
    {"input-too-large", both(severity::error),
     "the file is smaller than the input limit (default 1 MiB); a Markdown table has at most 50,000 cells and a "
     "row at most 500 cells"},
    {"nesting-too-deep", both(severity::error), "quotes and lists nest no deeper than the limit (default 64)"},
    {"too-many-elements", both(severity::error), "the release has no more elements (paragraphs, list items, names, dates, "
                                           "links, line breaks...) than the limit (default 5,000)"},
    {"xml-syntax", both(severity::error), "release XML is well-formed"},
    {"xml-doctype", both(severity::error), "release XML has no DOCTYPE (no DTDs or entities are ever loaded)"},
    {"html-content", both(severity::error),
     "an HTML page has an article to read: --content (or [html] content) selects an element, the page parses"},
    {"not-a-release", both(severity::error), "the text is a press release: it has a header, a genre label or a dateline"},
    {"several-releases", both(severity::error), "a file holds one release"},
    {"page-remnant", both(severity::note),
     "text of the web page around the release (a 'Posted on' or 'Release date' line, the page's copy of the "
     "title) is left out of it"},
    {"schema", both(severity::error), "the release is valid against schemas/release.xsd"},
    {"header-missing", kh_only(severity::error), "the release opens with a national header (a state line)"},
    {"issuer-missing", kh_only(severity::error), "the header names the issuing organisation"},
    {"genre-missing", kh_only(severity::error), "the header ends with a genre label (PRESS RELEASE, STATEMENT, ...)"},
    {"header-empty", levels{severity::error, std::nullopt},
     "the header names the issuer or a genre label (PRESS RELEASE, STATEMENT, ...), or both"},
    {"issuer-allowed", both(severity::error), "the issuer is one the house lists (config: house.issuers)"},
    {"genre-allowed", both(severity::error), "the genre label is one the house lists (config: house.genres)"},
    {"headline-missing", both(severity::error), "the release has a headline"},
    {"headline-shape", both(severity::error),
     "the headline is one short line, not a paragraph (config: house.headline-max-words, default 30)"},
    {"body-empty", both(severity::error), "the release has body text"},
    {"dateline-missing", both(severity::error), "the release has a dateline (place and date)"},
    {"dateline-place", levels{severity::warning, severity::error}, "the dateline names a place"},
    {"date-invalid", both(severity::error), "every date is a real calendar date"},
    {"date-after-dateline", both(severity::warning),
     "no date the body tells as past (\"was held on\", \"met on\") is later than the dateline; events to come are "
     "not flagged"},
    {"emphasis-unclosed", both(severity::error), "every ** or * that opens emphasis is closed"},
    {"config", both(severity::error), "the configuration file is TOML with known keys, rule IDs and values"},
    {"io", both(severity::error), "the file can be read (it exists, is a file, is readable) and the outputs written"},
    {"stylesheet", both(severity::error), "a stylesheet ran to its end inside its sandbox (no writes, no network, "
                                    "reads only from allowed folders)"},
    {"too-many-pages", both(severity::error), "the PDF has no more pages than the limit (default 500)"},
    {"pdf", both(severity::error), "the PDF renderer laid the FO out (a font for the text, supported FO)"},
    {"glyph-missing", both(severity::warning),
     "some installed font has a glyph for every character of the PDF (else it shows the missing-glyph box)"},
};

}  // namespace

std::span<const rule_info> rule_table() noexcept { return table; }

const rule_info* find_rule(std::string_view id) noexcept {
    for (const rule_info& r : table)
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace communique::detail
