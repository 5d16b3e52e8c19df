// A read-only view of a zip archive held in memory (a .docx is one), over
// libzip. Entry names are only looked up, never turned into file paths, and
// every read is bounded by a byte budget that the caller shares between the
// entries it reads: a zip's declared sizes can lie.
#pragma once

#include "core/expected.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace communique::detail {

class zip_archive {
public:
    // An archive of at most this many entries is opened (a .docx has tens).
    static constexpr std::uint64_t max_entries = 10000;

    zip_archive(const zip_archive&) = delete;
    zip_archive& operator=(const zip_archive&) = delete;
    ~zip_archive();

    // Opens the archive in `bytes`, which must outlive it. A problem (rule
    // input-encoding) when libzip cannot be loaded, the bytes are not a zip
    // archive, or it has more than max_entries entries.
    static expected<std::unique_ptr<zip_archive>> open(std::string_view bytes);

    bool contains(std::string_view name) const;
    // The uncompressed size the archive declares for an entry (0 if absent).
    // A hint for refusing early; read() does not trust it.
    std::uint64_t declared_size(std::string_view name) const;

    // An entry's bytes, whole; nothing when the archive has no entry of that
    // name. `budget` is how many bytes may still be inflated: it is lowered
    // by what is read, and an entry that would take more is a problem of rule
    // input-too-large as soon as the budget runs out; an encrypted or
    // damaged entry is one of rule input-encoding. The message names the
    // entry.
    expected<std::optional<std::string>> read(std::string_view name, std::size_t& budget) const;

private:
    struct state;
    explicit zip_archive(std::unique_ptr<state> s);
    std::unique_ptr<state> state_;
};

}  // namespace communique::detail
