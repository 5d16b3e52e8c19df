#include "batch/manifest.hpp"

#include "batch/io.hpp"
#include "core/hash.hpp"
#include "core/unicode.hpp"

#include <algorithm>
#include <cerrno>
#include <system_error>
#include <fcntl.h>
#include <map>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace batch {

namespace {

// Thread-safe, unlike strerror().
problem fmt_error(const char* what, int err) {
    return {communique::detail::rule::io, std::string(what) + ": " + std::generic_category().message(err), {}, {}, err};
}

// The first line; a later format would change the number (keys are only
// ever added to the records, so this one reads them all).
const std::string header_line = R"({"communique-manifest":1})"
                                "\n";

std::string text(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::uint64_t from_hex(const std::string& s) {
    std::uint64_t v = 0;
    for (char c : s) v = v << 4 | static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
    return v;
}

bool is_hex16(const std::string& s) {
    return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// `s` as a JSON string, written as nlohmann's dump(-1, ' ', false) writes
// it, so that a line is the same bytes whichever wrote it. A string that is
// not UTF-8 (sources and release text are; this is for safety only) goes
// through nlohmann, which replaces what is not.
void put_string(std::string& out, std::string_view s) {
    if (communique::detail::find_invalid_utf8(s) != std::string_view::npos) {
        out += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
        return;
    }
    out += '"';
    std::size_t plain = 0;  // the start of what is copied as it is
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s, plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                static constexpr char digits[] = "0123456789abcdef";
                const char escape[] = {'\\', 'u', '0', '0', digits[c >> 4], digits[c & 0xF]};
                out.append(escape, sizeof escape);
            }
        }
    }
    out.append(s, plain);
    out += '"';
}

// One record as one line, written directly: building the JSON tree first
// cost more than converting a release to text.
std::string to_line(const manifest_record& r) {
    std::string line;
    line.reserve(512);
    line += R"({"source":)";
    put_string(line, r.source);
    line += R"(,"input":")";
    line += communique::detail::to_hex(r.input_hash);
    line += R"(","settings":")";
    line += communique::detail::to_hex(r.settings_hash);
    line += R"(","status":)";
    put_string(line, r.status);
    line += R"(,"outputs":[)";
    for (const output_record& o : r.outputs) {
        if (&o != r.outputs.data()) line += ',';
        line += R"({"format":)";
        put_string(line, o.format);
        line += R"(,"path":)";
        put_string(line, o.path);
        line += R"(,"size":)";
        line += std::to_string(o.size);
        line += '}';
    }
    line += R"(],"info":{"headline":)";
    put_string(line, r.info.headline);
    line += R"(,"date":)";
    if (r.info.date.empty()) line += "null";
    else put_string(line, r.info.date);
    for (auto [key, value] : {std::pair{R"(,"place":)", &r.info.place},
                              {R"(,"issuer":)", &r.info.issuer},
                              {R"(,"genre":)", &r.info.genre},
                              {R"(,"kind":)", &r.info.kind},
                              {R"(,"language":)", &r.info.language}}) {
        line += key;
        put_string(line, *value);
    }
    line += '}';
    if (!r.earlier.empty()) {
        line += R"(,"earlier":[)";
        for (const std::string& p : r.earlier) {
            if (&p != r.earlier.data()) line += ',';
            put_string(line, p);
        }
        line += ']';
    }
    line += "}\n";
    return line;
}

// A record, or nothing for the header, a torn line or a line from a newer
// communique that this one does not understand.
std::optional<manifest_record> from_line(std::string_view line) {
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("source")) return std::nullopt;
    manifest_record r;
    r.source = text(j, "source");
    std::string input = text(j, "input"), settings = text(j, "settings");
    if (r.source.empty() || !is_hex16(input) || !is_hex16(settings)) return std::nullopt;
    r.input_hash = from_hex(input);
    r.settings_hash = from_hex(settings);
    r.status = text(j, "status");
    if (auto it = j.find("outputs"); it != j.end() && it->is_array()) {
        for (const json& o : *it) {
            if (!o.is_object() || !o.contains("size") || !o["size"].is_number_unsigned()) return std::nullopt;
            r.outputs.push_back({text(o, "format"), text(o, "path"), o["size"].get<std::uint64_t>()});
        }
    }
    if (auto it = j.find("info"); it != j.end() && it->is_object()) r.info = info_from_json(*it);
    if (auto it = j.find("earlier"); it != j.end() && it->is_array())
        for (const json& p : *it)
            if (p.is_string()) r.earlier.push_back(p.get<std::string>());
    return r;
}

