// The entry points of the writers module that the command loads on demand
// (see cli/writers_module.cpp). Both sides come from one build (the loader
// looks beside the command), so C++ types may cross; exceptions do not.
#include "transform/xslt.hpp"
#include "write/formats.hpp"
#include "write/writers.hpp"

#include <exception>
#include <memory>
#include <string>
#include <vector>

extern "C" __attribute__((visibility("default"))) communique::detail::writers* communique_make_writers(
    const communique::options* opts) {
    return communique::detail::make_writers(*opts).release();
}

// The parameters the stylesheets of `formats` declare (the catalog's too,
// with `catalog`), each compiled as the engine would: a --param no
// stylesheet declares would be ignored in silence, so the command warns.
extern "C" __attribute__((visibility("default"))) int communique_stylesheet_parameters(
    const communique::options* opts, const std::vector<std::string>* formats, bool catalog,
    std::vector<std::string>* names, std::string* error) noexcept {
    using namespace communique::detail;
    try {
        std::vector<std::unique_ptr<stylesheet>> sheets;
        sandbox box;
        for (const std::string& folder : opts->readable_folders) box.readable.emplace_back(folder);
        for (const std::string& name : *formats) {
            const format_entry* f = find_format(name);
            if (f && f->rendered_from) f = find_format(f->rendered_from);
            if (!f || !f->stylesheet) continue;
            auto user = opts->stylesheets.find(std::string(f->info.name));
            sheets.push_back(user != opts->stylesheets.end() ? stylesheet::from_file(user->second, box)
                                                             : stylesheet::builtin(f->stylesheet));
        }
        if (catalog)
            for (const char* c : {"xslt/catalog-html.xsl", "xslt/catalog-json.xsl", "xslt/catalog-atom.xsl"})
                sheets.push_back(stylesheet::builtin(c));
        for (const auto& s : sheets)
            for (std::string& n : s->parameters()) names->push_back(std::move(n));
        return 0;
    } catch (const std::exception& e) {
        *error = e.what();
    } catch (...) {
        *error = "unknown error";
    }
    return 1;
}
