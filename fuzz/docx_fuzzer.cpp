// Fuzz target: the DOCX reader (libzip, then WordprocessingML through
// libxml2: styles, numbering, links, paragraphs, tables, fields, tracked
// changes), then the recogniser and the checks. The steps of read_release
// with input_format::docx, taken one by one so that the document model
// between reader and recogniser is checked too.
//
// Two kinds of input:
//   * a zip (it starts with "PK"): read as the .docx it claims to be. Few
//     mutations of a zip get past its checksums, so this mostly exercises
//     libzip's refusals, the budget and the missing-part paths;
//   * anything else: the parts the reader reads, separated by <<<part>>>:
//     word/document.xml, word/styles.xml, word/numbering.xml,
//     word/_rels/document.xml.rels (an empty part is left out). The target
//     zips them (stored, with correct checksums), so mutations reach the
//     WordprocessingML. fuzz/docx_seeds.py makes such seeds of .docx files.
//
// Positions are paragraph:character, not lines of the input: every one
// must lie within the paragraphs word/document.xml can hold (no more than
// its '<', each w:p being an element). Seeds: fixtures/docx,
// fixtures/invalid-docx, tests/unit/docx, their parts (docx_seeds.py) and
// fuzz/seeds/docx.
#include "harness.hpp"

#include "read/readers.hpp"
#include "read/zip_archive.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <string>

namespace {

constexpr std::string_view part_marker = "<<<part>>>";
constexpr std::array<std::string_view, 4> part_names = {"word/document.xml", "word/styles.xml",
                                                        "word/numbering.xml", "word/_rels/document.xml.rels"};

// zlib's CRC-32, as a zip's entries carry it.
std::uint32_t crc32_of(std::string_view data) {
    return static_cast<std::uint32_t>(
        ::crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

// A zip of stored entries (inputs are at most a few megabytes: no zip64).
std::string stored_zip(const std::vector<std::pair<std::string_view, std::string_view>>& entries) {
    std::string out, central;
    for (const auto& [name, data] : entries) {
        std::uint32_t offset = static_cast<std::uint32_t>(out.size());
        std::uint32_t crc = crc32_of(data);
        std::uint32_t n = static_cast<std::uint32_t>(data.size());
        put32(out, 0x04034b50);
        put16(out, 20);      // version needed
        put16(out, 0);       // flags
        put16(out, 0);       // stored
        put16(out, 0);       // time
        put16(out, 0x21);    // 1980-01-01
        put32(out, crc);
        put32(out, n);
        put32(out, n);
        put16(out, static_cast<std::uint32_t>(name.size()));
        put16(out, 0);
        out += name;
        out += data;
        put32(central, 0x02014b50);
        put16(central, 20);  // made by
        put16(central, 20);  // needed
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put16(central, 0x21);
        put32(central, crc);
        put32(central, n);
        put32(central, n);
        put16(central, static_cast<std::uint32_t>(name.size()));
        put16(central, 0);   // extra
        put16(central, 0);   // comment
        put16(central, 0);   // disk
        put16(central, 0);   // internal attributes
        put32(central, 0);   // external attributes
        put32(central, offset);
        central += name;
    }
    std::uint32_t central_offset = static_cast<std::uint32_t>(out.size());
    out += central;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put32(out, static_cast<std::uint32_t>(central.size()));
    put32(out, central_offset);
    put16(out, 0);
    return out;
}

// word/document.xml of a .docx, as far as the budget goes; empty when it
// cannot be read (the reader then reports the damage at 1:1).
std::string document_part(std::string_view docx, std::size_t budget) {
    using namespace communique::detail;
    auto zip = zip_archive::open(docx);
    if (!zip) return {};
    auto part = (*zip)->read("word/document.xml", budget);
    return part && *part ? std::move(**part) : std::string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace communique::detail;
    cq_fuzz::quiet_libxml();
    std::string_view bytes = cq_fuzz::as_text(data, size);
    read_options opts;
    opts.format = input_format::docx;
    reader_limits limits;
    limits.max_nesting = opts.max_nesting;
    limits.max_inflated = opts.max_inflated;

    std::string zipped;
    std::string document_xml;
    if (looks_like_zip(bytes)) {
        document_xml = document_part(bytes, limits.max_inflated);
    } else {
        std::vector<std::pair<std::string_view, std::string_view>> entries;
        std::string_view rest = bytes;
        for (std::size_t i = 0; i < part_names.size(); ++i) {
            std::size_t cut = i + 1 < part_names.size() ? rest.find(part_marker) : std::string_view::npos;
            std::string_view part = rest.substr(0, cut);
            if (!part.empty()) entries.emplace_back(part_names[i], part);
            if (i == 0) document_xml = part;
            if (cut == std::string_view::npos) break;
            rest.remove_prefix(cut + part_marker.size());
        }
        zipped = stored_zip(entries);
        bytes = zipped;
    }

    document doc = read_docx(bytes, limits);
    auto tags = static_cast<std::uint32_t>(std::count(document_xml.begin(), document_xml.end(), '<'));
    std::uint32_t max_line = std::max<std::uint32_t>(tags, 1) + 1;
    cq_fuzz::check_document(doc, max_line);
    read_result r = recognise(doc, opts);
    for (const auto& d : r.diagnostics) CQ_FUZZ_ASSERT(d.begin.line <= max_line && d.end.line <= max_line);
    if (r.tree) cq_fuzz::check_tree(*r.tree, r.diagnostics);
    return 0;
}
