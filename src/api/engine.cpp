#include "check/rules.hpp"
#include "check/schema.hpp"
#include "core/rule.hpp"
#include "core/source.hpp"
#include "core/unicode.hpp"
#include "read/reader.hpp"
#include "write/formats.hpp"
#include "write/summary.hpp"
#include "write/writers.hpp"

#include <communique/communique.hpp>

#include <libxml/parser.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

namespace communique {
COMMUNIQUE_INLINE_NAMESPACE_BEGIN

std::string_view version() noexcept { return COMMUNIQUE_VERSION_STRING; }

std::string_view to_string(severity level) noexcept {
    switch (level) {
        case severity::note: return "note";
        case severity::warning: return "warning";
        case severity::error: return "error";
    }
    return "error";
}

std::span<const rule_info> rules() noexcept { return detail::rule_table(); }

std::span<const format_info> formats() noexcept { return detail::format_table(); }

namespace {

// Past detail::listed_per_rule diagnostics of a rule, one more says how
// many were left out (counting those the rule only counted).
void cap_repeats(std::vector<diagnostic>& diagnostics, const detail::unlisted_counts& unlisted) {
    constexpr std::size_t max_per_rule = detail::listed_per_rule;
    std::map<std::string, std::size_t, std::less<>> counts;
    for (const diagnostic& d : diagnostics) ++counts[d.rule];
    for (const auto& [rule, n] : unlisted)
        if (auto it = counts.find(rule); it != counts.end()) it->second += n;  // a rule turned off has none
    if (std::none_of(counts.begin(), counts.end(), [](const auto& c) { return c.second > max_per_rule; })) return;
    std::map<std::string, std::size_t, std::less<>> kept;
    std::vector<diagnostic> out;
    for (diagnostic& d : diagnostics) {
        std::size_t n = ++kept[d.rule];
        if (n <= max_per_rule) {
            out.push_back(std::move(d));
        } else if (n == max_per_rule + 1) {
            std::size_t rest = counts[d.rule] - max_per_rule;
            out.push_back({d.level, d.rule,
                           std::to_string(rest) + " more " + d.rule + " diagnostic" + (rest == 1 ? "" : "s") +
                               " from here on are not listed (only the first " + std::to_string(max_per_rule) +
                               " of a rule are)",
                           d.begin, d.end});
        }
    }
    diagnostics = std::move(out);
}

}  // namespace

bool result::ok() const noexcept {
    return std::none_of(diagnostics.begin(), diagnostics.end(),
                        [](const diagnostic& d) { return d.level == severity::error; });
}

struct engine::impl {
    options opts;
    const detail::release_schema& schema = detail::release_schema::built_in();

    explicit impl(options o) : opts(std::move(o)) {
        // A mistake in a user's stylesheet is reported now, not at the first
        // release.
        if (!opts.stylesheets.empty()) writers();
    }

    // Made on first use, so that checking alone never loads the writers.
    const detail::writers& writers() const {
        std::call_once(writers_once_, [&] { writers_ = detail::make_writers(opts); });
        return *writers_;
    }

    // The configured level of a rule, or nothing when it is turned off.
    std::optional<severity> level_of(const diagnostic& d) const {
        if (auto it = opts.rule_levels.find(d.rule); it != opts.rule_levels.end()) return it->second;
        if (const rule_info* r = detail::find_rule(d.rule)) return r->level(opts.profile);
        return d.level;
    }

    mutable std::once_flag writers_once_;
    mutable std::unique_ptr<detail::writers> writers_;

    // Each diagnostic at the level the options give its rule; those whose
    // rule is turned off are dropped.
    void apply_rule_levels(std::vector<diagnostic>& diags) const {
        std::erase_if(diags, [&](diagnostic& d) {
            auto level = level_of(d);
            if (!level) return true;
            d.level = *level;
            return false;
        });
    }
};

namespace {

void init_libraries() {
    // libxml2 must be initialised once before threads use it; ICU's NFC
    // data is loaded here too, so that threads started after an engine
    // find it loaded.
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        detail::load_nfc_data();
    });
}

}  // namespace

namespace {

constexpr std::pair<input_format, std::string_view> input_names[] = {{input_format::automatic, "auto"},
                                                                     {input_format::markdown, "markdown"},
                                                                     {input_format::docx, "docx"},
                                                                     {input_format::html, "html"},
                                                                     {input_format::xml, "xml"}};

constexpr std::pair<house_profile, std::string_view> profile_names[] = {{house_profile::general, "general"},
                                                                        {house_profile::kh_ministry, "kh-ministry"}};

// The public and the reader's enums are one list.
static_assert(static_cast<int>(input_format::xml) == static_cast<int>(detail::input_format::xml));

// A value of a name table by its name, and back (the table's first entry
// when the value is not in it).
template <typename Value, std::size_t N>
std::optional<Value> value_named(const std::pair<Value, std::string_view> (&table)[N], std::string_view name) {
    for (auto [value, n] : table)
        if (n == name) return value;
    return std::nullopt;
}

template <typename Value, std::size_t N>
std::string_view name_of(const std::pair<Value, std::string_view> (&table)[N], Value value) {
    for (auto [v, n] : table)
        if (v == value) return n;
    return table[0].second;
}

}  // namespace

std::optional<house_profile> house_profile_named(std::string_view name) noexcept {
    return value_named(profile_names, name);
}
std::string_view to_string(house_profile profile) noexcept { return name_of(profile_names, profile); }

std::optional<input_format> input_format_named(std::string_view name) noexcept {
    return value_named(input_names, name);
}
std::string_view to_string(input_format format) noexcept { return name_of(input_names, format); }

