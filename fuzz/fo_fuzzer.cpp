// Fuzz target: the PDF renderer on XSL-FO bytes, parsed by libxml2 as the
// writers hand it over (no DTD loading, no entity substitution, no network).
// Seeds: the FO that xslt/fo.xsl makes of every fixture (tools/fuzz).
#include "fontconfig.hpp"
#include "harness.hpp"

#include "pdf/renderer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace communique::detail;
    cq_fuzz::quiet_libxml();
    cq_fuzz::load_fontconfig();
    static const pdf::renderer renderer;
    xmlDocPtr fo = xmlReadMemory(reinterpret_cast<const char*>(data), static_cast<int>(size), "fuzz.fo", nullptr,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!fo) return 0;
    pdf::render_options opts;
    opts.source_date_epoch = 0;
    opts.max_pages = 20;  // the limit path is exercised, and each run stays short
    std::string out;
    auto rendered = renderer.render(fo, opts, out);
    xmlFreeDoc(fo);
    // Either a PDF or a reason, never both nor neither.
    CQ_FUZZ_ASSERT(rendered ? out.starts_with("%PDF-") : (out.empty() && !rendered.error().message.empty()));
    return 0;
}
