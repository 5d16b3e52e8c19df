#include "batch/io.hpp"

#include "batch/paths.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <system_error>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace batch {

namespace {

// strerror() may use a static buffer; the workers call this at once.
std::string errno_message(int err) { return std::generic_category().message(err); }

// The name our process has in /proc/PID/stat ("communique").
std::string process_name(pid_t pid, char* state) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(in, line)) return {};
    std::size_t open = line.find('('), close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open) return {};
    if (state && close + 2 < line.size()) *state = line[close + 2];
    return line.substr(open + 1, close - open - 1);
}

// Is the process that made a temporary file gone? A PID can be reused, so a
// live PID counts only if it is a communique process that is not a zombie.
bool owner_gone(pid_t pid) {
    if (pid <= 0) return true;
    if (pid == ::getpid()) return false;
    if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
    char state = '?';
    std::string name = process_name(pid, &state);
    if (name.empty()) return ::access("/proc/self/stat", R_OK) == 0;  // no /proc entry: gone (when /proc works)
    if (state == 'Z' || state == 'X') return true;
    return name != process_name(::getpid(), nullptr);
}

// ".~cq-NAME.PID-RANDOM.tmp" -> PID; 0 when the name does not parse.
pid_t temp_owner(std::string_view name) {
    name.remove_suffix(4);  // ".tmp"
    std::size_t dash = name.rfind('-');
    std::size_t dot = name.rfind('.', dash);
    if (dash == std::string_view::npos || dot == std::string_view::npos) return 0;
    long pid = 0;
    for (char c : name.substr(dot + 1, dash - dot - 1)) {
        if (c < '0' || c > '9' || pid > 1L << 30) return 0;
        pid = pid * 10 + (c - '0');
    }
    return static_cast<pid_t>(pid);
}

void sweep(const std::string& dir, std::size_t& removed) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return;
    std::vector<std::string> subdirs;
    while (dirent* e = ::readdir(d)) {
        std::string_view name = e->d_name;
        if (name == "." || name == "..") continue;
        std::string path = dir + "/" + std::string(name);
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) subdirs.push_back(path);
        else if (S_ISREG(st.st_mode) && is_temp_name(name) && owner_gone(temp_owner(name)) &&
                 ::unlink(path.c_str()) == 0)
            ++removed;
    }
    ::closedir(d);
    for (const std::string& s : subdirs) sweep(s, removed);
}

}  // namespace

namespace {

problem io_problem(std::string message, int err = 0) {
    return {communique::detail::rule::io, std::move(message), {}, {}, err};
}

}  // namespace

expected<std::string> read_file(const std::string& path) {
    // O_NONBLOCK: opening a FIFO nobody writes to would wait for ever. It
    // is cleared at once for anything but a regular file (which it does
    // not affect), so a pipe with a writer (<(...)) is read whole, and one
    // without reads as empty.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        int err = errno;
        return io_problem("cannot open: " + errno_message(err), err);
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        bool folder = S_ISDIR(st.st_mode);
        int err = folder ? EISDIR : errno;
        ::close(fd);
        return io_problem(folder ? "is a folder" : "cannot read: " + errno_message(err), err);
    }
    const bool regular = S_ISREG(st.st_mode);
    if (!regular) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    // Straight into the string, a byte more than the file had when it was
    // looked at: when a read leaves it at exactly that size, the file did
    // not grow and is read in one call (a check reads thousands). Files
    // whose size stat does not know (/proc's say 0) are read to the end.
    std::string bytes;
    std::size_t size = 0;
    std::size_t want = regular ? static_cast<std::size_t>(st.st_size) + 1 : std::size_t{1} << 16;
    for (;;) {
        bytes.resize(size + want);
        ssize_t n = ::read(fd, bytes.data() + size, want);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            ::close(fd);
            return io_problem("read error: " + errno_message(err), err);
        }
        size += static_cast<std::size_t>(n);
        if (regular && size == static_cast<std::size_t>(st.st_size)) break;
        want = std::max<std::size_t>(want, std::size_t{1} << 16);
    }
    ::close(fd);
    bytes.resize(size);
    return bytes;
}

expected<void> write_atomically(const fs::path& path, const std::function<bool(std::FILE*)>& produce,
                                std::optional<fs::perms> mode) {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    // NAME is cut so that the temporary name fits NAME_MAX (255) whenever
    // the final name does.
    std::string name = path.filename().string();
    if (name.size() > 200) name.resize(200);
    fs::path tmp = path.parent_path() / fmt::format(".~cq-{}.{}-{:08x}.tmp", name, ::getpid(),
                                                    static_cast<std::uint32_t>(rng()));
    auto fail = [&](const char* what, int err) {
        ::unlink(tmp.c_str());
        return io_problem(fmt::format("{}: {}", what, errno_message(err)), err);
    };
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        int err = errno;
        return io_problem("cannot write: " + errno_message(err), err);
    }
    if (mode && ::fchmod(fd, static_cast<mode_t>(*mode)) != 0) {
        int err = errno;
        ::close(fd);
        return fail("cannot set permissions", err);
    }
    std::FILE* f = ::fdopen(fd, "w");
    if (!f) {
        int err = errno;
        ::close(fd);
        return fail("cannot write", err);
    }
    errno = 0;
    bool ok = produce(f) && std::fflush(f) == 0 && !std::ferror(f);
    int err = errno ? errno : EIO;
    // No fsync: the rename already guarantees that a killed process leaves
    // whole files, and an fsync per output would cost more than converting
    // it. A file a power cut left empty does not have the size the manifest
    // recorded for it, so the next run converts that release again.
    if (std::fclose(f) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) return fail("write failed", err);
    if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot rename into place", errno);
    return {};
}

expected<void> write_atomically(const fs::path& path, std::string_view bytes, std::optional<fs::perms> mode) {
    return write_atomically(
        path,
        [&](std::FILE* f) { return bytes.empty() || std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size(); },
        mode);
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::size_t remove_stale_temps(const fs::path& root) {
    std::size_t removed = 0;
    sweep(root.string(), removed);
    return removed;
}

bool is_fatal_write_error(int err) { return err == ENOSPC || err == EDQUOT || err == EROFS || err == EIO; }

communique::diagnostic io_diagnostic(std::string message) {
    communique::diagnostic d;
    d.level = communique::severity::error;
    d.rule = communique::detail::rule_id(communique::detail::rule::io);
    d.message = std::move(message);
    return d;
}

}  // namespace batch