// Calls `each(line, offset)` for every whole line of the file behind `fd`,
// reading it a block at a time: a manifest is never held whole in memory.
// A last line without its newline was cut short by a crash and is skipped.
// False when the file cannot be read.
template <class Each>
bool for_each_line(int fd, Each&& each) {
    std::string carry;  // a line that runs past the end of a block
    off_t carry_at = 0;
    std::vector<char> block(1 << 16);
    for (off_t at = 0;;) {
        ssize_t n = ::pread(fd, block.data(), block.size(), at);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) return true;
        std::string_view data(block.data(), static_cast<std::size_t>(n));
        for (std::size_t pos = 0; pos < data.size();) {
            std::size_t nl = data.find('\n', pos);
            if (nl == std::string_view::npos) {
                if (carry.empty()) carry_at = at + static_cast<off_t>(pos);
                carry.append(data.substr(pos));
                break;
            }
            if (carry.empty()) {
                each(data.substr(pos, nl - pos), at + static_cast<off_t>(pos));
            } else {
                carry.append(data.substr(pos, nl - pos));
                each(std::string_view(carry), carry_at);
                carry.clear();
            }
            pos = nl + 1;
        }
        at += n;
    }
}

// The last good line of every source in the file: where it is, sorted;
// `end` is where the last whole line ends.
bool index_lines(int fd, std::map<std::string, manifest::line_at>& into, off_t& end) {
    return for_each_line(fd, [&](std::string_view line, off_t offset) {
        end = offset + static_cast<off_t>(line.size()) + 1;
        if (auto r = from_line(line))
            into.insert_or_assign(std::move(r->source), manifest::line_at{offset, line.size()});
    });
}

bool same_file(int a, int b) {
    struct stat sa {}, sb {};
    return ::fstat(a, &sa) == 0 && ::fstat(b, &sb) == 0 && sa.st_ino == sb.st_ino && sa.st_dev == sb.st_dev;
}

