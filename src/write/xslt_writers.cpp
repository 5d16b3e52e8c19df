#include "write/catalog.hpp"
#include "write/docx_package.hpp"
#include "write/formats.hpp"
#include "write/writers.hpp"

#include "check/rules.hpp"
#include "core/unicode.hpp"
#include "pdf/renderer.hpp"
#include "transform/xslt.hpp"

#include <cstdio>
#include <cstdlib>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

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

// A warning at each place of the release where a character the PDF drew as
// the missing-glyph box stands (the first listed_per_rule, then how many
// more), and one without a place for such a character the stylesheet made.
void warn_missing_glyphs(const release_tree& tree, std::vector<char32_t> missing,
                         std::vector<diagnostic>& diagnostics) {
    auto message = [](char32_t c) {
        char name[16];
        std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(c));
        return std::string("no installed font has a glyph for ") + name +
               ": the PDF shows the missing-glyph box in its place (install a font that has it)";
    };
    std::sort(missing.begin(), missing.end());
    std::vector<bool> seen(missing.size(), false);
    std::size_t listed = 0, more = 0;
    for (const xmlNode* n = tree.root(); n;) {
        if (n->type == XML_TEXT_NODE && n->content) {
            const std::string_view text = reinterpret_cast<const char*>(n->content);
            for (std::size_t i = 0; i < text.size();) {
                const std::size_t at = i;
                const char32_t c = next_code_point(text, i);
                auto it = std::lower_bound(missing.begin(), missing.end(), c);
                if (it == missing.end() || *it != c) continue;
                seen[std::size_t(it - missing.begin())] = true;
                if (listed == listed_per_rule) {
                    ++more;
                    continue;
                }
                ++listed;
                const source_span where = tree.position_of(n, at);
                diagnostics.push_back(
                    make_diagnostic(severity::warning, rule::glyph_missing, message(c), where.begin, where.end));
            }
        }
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && !n->next) n = n->parent;
        n = n ? n->next : nullptr;
    }
    if (more > 0)
        diagnostics.push_back(make_diagnostic(
            severity::warning, rule::glyph_missing,
            std::to_string(more) + " more glyph-missing diagnostic" + (more == 1 ? "" : "s") +
                " from here on are not listed (only the first " + std::to_string(listed_per_rule) + " of a rule are)",
            diagnostics.back().begin, diagnostics.back().end));
    for (std::size_t i = 0; i < missing.size(); ++i)
        if (!seen[i])
            diagnostics.push_back(make_diagnostic(severity::warning, rule::glyph_missing, message(missing[i]), {}, {}));
}

bool before(source_position a, source_position b) {
    return a.line < b.line || (a.line == b.line && a.column < b.column);
}

// A position the reader recorded; an XML input's elements have lines only,
// and their order is the schema's anyway.
bool known(source_position p) { return p.line > 0 && p.column > 0; }

// The header's blocks as the draft writer writes them (the state and motto
// one, then each organisation, then each unit, lunar date, reference, genre
// and embargo in the XML's order), each with where it began; nothing when a
// position is not known.
std::vector<source_position> header_blocks(const release_tree& tree, xmlNodePtr header) {
    std::vector<source_position> national, organisations, rest;
    for (xmlNodePtr e = first_element(header); e; e = next_element(e)) {
        if (is(e, "state") || is(e, "motto")) national.push_back(tree.span_of(e).begin);
        for (xmlNodePtr part = is(e, "issuer") ? first_element(e) : nullptr; part; part = next_element(part))
            (is(part, "organisation") ? organisations : rest).push_back(tree.span_of(part).begin);
        if (is(e, "lunar-date") || is(e, "reference") || is(e, "genre") || is(e, "embargo"))
            rest.push_back(tree.span_of(e).begin);
    }
    std::vector<source_position> out;
    if (!national.empty()) out.push_back(*std::min_element(national.begin(), national.end(), before));
    out.insert(out.end(), organisations.begin(), organisations.end());
    out.insert(out.end(), rest.begin(), rest.end());
    if (!std::all_of(out.begin(), out.end(), known)) return {};
    return out;
}

