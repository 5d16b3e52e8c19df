// The zip seam over libzip, loaded with dlopen("libzip.so.4") the first time
// a zip is opened rather than linked. Why: the command links its core
// statically for start-up speed, and linking libzip would load libcrypto
// into every process, so that every `check` of a Markdown file would pay for
// it (the cost: docs/performance.md). Only the handful of functions used
// here are resolved, through a table; <zip.h> gives their types.
#include "read/zip_archive.hpp"

#include <zip.h>

#include <algorithm>

#include <dlfcn.h>

namespace communique::detail {

namespace {

struct libzip_table {
    decltype(&zip_source_buffer_create) source_buffer_create = nullptr;
    decltype(&zip_source_free) source_free = nullptr;
    decltype(&zip_open_from_source) open_from_source = nullptr;
    decltype(&zip_discard) discard = nullptr;
    decltype(&zip_get_num_entries) get_num_entries = nullptr;
    decltype(&zip_name_locate) name_locate = nullptr;
    decltype(&zip_stat_index) stat_index = nullptr;
    decltype(&zip_fopen_index) fopen_index = nullptr;
    decltype(&zip_fread) fread = nullptr;
    decltype(&zip_fclose) fclose = nullptr;
    decltype(&zip_file_get_error) file_get_error = nullptr;
    decltype(&zip_error_init) error_init = nullptr;
    decltype(&zip_error_fini) error_fini = nullptr;
    decltype(&zip_error_strerror) error_strerror = nullptr;
    bool loaded = false;
};

template <typename F>
bool resolve(void* handle, const char* name, F& f) {
    f = reinterpret_cast<F>(dlsym(handle, name));
    return f != nullptr;
}

// Loaded once per process (a function-local static is initialised once,
// even with threads) and never unloaded.
const libzip_table& libzip() {
    static const libzip_table table = [] {
        libzip_table t;
        void* h = dlopen("libzip.so.4", RTLD_NOW | RTLD_LOCAL);
        if (!h) return t;
        t.loaded = resolve(h, "zip_source_buffer_create", t.source_buffer_create) &&
                   resolve(h, "zip_source_free", t.source_free) &&
                   resolve(h, "zip_open_from_source", t.open_from_source) && resolve(h, "zip_discard", t.discard) &&
                   resolve(h, "zip_get_num_entries", t.get_num_entries) &&
                   resolve(h, "zip_name_locate", t.name_locate) && resolve(h, "zip_stat_index", t.stat_index) &&
                   resolve(h, "zip_fopen_index", t.fopen_index) && resolve(h, "zip_fread", t.fread) &&
                   resolve(h, "zip_fclose", t.fclose) && resolve(h, "zip_file_get_error", t.file_get_error) &&
                   resolve(h, "zip_error_init", t.error_init) && resolve(h, "zip_error_fini", t.error_fini) &&
                   resolve(h, "zip_error_strerror", t.error_strerror);
        return t;
    }();
    return table;
}

}  // namespace

struct zip_archive::state {
    zip_t* archive = nullptr;
};

zip_archive::zip_archive(std::unique_ptr<state> s) : state_(std::move(s)) {}

zip_archive::~zip_archive() {
    if (state_ && state_->archive) libzip().discard(state_->archive);
}

expected<std::unique_ptr<zip_archive>> zip_archive::open(std::string_view bytes) {
    const libzip_table& z = libzip();
    if (!z.loaded)
        return problem{rule::input_encoding,
                       "libzip.so.4 could not be loaded, and it is needed to read .docx files: install the Debian "
                       "package libzip4"};
    zip_error_t error;
    z.error_init(&error);
    zip_source_t* source = z.source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* archive = source ? z.open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    if (!archive) {
        if (source) z.source_free(source);  // not taken over by a failed open
        problem why{rule::input_encoding, std::string("not a zip archive (") + z.error_strerror(&error) + ")"};
        z.error_fini(&error);
        return why;
    }
    z.error_fini(&error);
    auto self = std::unique_ptr<zip_archive>(new zip_archive(std::make_unique<state>(state{archive})));
    zip_int64_t entries = z.get_num_entries(archive, 0);
    if (entries < 0 || static_cast<std::uint64_t>(entries) > max_entries)
        return problem{rule::input_encoding,
                       "the zip archive has more than " + std::to_string(max_entries) + " entries"};
    return self;
}

namespace {

// The index of an entry, or -1. Part names in a .docx are compared without
// case (Open Packaging Conventions); the name is only ever looked up.
zip_int64_t locate(zip_t* archive, std::string_view name) {
    std::string z_name(name);
    return libzip().name_locate(archive, z_name.c_str(), ZIP_FL_NOCASE);
}

}  // namespace

bool zip_archive::contains(std::string_view name) const { return locate(state_->archive, name) >= 0; }

std::uint64_t zip_archive::declared_size(std::string_view name) const {
    zip_int64_t index = locate(state_->archive, name);
    zip_stat_t st;
    if (index < 0 || libzip().stat_index(state_->archive, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_SIZE))
        return 0;
    return st.size;
}

expected<std::optional<std::string>> zip_archive::read(std::string_view name, std::size_t& budget) const {
    const libzip_table& z = libzip();
    zip_int64_t index = locate(state_->archive, name);
    if (index < 0) return std::optional<std::string>();
    zip_stat_t st;
    if (z.stat_index(state_->archive, static_cast<zip_uint64_t>(index), 0, &st) != 0)
        return problem{rule::input_encoding, std::string(name) + " is damaged"};
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return problem{rule::input_encoding, std::string(name) + " is encrypted"};
    // The declared size refuses most bombs before anything is inflated; the
    // loop below stops the ones whose declared size lies.
    if ((st.valid & ZIP_STAT_SIZE) && st.size > budget)
        return problem{rule::input_too_large, std::string(name) + " unpacks to more than the limit"};
    zip_file_t* file = z.fopen_index(state_->archive, static_cast<zip_uint64_t>(index), 0);
    if (!file) return problem{rule::input_encoding, std::string(name) + " cannot be read"};
    std::string out;
    // An entry may not inflate past the budget, nor past the size it
    // declares: the declared size is reserved once (it is within the
    // budget), and an entry that goes on beyond it is refused at once,
    // before it could make the string grow.
    const bool declared = st.valid & ZIP_STAT_SIZE;
    const std::size_t limit = declared ? static_cast<std::size_t>(st.size) : budget;
    if (declared) out.reserve(limit + 1);
    constexpr std::size_t chunk = 64 * 1024;
    std::optional<problem> failed;
    for (;;) {
        std::size_t old = out.size();
        // One byte more than the limit tells an entry that fits exactly
        // from one that goes on.
        std::size_t left = limit - std::min(limit, old);
        std::size_t want = left >= chunk ? chunk : left + 1;
        out.resize(old + want);
        zip_int64_t got = z.fread(file, out.data() + old, want);
        if (got < 0) {
            failed.emplace(rule::input_encoding,
                           std::string(name) + " is damaged (" + z.error_strerror(z.file_get_error(file)) + ")");
            break;
        }
        out.resize(old + static_cast<std::size_t>(got));
        if (out.size() > limit) {
            failed.emplace(rule::input_too_large, std::string(name) + " unpacks to more than " +
                                                      (declared ? "the " + std::to_string(limit) + " bytes it declares"
                                                                : std::string("the limit")));
            break;
        }
        if (got == 0) break;
    }
    // zip_fclose reports a bad checksum of an entry read to its end.
    if (z.fclose(file) != 0 && !failed)
        failed.emplace(rule::input_encoding, std::string(name) + " is damaged (bad checksum)");
    if (failed) return std::move(*failed);
    budget -= out.size();
    return std::optional<std::string>(std::move(out));
}

}  // namespace communique::detail
