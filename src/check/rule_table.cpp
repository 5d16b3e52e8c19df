#include "check/rules.hpp"


namespace communique::detail {

namespace {

constexpr rule_info table[] = {
    {"input-encoding", severity::error, "the file is UTF-8 text (not UTF-16, not binary, no invalid bytes)"},
    {"input-empty", severity::error, "the file has some text in it"},
    {"input-too-large", severity::error, "the file is smaller than the input limit (default 1 MiB)"},
    {"nesting-too-deep", severity::error, "quotes and lists nest no deeper than the limit (default 64)"},
    {"too-many-elements", severity::error, "the release has no more elements (paragraphs, list items, names, dates, "
                                           "links, line breaks...) than the limit (default 5,000)"},
    {"xml-syntax", severity::error, "release XML is well-formed"},
    {"xml-doctype", severity::error, "release XML has no DOCTYPE (no DTDs or entities are ever loaded)"},
    {"html-content", severity::error,
     "an HTML page has an article to read: --content (or [html] content) selects an element, the page parses"},
    {"not-a-release", severity::error, "the text is a press release: it has a header, a genre label or a dateline"},
    {"several-releases", severity::error, "a file holds one release"},
    {"page-remnant", severity::note,
     "text of the web page around the release (a 'Posted on' or 'Release date' line, the page's copy of the "
     "title) is left out of it"},
    {"schema", severity::error, "the release is valid against schemas/release.xsd"},
    {"header-missing", severity::error, "the release opens with a national header (a state line)"},
    {"issuer-missing", severity::error, "the header names the issuing organisation"},
    {"genre-missing", severity::error, "the header ends with a genre label (PRESS RELEASE, STATEMENT, ...)"},
    {"issuer-allowed", severity::error, "the issuer is one the house lists (config: house.issuers)"},
    {"genre-allowed", severity::error, "the genre label is one the house lists (config: house.genres)"},
    {"headline-missing", severity::error, "the release has a headline"},
    {"headline-shape", severity::error,
     "the headline is one short line, not a paragraph (config: house.headline-max-words, default 30)"},
    {"body-empty", severity::error, "the release has body text"},
    {"dateline-missing", severity::error, "the release has a dateline (place and date)"},
    {"dateline-place", severity::error, "the dateline names a place"},
    {"date-invalid", severity::error, "every date is a real calendar date"},
    {"date-after-dateline", severity::warning, "no date in the body is later than the dateline"},
    {"emphasis-unclosed", severity::error, "every ** or * that opens emphasis is closed"},
    {"config", severity::error, "the configuration file is TOML with known keys, rule IDs and values"},
    {"io", severity::error, "the file can be read (it exists, is a file, is readable) and the outputs written"},
    {"stylesheet", severity::error, "a stylesheet ran to its end inside its sandbox (no writes, no network, "
                                    "reads only from allowed folders)"},
    {"too-many-pages", severity::error, "the PDF has no more pages than the limit (default 500)"},
    {"pdf", severity::error, "the PDF renderer laid the FO out (fonts with its glyphs, supported FO)"},
};

}  // namespace

std::span<const rule_info> rule_table() noexcept { return table; }

const rule_info* find_rule(std::string_view id) noexcept {
    for (const rule_info& r : table)
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace communique::detail
