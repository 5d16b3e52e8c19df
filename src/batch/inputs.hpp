// What a bulk run converts: the files named on the command line, the
// folders walked below the folders named there, or a --files-from list.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace batch {

struct job {
    std::string path;    // what to read, as the user would write it; "-" is standard input
    std::string source;  // safe path relative to the output folder's root (see paths.hpp)
};

struct walk_options {
    // fnmatch(3) globs. A glob with a '/' is matched against the path
    // relative to the walked folder, one without against the file name (as
    // rsync and .gitignore do). --include replaces the defaults.
    std::vector<std::string> include{"*.md", "*.markdown", "*.txt", "*.xml", "*.docx", "*.html", "*.htm"};
    std::vector<std::string> exclude;
    bool follow_symlinks = false;
    // Not walked where it turns up below a folder named (it usually sits
    // inside the archive). Named itself, the folder is converted in place:
    // walked, but without the files its manifest records as outputs.
    std::optional<std::filesystem::path> output_folder;
};

struct gathered {
    std::vector<job> jobs;
    bool io_error = false;  // a folder or the list could not be read
};

// Arguments: a folder is walked (recursively, names in byte order, hidden
// files and folders skipped) and its tree mirrored at the output folder's
// root; any other argument is a file whose output is named after the file
// alone (drafts/x.md -> OUT/x.html), as convert always did. `files_from`, when
// set, is a file ("-": standard input) listing input files separated by NUL
// bytes (when it has any) or newlines; each keeps its listed path.
// Outputs never become inputs: a folder holding a manifest (an earlier
// run's output folder) is not walked below a folder named; the output
// folder named itself is walked without what its manifest records; and a
// folder named inside a folder converted in place earlier is walked without
// the outputs written there beside their drafts.
// Problems (an unreadable folder, a broken link, a link loop) are passed to
// `warn` and do not stop the walk.
gathered gather(const std::vector<std::string>& args, const std::optional<std::string>& files_from,
                const walk_options& options, const std::function<void(const std::string&)>& warn);

// Does shard `index` (1-based) of `count` take the release at `source`? By a
// hash of the source, so that any machine computes the same split from the
// same arguments and every release lands in exactly one shard.
bool in_shard(std::string_view source, unsigned index, unsigned count);

}  // namespace batch
