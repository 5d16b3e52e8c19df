#include "pdf/renderer.hpp"

#include "pdf/fo_parser.hpp"
#include "pdf/fonts.hpp"
#include "pdf/layout.hpp"
#include "pdf/pdf_writer.hpp"

#include <podofo/podofo.h>

#include <exception>
#include <mutex>

namespace communique::detail::pdf {

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

bool renderer::render(xmlDocPtr fo, const render_options& opts, std::string& pdf, std::string& error,
                      bool* too_long) const {
    pdf.clear();
    error.clear();
    if (too_long) *too_long = false;
    try {
        document doc;
        if (!parse_fo(fo, doc, error)) return false;
        std::vector<laid_out_page> pages;
        if (!lay_out(doc, font_library::instance(), opts.max_pages, pages, error)) return false;
        if (!write_pdf(pages, doc.meta, opts.source_date_epoch, pdf, error)) {
            pdf.clear();
            return false;
        }
        return true;
    } catch (const too_many_pages& e) {
        error = e.what();
        if (too_long) *too_long = true;
    } catch (const std::exception& e) {
        error = std::string("the PDF renderer failed: ") + e.what();
    } catch (...) {
        error = "the PDF renderer failed";
    }
    pdf.clear();
    return false;
}

}  // namespace communique::detail::pdf
