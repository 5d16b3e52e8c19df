#include "write/docx_package.hpp"
#include "write/formats.hpp"
#include "write/writers.hpp"

#include "pdf/renderer.hpp"
#include "transform/xslt.hpp"

#include <cstdlib>

#include <map>
#include <mutex>
#include <stdexcept>

namespace communique::detail {

namespace {

// A stylesheet compiled on first use.
struct lazy_sheet {
    const char* builtin = nullptr;  // resource name, when not the user's
    std::unique_ptr<stylesheet> sheet;
    std::once_flag once;

    const stylesheet& get() {
        std::call_once(once, [&] {
            if (!sheet) sheet = stylesheet::builtin(builtin);
        });
        return *sheet;
    }
};

// The XSLT writers (and, through the FO stylesheet, the PDF renderer).
class xslt_writers final : public writers {
public:
    explicit xslt_writers(const options& opts);
    bool write(const release_tree& tree, std::string_view format, std::string& out,
               std::vector<diagnostic>& diagnostics) const override;

private:
    bool render_pdf(const release_tree& tree, lazy_sheet& fo, std::string& out,
                    std::vector<diagnostic>& diagnostics) const;
    bool write_docx(const release_tree& tree, lazy_sheet& docx, std::string& out,
                    std::vector<diagnostic>& diagnostics) const;

    sandbox box_;
    pdf::renderer renderer_;
    pdf::render_options pdf_options_;
    std::map<std::string, std::string, std::less<>> params_;
    std::map<std::string, std::unique_ptr<lazy_sheet>, std::less<>> sheets_;  // by format name
};

xslt_writers::xslt_writers(const options& opts) {
    for (const std::string& folder : opts.readable_folders) box_.readable.emplace_back(folder);
    params_ = opts.parameters;
    params_.try_emplace("width", std::to_string(opts.text_width));
    pdf_options_.max_pages = opts.max_pages;
    // Reproducible builds' convention: the PDF's dates, when set.
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
        char* end = nullptr;
        long long seconds = std::strtoll(epoch, &end, 10);
        if (*end == '\0') pdf_options_.source_date_epoch = seconds;
    }
    for (const format_entry& f : format_entries()) {
        if (!f.stylesheet) continue;
        auto& slot = sheets_[std::string(f.info.name)];
        slot = std::make_unique<lazy_sheet>();
        slot->builtin = f.stylesheet;
    }
    // A user's stylesheet is compiled at once, so that a mistake in it is
    // reported before any release is read.
    for (const auto& [format, path] : opts.stylesheets) {
        auto it = sheets_.find(format);
        if (it == sheets_.end())
            throw std::invalid_argument("no stylesheet can be given for the format '" + format + "'");
        it->second->sheet = stylesheet::from_file(path, box_);
    }
}

bool xslt_writers::write(const release_tree& tree, std::string_view format, std::string& out,
                         std::vector<diagnostic>& diagnostics) const {
    const format_entry* entry = find_format(format);
    if (entry && entry->rendered_from) format = entry->rendered_from;
    auto it = sheets_.find(format);
    if (it == sheets_.end()) throw std::invalid_argument("unknown format: " + std::string(format));
    if (entry && entry->rendered_from) return render_pdf(tree, *it->second, out, diagnostics);
    // The docx stylesheet's result is a package of XML parts to zip.
    if (format == "docx") return write_docx(tree, *it->second, out, diagnostics);
    std::string error;
    if (it->second->get().apply(tree.doc(), params_, box_, out, error)) return true;
    diagnostics.push_back({severity::error, "stylesheet",
                           "the " + std::string(format) + " stylesheet failed: " + error, {}, {}});
    return false;
}

bool xslt_writers::render_pdf(const release_tree& tree, lazy_sheet& fo, std::string& out,
                              std::vector<diagnostic>& diagnostics) const {
    std::string error;
    result_doc doc = fo.get().transform(tree.doc(), params_, box_, error);
    if (!doc) {
        diagnostics.push_back({severity::error, "stylesheet", "the fo stylesheet failed: " + error, {}, {}});
        return false;
    }
    bool too_long = false;
    if (renderer_.render(doc.get(), pdf_options_, out, error, &too_long)) return true;
    if (too_long)
        diagnostics.push_back({severity::error, "too-many-pages",
                               error + " (the limit: --max-pages, or [limits] pages in the configuration)", {}, {}});
    else
        diagnostics.push_back({severity::error, "pdf", "the PDF could not be made: " + error, {}, {}});
    return false;
}

bool xslt_writers::write_docx(const release_tree& tree, lazy_sheet& docx, std::string& out,
                              std::vector<diagnostic>& diagnostics) const {
    std::string error;
    result_doc doc = docx.get().transform(tree.doc(), params_, box_, error);
    if (!doc) {
        diagnostics.push_back({severity::error, "stylesheet", "the docx stylesheet failed: " + error, {}, {}});
        return false;
    }
    if (write_docx_package(doc.get(), out, error)) return true;
    diagnostics.push_back({severity::error, "stylesheet", "the .docx could not be made: " + error, {}, {}});
    return false;
}

}  // namespace

std::unique_ptr<writers> make_writers(const options& opts) { return std::make_unique<xslt_writers>(opts); }

}  // namespace communique::detail
