// The PDF renderer: XSL-FO (the subset xslt/fo.xsl emits, docs/pdf.md) in,
// PDF bytes out. Text is shaped with HarfBuzz, broken into lines with ICU's
// break opportunities and a total-fit line breaker, paginated with keeps,
// widows and orphans, and written with PoDoFo, fonts embedded as hb-subset
// subsets. No PoDoFo, HarfBuzz, ICU or fontconfig type appears here.
#pragma once

#include "core/expected.hpp"

#include <libxml/tree.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace communique::detail::pdf {

struct render_options {
    std::optional<std::int64_t> source_date_epoch;  // overrides the creation date (else the FO's xmp:CreateDate)
    std::size_t max_pages = 500;                    // a document needing more is refused with an error
    bool tagged = true;  // a tagged PDF (PDF/UA-1: logical structure, artifacts); --param pdf-tagged=false
};

// Loads nothing until first use; fonts are resolved through fontconfig once
// per process and cached by path (and by family, weight and style), font
// files loaded once. render() is thread-safe: any number of threads may call
// it at once on one renderer.
class renderer {
public:
    renderer();
    ~renderer();
    renderer(const renderer&) = delete;
    renderer& operator=(const renderer&) = delete;

    // fo: an XSL-FO 1.1 document in the subset xslt/fo.xsl emits
    // (docs/pdf.md). On failure, a one-line reason, and `pdf` left empty:
    // rule too-many-pages when the page limit stopped it, else rule pdf
    // (unsupported construct, no font at all). Never prints, never exits.
    // A character no installed font has a glyph for does not fail the
    // render: it is drawn as its font's missing-glyph box (.notdef) and
    // listed in `missing`, when given (each once, in the order first drawn).
    expected<void> render(xmlDocPtr fo, const render_options& opts, std::string& pdf,
                          std::vector<char32_t>* missing = nullptr) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace communique::detail::pdf
