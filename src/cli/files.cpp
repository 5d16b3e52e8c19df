#include "cli/files.hpp"

#include "batch/io.hpp"

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <iterator>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace cli {

std::optional<input> read_input(const std::string& name) {
    input in{name, {}};
    if (name == "-") {
        in.bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return in;
    }
    std::string error;
    std::optional<std::string> bytes = batch::read_file(name, error);
    if (!bytes) {
        fmt::print(stderr, "communique: {}: {}\n", name, error);
        return std::nullopt;
    }
    in.bytes = std::move(*bytes);
    return in;
}

std::string display_name(const std::string& name) { return name == "-" ? "<stdin>" : name; }

bool write_atomically(const fs::path& path, std::string_view bytes, std::optional<fs::perms> mode) {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    fs::path tmp = path;
    tmp += fmt::format(".tmp-{:x}", rng());
    auto fail = [&](const char* what) {
        int err = errno;
        fmt::print(stderr, "communique: {}: {}: {}\n", path.string(), what, std::strerror(err));
        ::unlink(tmp.c_str());
        return false;
    };
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        fmt::print(stderr, "communique: {}: cannot write: {}\n", path.string(), std::strerror(errno));
        return false;
    }
    for (std::size_t done = 0; done < bytes.size();) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            return fail("write failed");
        }
        done += static_cast<std::size_t>(n);
    }
    if (mode && ::fchmod(fd, static_cast<mode_t>(*mode)) != 0) {
        ::close(fd);
        return fail("cannot set permissions");
    }
    // No fsync: the rename keeps outputs whole when the process dies; only a
    // power cut between write and rename could lose one, and bulk runs
    // resume from the manifest. A full disk shows in write() or close().
    if (::close(fd) != 0) return fail("write failed");
    if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("cannot rename into place");
    return true;
}

}  // namespace cli
