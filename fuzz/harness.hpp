// Shared by the fuzz targets: quiet libxml2, and the checks a read release
// goes through in the engine (house rules, dates, schema, serialisation,
// summary), so that a target exercises the same code a real input reaches.
#pragma once

#include "check/rules.hpp"
#include "check/schema.hpp"
#include "core/source.hpp"
#include "core/unicode.hpp"
#include "read/document.hpp"
#include "read/reader.hpp"
#include "read/recognise.hpp"
#include "write/summary.hpp"

#include <communique/communique.hpp>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

namespace cq_fuzz {

// What a finding looks like besides a crash: a broken invariant aborts with
// a message, and libFuzzer saves the input.
#define CQ_FUZZ_ASSERT(cond)                                                                   \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            std::fprintf(stderr, "fuzz invariant broken: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                      \
        }                                                                                      \
    } while (0)

inline void ignore_generic_error(void*, const char*, ...) {}
inline void ignore_structured_error(void*, xmlErrorPtr) {}

inline void quiet_libxml() {
    static const bool once = [] {
        xmlInitParser();
        xmlSetGenericErrorFunc(nullptr, ignore_generic_error);
        xmlSetStructuredErrorFunc(nullptr, ignore_structured_error);
        return true;
    }();
    (void)once;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Every diagnostic points into the text (or at its start, 1:1 or line 0
// for whole-file problems).
inline void check_positions(const communique::detail::source_text& src,
                            const std::vector<communique::diagnostic>& diags) {
    for (const auto& d : diags) {
        CQ_FUZZ_ASSERT(d.begin.line <= src.line_count() + 1);
        CQ_FUZZ_ASSERT(d.end.line <= src.line_count() + 1);
    }
}

// The document model a format reader (DOCX, HTML) hands the recogniser:
// indices stay inside their block, lists, tables and rows hold what they
// must, text is UTF-8, and no position lies past `max_line` (the reader's
// own count of lines or paragraphs, +1 for the end of the input).
inline void check_document_block(const communique::detail::block& b, std::uint32_t max_line, unsigned depth) {
    using communique::detail::block_kind;
    CQ_FUZZ_ASSERT(depth < 10000);
    CQ_FUZZ_ASSERT(b.where.begin.line <= max_line && b.where.end.line <= max_line);
    for (const auto& r : b.runs) {
        CQ_FUZZ_ASSERT(r.where.begin.line <= max_line && r.where.end.line <= max_line);
        CQ_FUZZ_ASSERT(communique::detail::find_invalid_utf8(r.text) == std::string_view::npos);
        for (std::uint32_t m : r.marks) CQ_FUZZ_ASSERT(m < b.marks.size());
    }
    std::size_t previous_end = 0;
    for (const auto& l : b.lines) {
        CQ_FUZZ_ASSERT(l.first_run <= l.end_run && l.end_run <= b.runs.size());
        CQ_FUZZ_ASSERT(l.first_run >= previous_end);
        previous_end = l.end_run;
        CQ_FUZZ_ASSERT(communique::detail::find_invalid_utf8(l.text) == std::string_view::npos);
        CQ_FUZZ_ASSERT(l.begin.line <= max_line && l.end.line <= max_line);
    }
    for (const auto& c : b.children) {
        if (b.kind == block_kind::list) CQ_FUZZ_ASSERT(c.kind == block_kind::list_item);
        if (b.kind == block_kind::table) CQ_FUZZ_ASSERT(c.kind == block_kind::table_row);
        if (b.kind == block_kind::table_row) CQ_FUZZ_ASSERT(c.kind == block_kind::table_cell);
        check_document_block(c, max_line, depth + 1);
    }
}

inline void check_document(const communique::detail::document& doc, std::uint32_t max_line) {
    for (const auto& b : doc.blocks) check_document_block(b, max_line, 0);
    CQ_FUZZ_ASSERT(doc.end.line <= max_line);
    for (const auto& d : doc.diagnostics) CQ_FUZZ_ASSERT(d.begin.line <= max_line && d.end.line <= max_line);
}

// The engine's steps after reading.
inline void check_tree(const communique::detail::release_tree& tree, std::vector<communique::diagnostic>& diags) {
    static const communique::options opts;
    static const communique::detail::release_schema& schema = communique::detail::release_schema::built_in();
    communique::detail::check_structure(tree, opts, diags);
    communique::detail::unlisted_counts unlisted;
    communique::detail::check_dates(tree, diags, unlisted);
    schema.validate(tree, diags);
    std::string xml = tree.serialize();
    CQ_FUZZ_ASSERT(!xml.empty());
    (void)communique::detail::summarize(tree);
}

}  // namespace cq_fuzz
