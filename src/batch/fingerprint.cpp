#include "batch/fingerprint.hpp"

#include "batch/io.hpp"
#include "core/hash.hpp"

namespace batch {

namespace {

void put(std::string& out, std::string_view s) {
    // Length-prefixed, so that no two different settings give the same bytes.
    out += std::to_string(s.size());
    out += ':';
    out += s;
}

void put_list(std::string& out, std::string_view name, const std::vector<std::string>& items) {
    put(out, name);
    put(out, std::to_string(items.size()));
    for (const std::string& item : items) put(out, item);
}

}  // namespace

fingerprints::fingerprints(const std::vector<std::string>& formats) {
    put(base_, "communique");
    put(base_, communique::version());
    put_list(base_, "formats", formats);
}

std::uint64_t fingerprints::of(const communique::options& opts) {
    // An engine's options live as long as the engine: one hash per engine.
    if (auto it = by_options_.find(&opts); it != by_options_.end()) return it->second;
    std::string s = base_;
    put(s, communique::to_string(opts.input));
    put(s, opts.html_content);
    put(s, opts.numeric_dates == communique::date_order::month_first ? "month-first" : "day-first");
    put(s, communique::to_string(opts.profile));
    put(s, "rules");
    for (const auto& [id, level] : opts.rule_levels) {
        put(s, id);
        put(s, level ? communique::to_string(*level) : "off");
    }
    put(s, "stylesheets");
    for (const auto& [format, path] : opts.stylesheets) {
        put(s, format);
        put(s, path);
        auto known = read_.find(path);
        if (known == read_.end()) {
            expected<std::string> bytes = read_file(path);
            known = read_.emplace(path, bytes ? std::move(*bytes) : "unreadable").first;
        }
        put(s, known->second);
    }
    put(s, "parameters");
    for (const auto& [name, value] : opts.parameters) {
        put(s, name);
        put(s, value);
    }
    put_list(s, "readable", opts.readable_folders);
    put(s, std::to_string(opts.text_width));
    put_list(s, "issuers", opts.allowed_issuers);
    put_list(s, "genres", opts.allowed_genres);
    put_list(s, "places", opts.places);
    put(s, std::to_string(opts.headline_max_words));
    put(s, opts.default_language);
    put(s, std::to_string(opts.max_input_bytes));
    put(s, std::to_string(opts.max_nesting));
    put(s, std::to_string(opts.max_elements));
    put(s, std::to_string(opts.max_pages));
    put(s, opts.write_invalid ? "accept-invalid" : "");
    return by_options_[&opts] = communique::detail::fnv1a().field(s).value();
}

}  // namespace batch
