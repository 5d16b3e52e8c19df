// A read-only view of a zip archive held in memory (a .docx is one), over
// libzip. Entry names are only looked up, never turned into file paths, and
// every read is bounded by a byte budget that the caller shares between the
// entries it reads: a zip's declared sizes can lie.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace communique::detail {

enum class zip_status : std::uint8_t {
    ok,
    unavailable,       // libzip could not be loaded
    not_a_zip,         // the bytes are not a zip archive, or a damaged one
    too_many_entries,  // more entries than a document has
    missing,           // no entry of that name
    encrypted,         // the entry needs a password
    too_large,         // the entry inflates to more than the budget left
    damaged,           // the entry does not inflate (bad data, bad checksum)
};

class zip_archive {
public:
    // An archive of at most this many entries is opened (a .docx has tens).
    static constexpr std::uint64_t max_entries = 10000;

    zip_archive(const zip_archive&) = delete;
    zip_archive& operator=(const zip_archive&) = delete;
    ~zip_archive();

    // Opens the archive in `bytes`, which must outlive it. On failure returns
    // null with the status and a message in `status` and `message`.
    static std::unique_ptr<zip_archive> open(std::string_view bytes, zip_status& status, std::string& message);

    bool contains(std::string_view name) const;
    // The uncompressed size the archive declares for an entry (0 if absent).
    // A hint for refusing early; read() does not trust it.
    std::uint64_t declared_size(std::string_view name) const;

    // Reads an entry whole into `out`. `budget` is how many bytes may still
    // be inflated: it is lowered by what is read, and an entry that would
    // take more gives too_large as soon as the budget runs out.
    zip_status read(std::string_view name, std::size_t& budget, std::string& out, std::string& message) const;

private:
    struct state;
    explicit zip_archive(std::unique_ptr<state> s);
    std::unique_ptr<state> state_;
};

}  // namespace communique::detail
