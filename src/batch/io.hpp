// Reading inputs and writing outputs for the bulk runner: errors come back
// as values (the runner decides what to print, and when, so that messages
// never cut through the progress line), and nothing is ever half-written.
#pragma once

#include "core/expected.hpp"

#include <communique/diagnostic.hpp>

#include <sys/types.h>

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace batch {

using communique::detail::expected;
using communique::detail::problem;

// A whole file's bytes, or why it cannot be read (or is a folder): a problem
// of rule io whose message is strerror's, without the path.
expected<std::string> read_file(const std::string& path);

// Writes `bytes` to a temporary file in the same folder and renames it to
// `path`, so that `path` is always either absent, the old file or the whole
// new one. The temporary file is named ".~cq-NAME.PID-RANDOM.tmp": the prefix
// lets remove_stale_temps() recognise it, the PID tells whether the process
// that made it is still running. On failure, the problem (rule io) has the
// step's message and its errno as errno_value; the temporary file is then
// removed.
// The parent folder must exist. The new file gets `mode` when one is given
// (fmt keeps a draft's permissions), else 0666 less the umask.
expected<void> write_atomically(const std::filesystem::path& path, std::string_view bytes,
                                std::optional<std::filesystem::perms> mode = std::nullopt);
// The same for large files made piece by piece (the report, the manifest):
// `produce` writes into the temporary file and returns false on failure.
expected<void> write_atomically(const std::filesystem::path& path, const std::function<bool(std::FILE*)>& produce,
                                std::optional<std::filesystem::perms> mode = std::nullopt);

// All of `bytes` to a file descriptor (retrying short writes and EINTR);
// false with errno set when the file cannot take them.
bool write_all(int fd, std::string_view bytes);

// Removes the temporary files of write_atomically() under `root` (walked
// recursively, symbolic links not followed) whose process is gone: what a
// run killed with SIGKILL, or by a power cut, left. Files of a run that is
// still going (another shard writing to the same folder) are left alone.
// Returns how many were removed.
std::size_t remove_stale_temps(const std::filesystem::path& root);

// True for errors that will hit every later write to the same folder tree
// (a full disk, a quota, a read-only file system): the run stops instead of
// failing every remaining release one by one.
bool is_fatal_write_error(int err);

// An input or configuration file that cannot be read (or written), as a
// diagnostic of rule `io`: every report format then carries it.
communique::diagnostic io_diagnostic(std::string message);

}  // namespace batch
