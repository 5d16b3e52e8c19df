// make_writers, the one definition: the writers behind the C table of
// write/writers_entry.h, wherever the table comes from (linked in, or the
// command's module).
#include "write/writers.hpp"

#include <cstdlib>
#include <new>
#include <stdexcept>
#include <string>

namespace communique::detail {

namespace {

// Throws what the table's call threw on the other side, and frees its message.
[[noreturn]] void rethrow(const communique_writers_v1_table& t, int failure, char* error) {
    std::string message = error ? error : "unknown error";
    t.free_error(error);
    if (failure == COMMUNIQUE_WRITERS_OUT_OF_MEMORY) throw std::bad_alloc();
    if (failure == COMMUNIQUE_WRITERS_INVALID_ARGUMENT) throw std::invalid_argument(message);
    throw std::runtime_error(message);
}

class table_writers final : public writers {
public:
    table_writers(const communique_writers_v1_table& t, void* handle) : t_(t), handle_(handle) {}
    ~table_writers() override { t_.close(handle_); }
    table_writers(const table_writers&) = delete;
    table_writers& operator=(const table_writers&) = delete;

    bool write(const release_tree& tree, std::string_view format, std::string& out,
               std::vector<diagnostic>& diagnostics) const override {
        int failure = 0;
        char* error = nullptr;
        int written = t_.write(handle_, &tree, format.data(), format.size(), &out, &diagnostics, &failure, &error);
        if (written < 0) rethrow(t_, failure, error);
        return written == 1;
    }

    bool catalog_file(const catalog_releases& releases, const catalog_options& options, std::size_t file,
                      const std::function<bool(std::string_view)>& sink) const override {
        int failure = 0;
        char* error = nullptr;
        int taken = t_.catalog_file(handle_, &releases, &options, file, &sink, &failure, &error);
        if (taken < 0) rethrow(t_, failure, error);
        return taken == 1;
    }

private:
    const communique_writers_v1_table& t_;
    void* handle_;
};

}  // namespace

std::unique_ptr<writers> make_writers(const options& opts) {
    const communique_writers_v1_table& t = writers_table();
    int failure = 0;
    char* error = nullptr;
    void* handle = t.open(&opts, &failure, &error);
    if (!handle) rethrow(t, failure, error);
    return std::make_unique<table_writers>(t, handle);
}

}  // namespace communique::detail