// Where the draft had what the XML's order cannot say: the schema puts the
// header's parts in one order and the closing after the dateline, but a
// ministry may come above the national header, "For media enquiries: ..."
// above "Phnom Penh, 12 April 2024", a dateline above the header. The draft
// writer puts them back where the author had them (from where the reader
// found each), so that fmt moves no paragraph:
//   header-order             the header's blocks (1 for the first the draft
//                            writer makes, and so on) and a top dateline
//                            ("dateline") in the order they stood;
//   closing-before-dateline  how many of the closing's blocks stood above
//                            an end dateline, a blank line between.
void add_draft_order(const release_tree& tree, stylesheet::params& params) {
    xmlNodePtr dateline = child(tree.root(), "dateline");
    source_position at = dateline ? tree.span_of(dateline).begin : source_position{};
    std::string position = dateline ? attribute(dateline, "position") : "";
    if (xmlNodePtr header = child(tree.root(), "header")) {
        std::vector<source_position> blocks = header_blocks(tree, header);
        // A part the reader took from further down (the issuer signing off
        // over the end dateline) has no place above the headline to keep:
        // the header is then written in its usual order.
        if (xmlNodePtr headline = child(tree.root(), "headline")) {
            source_position top = tree.span_of(headline).begin;
            if (std::any_of(blocks.begin(), blocks.end(), [&](source_position p) { return !before(p, top); }))
                blocks.clear();
        }
        std::vector<std::pair<source_position, std::string>> order;
        for (std::size_t i = 0; i < blocks.size(); ++i) order.emplace_back(blocks[i], std::to_string(i + 1));
        if (position == "top" && known(at)) order.emplace_back(at, "dateline");
        std::stable_sort(order.begin(), order.end(),
                         [](const auto& a, const auto& b) { return before(a.first, b.first); });
        std::string text;
        for (const auto& [where, name] : order) text += (text.empty() ? "" : " ") + name;
        if (!blocks.empty()) params["header-order"] = text;
    }
    if (xmlNodePtr closing = child(tree.root(), "closing"); closing && position == "end" && known(at)) {
        // Not a signature in the dateline's own paragraph ("WISMA PUTRA" over
        // "PUTRAJAYA" / "21 Ogos 2024"): the writer sets the dateline on one
        // line, and the signature above it would read as body text.
        std::size_t n = 0;
        for (xmlNodePtr c = first_element(closing); c; c = next_element(c), ++n) {
            source_span where = tree.span_of(c);
            if (!known(where.begin) || !before(where.begin, at) || where.end.line + 1 >= at.line) break;
        }
        params["closing-before-dateline"] = std::to_string(n);
    }
}

// The XSLT writers (and, through the FO stylesheet, the PDF renderer).
class xslt_writers final : public writers {
public:
    explicit xslt_writers(const options& opts);
    bool write(const release_tree& tree, std::string_view format, std::string& out,
               std::vector<diagnostic>& diagnostics) const override;
    bool catalog_file(const catalog_releases& releases, const catalog_options& options, std::size_t file,
                      const std::function<bool(std::string_view)>& sink) const override {
        return write_catalog_file(releases, options, file, sink);
    }

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
    // pdf-tagged=false: an untagged PDF (no structure tree, docs/pdf.md).
    // The renderer's parameter, not the stylesheet's; passed on all the same,
    // as every parameter is.
    if (auto it = params_.find("pdf-tagged"); it != params_.end() && (it->second == "false" || it->second == "no"))
        pdf_options_.tagged = false;
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
    stylesheet::params draft_params;
    if (format == "draft") {
        draft_params = params_;
        add_draft_order(tree, draft_params);
    }
    expected<void> applied = it->second->get().apply(tree.doc(), format == "draft" ? draft_params : params_, box_, out);
    if (applied) return true;
    diagnostics.push_back(
        make_diagnostic(severity::error, rule::stylesheet,
                        "the " + std::string(format) + " stylesheet failed: " + applied.error().message));
    return false;
}

bool xslt_writers::render_pdf(const release_tree& tree, lazy_sheet& fo, std::string& out,
                              std::vector<diagnostic>& diagnostics) const {
    expected<result_doc> doc = fo.get().transform(tree.doc(), params_, box_);
    if (!doc) {
        diagnostics.push_back(
            make_diagnostic(severity::error, rule::stylesheet, "the fo stylesheet failed: " + doc.error().message));
        return false;
    }
    std::vector<char32_t> missing;
    expected<void> rendered = renderer_.render(doc->get(), pdf_options_, out, &missing);
    if (rendered) {
        if (!missing.empty()) warn_missing_glyphs(tree, std::move(missing), diagnostics);
        return true;
    }
    problem why = std::move(rendered).error();
    why.message = why.id == rule::too_many_pages ? why.message + "; raise it with --max-pages or [limits] pages"
                                                 : "the PDF could not be made: " + why.message;
    diagnostics.push_back(std::move(why).at_level());
    return false;
}

bool xslt_writers::write_docx(const release_tree& tree, lazy_sheet& docx, std::string& out,
                              std::vector<diagnostic>& diagnostics) const {
    expected<result_doc> doc = docx.get().transform(tree.doc(), params_, box_);
    if (!doc) {
        diagnostics.push_back(
            make_diagnostic(severity::error, rule::stylesheet, "the docx stylesheet failed: " + doc.error().message));
        return false;
    }
    expected<void> packed = write_docx_package(doc->get(), out);
    if (packed) return true;
    diagnostics.push_back(
        make_diagnostic(severity::error, rule::stylesheet, "the .docx could not be made: " + packed.error().message));
    return false;
}

}  // namespace

std::unique_ptr<writers> make_xslt_writers(const options& opts) { return std::make_unique<xslt_writers>(opts); }

}  // namespace communique::detail
