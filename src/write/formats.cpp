#include "write/formats.hpp"

#include <array>

namespace communique::detail {

namespace {

constexpr format_entry table[] = {
    {{"xml", ".xml", "canonical release XML (schemas/release.xsd)"}, nullptr},
    {{"html", ".html", "a standalone HTML5 page"}, "xslt/html.xsl"},
    {{"txt", ".txt", "plain text, wrapped to --width columns"}, "xslt/text.xsl"},
    {{"draft", ".md", "the canonical draft (what communique fmt writes)"}, "xslt/draft.xsl"},
    {{"nitf", ".nitf.xml", "IPTC NITF 3.6 news markup"}, "xslt/nitf.xsl"},
    {{"fo", ".fo", "XSL-FO 1.1 (the subset in docs/pdf.md), for the PDF renderer or Apache FOP"}, "xslt/fo.xsl"},
    {{"pdf", ".pdf", "PDF 1.7 with subset fonts, laid out from the fo format"}, nullptr, "fo", true},
    // The stylesheet writes a Flat OPC package; xslt_writers zips it.
    {{"docx", ".docx", "a Word document (WordprocessingML)"}, "xslt/docx.xsl", nullptr, true},
};

constexpr auto infos = [] {
    std::array<format_info, std::size(table)> out{};
    for (std::size_t i = 0; i < std::size(table); ++i) out[i] = table[i].info;
    return out;
}();

}  // namespace

std::span<const format_entry> format_entries() noexcept { return table; }
std::span<const format_info> format_table() noexcept { return infos; }

const format_entry* find_format(std::string_view name) noexcept {
    for (const format_entry& f : table)
        if (f.info.name == name) return &f;
    return nullptr;
}

}  // namespace communique::detail