input_format detect_input_format(std::string_view bytes) noexcept {
    return static_cast<input_format>(detail::detect_format(bytes));
}

engine::engine(options opts) {
    for (const auto& [id, level] : opts.rule_levels)
        if (!detail::find_rule(id)) throw std::invalid_argument("unknown rule ID: " + id);
    init_libraries();
    impl_ = std::make_unique<impl>(std::move(opts));
}

engine::~engine() = default;
engine::engine(engine&&) noexcept = default;
engine& engine::operator=(engine&&) noexcept = default;

result engine::check(std::string_view bytes) const { return convert(bytes, {}); }

result engine::convert(std::string_view bytes, std::span<const std::string> format_names) const {
    std::vector<const format_info*> wanted;
    for (const std::string& name : format_names) {
        const detail::format_entry* entry = detail::find_format(name);
        if (!entry) throw std::invalid_argument("unknown format: " + name);
        wanted.push_back(&entry->info);
    }

    result out;
    detail::source_text src(bytes);
    detail::read_options read_opts;
    read_opts.numeric_dates = impl_->opts.numeric_dates == date_order::month_first ? detail::date_order::month_first
                                                                                   : detail::date_order::day_first;
    read_opts.default_language = impl_->opts.default_language;
    read_opts.max_nesting = impl_->opts.max_nesting;
    read_opts.format = static_cast<detail::input_format>(impl_->opts.input);
    read_opts.html_content = impl_->opts.html_content;
    read_opts.issuers = impl_->opts.allowed_issuers;
    read_opts.genres = impl_->opts.allowed_genres;
    read_opts.places = impl_->opts.places;
    read_opts.indent = !wanted.empty();  // check writes nothing
    // A .docx is compressed: what it may unpack to grows with the input
    // limit (64 MiB of XML for the default 1 MiB), so that raising one
    // raises the other.
    read_opts.max_inflated = impl_->opts.max_input_bytes * 64;
    if (bytes.size() > impl_->opts.max_input_bytes) {
        out.diagnostics.push_back(
            detail::make_diagnostic(severity::error, detail::rule::input_too_large,
                                    "the file has " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                                        std::to_string(impl_->opts.max_input_bytes) +
                                        " bytes; raise it with --max-input-size or [limits] input-bytes",
                                    {1, 1}, {1, 1}));
        impl_->apply_rule_levels(out.diagnostics);
        return out;
    }
    detail::read_result read = detail::read_release(src, read_opts);
    out.diagnostics = std::move(read.diagnostics);
    // A .docx's spans count paragraphs, not the bytes' lines.
    const detail::input_format read_as =
        read_opts.format == detail::input_format::automatic ? detail::detect_format(src.text()) : read_opts.format;
    if (read.tree && read_as != detail::input_format::docx) read.tree->set_source(&src);
    // Each element costs the rules and every writer time of its own: a
    // release over the limit is neither checked nor written.
    if (const xmlNode* past = read.tree ? detail::element_past(read.tree->root(), impl_->opts.max_elements) : nullptr) {
        detail::source_span where = read.tree->span_of(past);
        out.diagnostics.push_back(
            detail::make_diagnostic(severity::error, detail::rule::too_many_elements,
                                    "the release has more than " + std::to_string(impl_->opts.max_elements) +
                                        " elements (paragraphs, list items, names, "
                                        "dates, links, line breaks...), "
                                        "over the limit; raise it with --max-elements or [limits] elements",
                                    where.begin, where.end));
        read.tree.reset();
    }
    detail::unlisted_counts unlisted;
    if (read.tree) {
        detail::check_structure(*read.tree, impl_->opts, out.diagnostics);
        detail::check_dates(*read.tree, out.diagnostics, unlisted);
        impl_->apply_rule_levels(out.diagnostics);
        // The house rules explain a broken structure better than the schema
        // can, so the schema speaks only when they found no error.
        if (out.ok()) {
            std::vector<diagnostic> schema;
            impl_->schema.validate(*read.tree, schema);
            impl_->apply_rule_levels(schema);
            out.diagnostics.insert(out.diagnostics.end(), schema.begin(), schema.end());
        }
    } else {
        impl_->apply_rule_levels(out.diagnostics);
    }
    std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const diagnostic& a, const diagnostic& b) {
        return std::tie(a.begin.line, a.begin.column) < std::tie(b.begin.line, b.begin.column);
    });
    cap_repeats(out.diagnostics, unlisted);
    if (read.tree) out.info = detail::summarize(*read.tree);
    if (read.tree && (out.ok() || impl_->opts.write_invalid)) {
        // The tree itself is written first: libxslt strips whitespace in the
        // documents it transforms, which would change the XML's layout.
        std::vector<std::size_t> order(wanted.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return wanted[i]->name == "xml"; });
        out.outputs.resize(wanted.size());
        for (std::size_t i : order) {
            if (wanted[i]->name == "xml") {
                out.outputs[i] = read.tree->serialize();
            } else {
                std::vector<diagnostic> written;
                bool ok = impl_->writers().write(*read.tree, wanted[i]->name, out.outputs[i], written);
                // A writer's warnings (glyph-missing) obey the configuration
                // as the checks' do, up to an error that fails the output;
                // its own errors always stand.
                if (ok) {
                    impl_->apply_rule_levels(written);
                    ok = std::none_of(written.begin(), written.end(),
                                      [](const diagnostic& d) { return d.level == severity::error; });
                }
                out.diagnostics.insert(out.diagnostics.end(), written.begin(), written.end());
                if (!ok) {
                    out.outputs.clear();
                    break;
                }
            }
        }
    }
    return out;
}

COMMUNIQUE_INLINE_NAMESPACE_END
}  // namespace communique
