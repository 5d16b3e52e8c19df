// Fuzz target: the draft reader (cmark-gfm and the structure recogniser),
// then the checks, on any UTF-8 text. Seeds: fixtures/releases, fixtures/invalid,
// tests/hostile/corpus.
#include "harness.hpp"

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
    read_result r = read_draft(src, opts);
    cq_fuzz::check_positions(src, r.diagnostics);
    if (r.tree) cq_fuzz::check_tree(*r.tree, r.diagnostics);
    return 0;
}