bool read_line(int fd, manifest::line_at where, std::string& into) {
    into.resize(where.length);
    std::size_t done = 0;
    while (done < into.size()) {
        ssize_t n = ::pread(fd, into.data() + done, into.size() - done, where.offset + static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

struct flock_guard {
    int fd;
    flock_guard(int f, int how) : fd(f) {
        while (::flock(fd, how) != 0 && errno == EINTR) {
        }
    }
    ~flock_guard() { ::flock(fd, LOCK_UN); }
};

// Is `fd` the file now under `path`? Another run sharing the folder may have
// compacted the manifest (renamed a new inode over its name) meanwhile.
bool is_named(int fd, const fs::path& path) {
    struct stat ours {}, named {};
    return ::fstat(fd, &ours) == 0 && ::stat(path.c_str(), &named) == 0 && ours.st_ino == named.st_ino &&
           ours.st_dev == named.st_dev;
}

}  // namespace

json info_to_json(const communique::release_info& info) {
    return {{"headline", info.headline},
            {"date", info.date.empty() ? json(nullptr) : json(info.date)},
            {"place", info.place},
            {"issuer", info.issuer},
            {"genre", info.genre},
            {"kind", info.kind},
            {"language", info.language}};
}

communique::release_info info_from_json(const json& j) {
    communique::release_info info;
    info.headline = text(j, "headline");
    info.date = text(j, "date");
    info.place = text(j, "place");
    info.issuer = text(j, "issuer");
    info.genre = text(j, "genre");
    info.kind = text(j, "kind");
    info.language = text(j, "language");
    return info;
}

manifest::manifest(fs::path out_dir) : path_(std::move(out_dir) / manifest_name) {}

manifest::~manifest() {
    if (fd_ >= 0) ::close(fd_);
    if (read_fd_ >= 0) ::close(read_fd_);
}

void manifest::load() {
    // Kept open: find() reads the records from this file, whatever another
    // run sharing the folder renames over its name meanwhile.
    read_fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    off_t end = 0;
    const bool indexed = read_fd_ >= 0 && index_lines(read_fd_, loaded_, end);
    if (!indexed) loaded_.clear();
    // When this is the file open for appending, what this process appends
    // from now on is all compaction needs to know besides what was read
    // here, unless the file changes otherwise (compaction checks).
    std::lock_guard lock(mutex_);
    known_end_ = end;
    trusted_ = indexed && fd_ >= 0 && same_file(read_fd_, fd_);
}

std::optional<manifest_record> manifest::find(const std::string& source) const {
    auto it = loaded_.find(source);
    std::string line;
    if (it == loaded_.end() || !read_line(read_fd_, it->second, line)) return std::nullopt;
    return from_line(line);
}

expected<void> manifest::reopen() {
    trusted_ = false;
    if (fd_ >= 0) ::close(fd_);
    fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
    if (fd_ < 0) return fmt_error("cannot write", errno);
    flock_guard lock(fd_, LOCK_SH);
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return fmt_error("cannot write", errno);
    bool ok = true;
    if (st.st_size == 0) {
        ok = write_all(fd_, header_line);
    } else {
        // A line a crash cut short is ended here, so that the next record
        // starts a line of its own instead of being glued to the torn one.
        char last = '\n';
        int rfd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (rfd >= 0) {
            if (::pread(rfd, &last, 1, st.st_size - 1) != 1) last = '\n';
            ::close(rfd);
        }
        if (last != '\n') ok = write_all(fd_, "\n");
    }
    if (!ok) return fmt_error("cannot write", errno);
    return {};
}

expected<void> manifest::open() {
    std::lock_guard lock(mutex_);
    return reopen();
}

expected<void> manifest::append(const manifest_record& record) {
    std::string line = to_line(record);
    std::lock_guard lock(mutex_);
    for (int attempt = 0; attempt < 8; ++attempt) {
        if (fd_ < 0)
            if (auto opened = reopen(); !opened) return opened;
        flock_guard shared(fd_, LOCK_SH);
        // Another run may have compacted the file (a new inode under the
        // name) since we opened it: a line appended to the old one is lost.
        if (is_named(fd_, path_)) {
            if (!write_all(fd_, line)) {
                trusted_ = false;
                return fmt_error("cannot write", errno);
            }
            appended_ = true;
            if (trusted_) {
                // The line compaction would find here, if no one else
                // appends; a source it would not read back as written is
                // left to compaction to read.
                if (communique::detail::find_invalid_utf8(record.source) != std::string::npos) trusted_ = false;
                else if (!record.source.empty())
                    appended_lines_.push_back({record.source, {known_end_, line.size() - 1}});
                known_end_ += static_cast<off_t>(line.size());
            }
            return {};
        }
        ::close(fd_);
        fd_ = -1;
    }
    return problem{communique::detail::rule::io, "the manifest keeps being replaced"};
}

std::vector<std::string> manifest::recorded_outputs(const fs::path& out_dir, bool beside_sources) {
    std::vector<std::string> out;
    int fd = ::open((out_dir / manifest_name).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return out;
    for_each_line(fd, [&](std::string_view line, off_t) {
        struct stat st {};
        if (auto r = from_line(line); r && (!beside_sources || ::stat((out_dir / r->source).c_str(), &st) == 0)) {
            for (output_record& o : r->outputs) out.push_back(std::move(o.path));
            for (std::string& p : r->earlier) out.push_back(std::move(p));
        }
    });
    ::close(fd);
    return out;
}

expected<void> manifest::compact() {
    std::lock_guard lock(mutex_);
    if (!appended_) return {};
    for (int attempt = 0; attempt < 8; ++attempt) {
        int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return fmt_error("cannot read", errno);
        expected<bool> done = compact_locked(fd);
        ::close(fd);
        if (!done) return std::move(done).error();
        if (*done) {
            if (fd_ >= 0) {
                ::close(fd_);
                fd_ = -1;
            }
            trusted_ = false;
            appended_lines_.clear();
            return {};
        }
    }
    return problem{communique::detail::rule::io, "the manifest keeps being replaced"};
}

expected<bool> manifest::compact_locked(int fd) {
    flock_guard exclusive(fd, LOCK_EX);
    // Compacting a file another run has already replaced would write over
    // what was appended to its replacement since: try again.
    if (!is_named(fd, path_)) return false;
    // Only where each source's last line is stays in memory; the lines are
    // copied from the file: the manifest of a large archive is never held
    // whole, nor parsed into records all at once. When the file holds what
    // load() read and this process's lines, and nothing else (the same
    // file, of the size they make), their places are known without reading
    // it again.
    std::map<std::string, line_at> last;
    struct stat st {};
    if (trusted_ && fd_ >= 0 && same_file(fd, fd_) && ::fstat(fd, &st) == 0 && st.st_size == known_end_) {
        last = loaded_;
        for (const auto& [source, where] : appended_lines_) last.insert_or_assign(source, where);
    } else if (off_t end = 0; !index_lines(fd, last, end)) {
        return fmt_error("cannot read", errno);
    }
    std::string line;
    expected<void> written = write_atomically(path_, [&](std::FILE* f) {
        if (std::fputs(header_line.c_str(), f) < 0) return false;
        for (const auto& [source, where] : last) {
            if (!read_line(fd, where, line)) return false;
            line += '\n';
            if (std::fwrite(line.data(), 1, line.size(), f) != line.size()) return false;
        }
        return true;
    });
    if (!written) return std::move(written).error();
    return true;
}

}  // namespace batch
