#include "write/writers.hpp"

#include "transform/xslt.hpp"

#include <algorithm>
#include <mutex>
#include <array>
#include <stdexcept>

namespace communique::detail {

namespace {

struct format_entry {
    format_info info;
    const char* stylesheet;  // built-in resource, or nullptr for the tree itself
};

constexpr format_entry table[] = {
    {{"xml", ".xml", "canonical release XML (schemas/release.xsd)"}, nullptr},
    {{"html", ".html", "a standalone HTML5 page"}, "xslt/html.xsl"},
    {{"txt", ".txt", "plain text, wrapped to --width columns"}, "xslt/text.xsl"},
    {{"draft", ".md", "the canonical draft (what communique fmt writes)"}, "xslt/draft.xsl"},
    {{"nitf", ".nitf.xml", "IPTC NITF 3.6 news markup"}, "xslt/nitf.xsl"},
};

constexpr auto format_infos = [] {
    std::array<format_info, std::size(table)> out{};
    for (std::size_t i = 0; i < std::size(table); ++i) out[i] = table[i].info;
    return out;
}();

}  // namespace

std::span<const format_info> format_table() noexcept { return format_infos; }

// A stylesheet compiled on first use: `check` never pays for the writers.
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

struct writers::impl {
    sandbox box;
    std::map<std::string, std::string, std::less<>> params;
    std::map<std::string, std::unique_ptr<lazy_sheet>, std::less<>> sheets;  // by format name
};

writers::writers(const options& opts) : impl_(std::make_unique<impl>()) {
    for (const std::string& folder : opts.readable_folders) impl_->box.readable.emplace_back(folder);
    impl_->params = opts.parameters;
    impl_->params.try_emplace("width", std::to_string(opts.text_width));
    for (const format_entry& f : table) {
        if (!f.stylesheet) continue;
        auto& slot = impl_->sheets[std::string(f.info.name)];
        slot = std::make_unique<lazy_sheet>();
        slot->builtin = f.stylesheet;
    }
    // A user's stylesheet is compiled at once, so that a mistake in it is
    // reported before any release is read.
    for (const auto& [format, path] : opts.stylesheets) {
        auto it = impl_->sheets.find(format);
        if (it == impl_->sheets.end())
            throw std::invalid_argument("no stylesheet can be given for the format '" + format + "'");
        it->second->sheet = stylesheet::from_file(path, impl_->box);
    }
}

writers::~writers() = default;

bool writers::write(const release_tree& tree, std::string_view format, std::string& out,
                    std::vector<diagnostic>& diagnostics) const {
    if (format == "xml") {
        out = tree.serialize();
        return true;
    }
    auto it = impl_->sheets.find(format);
    if (it == impl_->sheets.end()) throw std::invalid_argument("unknown format: " + std::string(format));
    std::string error;
    if (it->second->get().apply(tree.doc(), impl_->params, impl_->box, out, error)) return true;
    diagnostics.push_back({severity::error, "stylesheet",
                           "the " + std::string(format) + " stylesheet failed: " + error, {}, {}});
    return false;
}

}  // namespace communique::detail
