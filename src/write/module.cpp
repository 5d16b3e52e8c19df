// The writers' C entry point (write/writers_entry.h says why the seam is
// there): exported by the writers module, and linked into the library, which
// reaches its writers through the same table.
#include "write/writers_entry.h"

#include "write/catalog.hpp"
#include "transform/xslt.hpp"
#include "write/formats.hpp"
#include "write/writers.hpp"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

namespace communique::detail {

namespace {

// Runs `body`, turning what it throws into a failure and a message the
// caller frees with free_error: exceptions do not cross the table.
template <typename F>
int guarded(int* failure, char** error, F&& body) noexcept {
    auto fail = [&](int kind, const char* what) {
        *failure = kind;
        *error = ::strdup(what);
        return -1;
    };
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return fail(COMMUNIQUE_WRITERS_OUT_OF_MEMORY, "out of memory");
    } catch (const std::invalid_argument& e) {
        return fail(COMMUNIQUE_WRITERS_INVALID_ARGUMENT, e.what());
    } catch (const std::exception& e) {
        return fail(COMMUNIQUE_WRITERS_RUNTIME_ERROR, e.what());
    } catch (...) {
        return fail(COMMUNIQUE_WRITERS_RUNTIME_ERROR, "unknown error");
    }
}

void* open(const void* opts, int* failure, char** error) {
    writers* made = nullptr;
    guarded(failure, error, [&] {
        made = make_xslt_writers(*static_cast<const options*>(opts)).release();
        return 0;
    });
    return made;
}

void close(void* w) { delete static_cast<writers*>(w); }

int write(const void* w, const void* tree, const char* format, std::size_t format_size, void* out,
          void* diagnostics, int* failure, char** error) {
    return guarded(failure, error, [&] {
        return static_cast<const writers*>(w)->write(*static_cast<const release_tree*>(tree),
                                                     std::string_view(format, format_size),
                                                     *static_cast<std::string*>(out),
                                                     *static_cast<std::vector<diagnostic>*>(diagnostics))
                   ? 1
                   : 0;
    });
}

int catalog_file(const void* w, const void* releases, const void* opts, std::size_t file, const void* sink,
                 int* failure, char** error) {
    return guarded(failure, error, [&] {
        return static_cast<const writers*>(w)->catalog_file(
                   *static_cast<const catalog_releases*>(releases), *static_cast<const catalog_options*>(opts), file,
                   *static_cast<const std::function<bool(std::string_view)>*>(sink))
                   ? 1
                   : 0;
    });
}

// The parameters the stylesheets of `formats` declare (the catalog's too,
// with `catalog`), each compiled as the engine would: a --param no
// stylesheet declares would be ignored in silence, so the command warns.
int stylesheet_parameters(const void* options_ptr, const void* formats_ptr, int with_catalog, void* names_ptr,
                          int* failure, char** error) {
    return guarded(failure, error, [&] {
        const auto& opts = *static_cast<const options*>(options_ptr);
        const auto& formats = *static_cast<const std::vector<std::string>*>(formats_ptr);
        auto& names = *static_cast<std::vector<std::string>*>(names_ptr);
        std::vector<std::unique_ptr<stylesheet>> sheets;
        sandbox box;
        for (const std::string& folder : opts.readable_folders) box.readable.emplace_back(folder);
        for (const std::string& name : formats) {
            const format_entry* f = find_format(name);
            if (f && f->rendered_from) f = find_format(f->rendered_from);
            if (!f || !f->stylesheet) continue;
            auto user = opts.stylesheets.find(std::string(f->info.name));
            sheets.push_back(user != opts.stylesheets.end() ? stylesheet::from_file(user->second, box)
                                                            : stylesheet::builtin(f->stylesheet));
        }
        if (with_catalog)
            for (const char* c : {"xslt/catalog-html.xsl", "xslt/catalog-json.xsl", "xslt/catalog-atom.xsl"})
                sheets.push_back(stylesheet::builtin(c));
        for (const auto& s : sheets)
            for (std::string& n : s->parameters()) names.push_back(std::move(n));
        return 0;
    });
}

void free_error(char* error) { std::free(error); }

constexpr communique_writers_v1_table table = {
    COMMUNIQUE_WRITERS_VERSION, sizeof(communique_writers_v1_table), writers_build, open, close, write, catalog_file,
    stylesheet_parameters, free_error};

}  // namespace

// The library's and the module's writers: the table linked in. The command
// defines this by loading the module instead (cli/writers_module.cpp).
const communique_writers_v1_table& writers_table() { return table; }

}  // namespace communique::detail

extern "C" __attribute__((visibility("default"))) const communique_writers_v1_table* communique_writers_v1(void) {
    return &communique::detail::table;
}
