#include "write/formats.hpp"
#include "write/writers.hpp"

#include "transform/xslt.hpp"

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
    sandbox box_;
    std::map<std::string, std::string, std::less<>> params_;
    std::map<std::string, std::unique_ptr<lazy_sheet>, std::less<>> sheets_;  // by format name
};

xslt_writers::xslt_writers(const options& opts) {
    for (const std::string& folder : opts.readable_folders) box_.readable.emplace_back(folder);
    params_ = opts.parameters;
    params_.try_emplace("width", std::to_string(opts.text_width));
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
    auto it = sheets_.find(format);
    if (it == sheets_.end()) throw std::invalid_argument("unknown format: " + std::string(format));
    std::string error;
    if (it->second->get().apply(tree.doc(), params_, box_, out, error)) return true;
    diagnostics.push_back({severity::error, "stylesheet",
                           "the " + std::string(format) + " stylesheet failed: " + error, {}, {}});
    return false;
}

}  // namespace

std::unique_ptr<writers> make_writers(const options& opts) { return std::make_unique<xslt_writers>(opts); }

}  // namespace communique::detail
