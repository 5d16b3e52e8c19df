// Fuzz target: the HTML reader (libxml2's HTML parser, article detection,
// chrome removal, blocks and styled runs) with the article found by itself
// (no content XPath), then the recogniser and the checks, on any UTF-8 text.
// The steps of read_release with input_format::html, taken one by one so
// that the document model between reader and recogniser is checked too.
// Positions are the line and column of the text. Seeds: fixtures/html, the
// golden HTML (communique's own output), fuzz/seeds/html.
#include "harness.hpp"

#include "read/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace communique::detail;
    cq_fuzz::quiet_libxml();
    std::string_view bytes = cq_fuzz::as_text(data, size);
    source_text src(bytes);
    if (auto fine = check_encoding(src); !fine) {
        cq_fuzz::check_positions(src, {fine.error().at_level()});
        return 0;
    }
    read_options opts;
    opts.format = input_format::html;
    if (src.text().find_first_not_of(" \t\r\n") == std::string_view::npos) {
        // read_release refuses an empty file before any reader sees it.
        read_result r = read_release(src, opts);
        CQ_FUZZ_ASSERT(!r.tree && !r.diagnostics.empty());
        return 0;
    }
    reader_limits limits;
    limits.max_nesting = opts.max_nesting;
    limits.max_inflated = opts.max_inflated;
    document doc = read_html(src, limits, opts.html_content);
    cq_fuzz::check_document(doc, static_cast<std::uint32_t>(src.line_count() + 1));
    read_result r = recognise(doc, opts);
    cq_fuzz::check_positions(src, r.diagnostics);
    if (r.tree) cq_fuzz::check_tree(*r.tree, r.diagnostics);
    return 0;
}
