#include "pdf/renderer.hpp"

#include "pdf/fo_parser.hpp"
#include "pdf/fonts.hpp"
#include "pdf/layout.hpp"
#include "pdf/pdf_writer.hpp"

#include <podofo/podofo.h>

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <exception>
#include <mutex>

namespace communique::detail::pdf {

namespace {

// The characters drawn as .notdef: shaping puts a character no installed
// font has into a run of a font that lacks it, so such a run's characters
// missing from its font are those (default ignorables aside: HarfBuzz
// drops them).
void find_missing(const std::vector<laid_out_page>& pages, std::vector<char32_t>& missing) {
    for (const laid_out_page& page : pages)
        for (const placed_run& run : page.runs) {
            if (std::none_of(run.glyphs.begin(), run.glyphs.end(), [](const placed_glyph& g) { return g.gid == 0; }))
                continue;
            for (std::size_t i = 0; i < run.text.size();) {
                UChar32 c = 0;
                U16_NEXT(run.text.data(), i, run.text.size(), c);
                if (run.font.face->has(static_cast<char32_t>(c)) ||
                    u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
                    continue;
                if (std::find(missing.begin(), missing.end(), static_cast<char32_t>(c)) == missing.end())
                    missing.push_back(static_cast<char32_t>(c));
            }
        }
}

}  // namespace

// A renderer holds nothing of its own: fonts, font files and ICU's
// break-iterator prototypes are process-wide caches (font_library,
// line_breaking.cpp), shared by every renderer. The pimpl keeps the class's
// layout free to change.
struct renderer::impl {};

renderer::renderer() : impl_(std::make_unique<impl>()) {
    // PoDoFo logs some warnings to stderr by default; a library must not
    // print. This is PoDoFo's only global switch and nothing here wants it on.
    static std::once_flag quiet;
    std::call_once(quiet, [] {
        PoDoFo::PdfError::EnableLogging(false);
        PoDoFo::PdfError::EnableDebug(false);
    });
}

renderer::~renderer() = default;

expected<void> renderer::render(xmlDocPtr fo, const render_options& opts, std::string& pdf,
                                std::vector<char32_t>* missing) const {
    pdf.clear();
    if (missing) missing->clear();
    auto fail = [&](problem why) {
        pdf.clear();
        if (missing) missing->clear();
        return why;
    };
    try {
        expected<document> doc = parse_fo(fo);
        if (!doc) return std::move(doc).error();
        if (opts.tagged) build_structure(*doc);
        expected<std::vector<laid_out_page>> pages = lay_out(*doc, font_library::instance(), opts.max_pages);
        if (!pages) return std::move(pages).error();
        if (missing) find_missing(*pages, *missing);
        if (auto written = write_pdf(*pages, doc->meta, doc->structure, opts.source_date_epoch, pdf); !written)
            return fail(std::move(written).error());
        return {};
    } catch (const std::exception& e) {
        return fail({rule::pdf, std::string("the PDF renderer failed: ") + e.what()});
    } catch (...) {
        return fail({rule::pdf, "the PDF renderer failed"});
    }
}

}  // namespace communique::detail::pdf
