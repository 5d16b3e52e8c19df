// Fuzz target: the canonical-XML reader (libxml2 without DTDs, entities or
// network), then the checks. Seeds: the golden XML of every fixture.
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace communique::detail;
    cq_fuzz::quiet_libxml();
    std::string_view bytes = cq_fuzz::as_text(data, size);
    source_text src(bytes);
    if (!check_encoding(src)) return 0;
    read_result r = read_xml(src);
    if (r.tree) cq_fuzz::check_tree(*r.tree, r.diagnostics);
    return 0;
}
