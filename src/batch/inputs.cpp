#include "batch/inputs.hpp"

#include "batch/io.hpp"
#include "batch/manifest.hpp"
#include "batch/paths.hpp"
#include "core/hash.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fnmatch.h>
#include <iostream>
#include <iterator>
#include <set>
#include <sys/stat.h>
#include <unordered_set>

namespace fs = std::filesystem;

namespace batch {

namespace {

bool matches(const std::vector<std::string>& globs, const std::string& rel, std::string_view name) {
    std::string file(name);
    for (const std::string& g : globs) {
        const std::string& subject = g.find('/') == std::string::npos ? file : rel;
        if (::fnmatch(g.c_str(), subject.c_str(), 0) == 0) return true;
    }
    return false;
}

class walker {
public:
    walker(const walk_options& options, const std::function<void(const std::string&)>& warn, gathered& out)
        : options_(options), warn_(warn), out_(out) {
        struct stat st {};
        if (options.output_folder && ::stat(options.output_folder->c_str(), &st) == 0) output_ = {st.st_dev, st.st_ino};
    }

    void walk_root(std::string root) {
        while (root.size() > 1 && root.back() == '/') root.pop_back();
        struct stat st {};
        if (::stat(root.c_str(), &st) != 0) return;
        find_outputs(root, st);
        visited_.insert({st.st_dev, st.st_ino});
        walk(root, "");
        outputs_.clear();
    }

    ~walker() {
        if (skipped_links_ > 0)
            warn_(fmt::format("{} symbolic link{} not followed (use --follow-symlinks)", skipped_links_,
                              skipped_links_ == 1 ? "" : "s"));
    }

private:
    bool is_output(const struct stat& st) const {
        return output_ && st.st_dev == output_->first && st.st_ino == output_->second;
    }

    void walk(const std::string& dir, const std::string& rel) {
        DIR* d = ::opendir(dir.c_str());
        if (!d) {
            warn_(fmt::format("{}: cannot read the folder: {}", dir, std::strerror(errno)));
            out_.io_error = true;
            return;
        }
        std::vector<std::string> names;
        while (dirent* e = ::readdir(d))
            if (e->d_name[0] != '.') names.emplace_back(e->d_name);  // hidden files, ".", ".."
        ::closedir(d);
        // Byte order: the same job order (and report) on every machine.
        std::sort(names.begin(), names.end());
        for (const std::string& name : names) {
            std::string path = dir == "/" ? "/" + name : dir + "/" + name;
            std::string child = rel.empty() ? name : rel + "/" + name;
            struct stat st {};
            if (::lstat(path.c_str(), &st) != 0) {
                warn_(fmt::format("{}: {}", path, std::strerror(errno)));
                out_.io_error = true;
                continue;
            }
            if (S_ISLNK(st.st_mode)) {
                if (!options_.follow_symlinks) {
                    ++skipped_links_;
                    continue;
                }
                if (::stat(path.c_str(), &st) != 0) {
                    warn_(fmt::format("{}: broken symbolic link ({})", path, std::strerror(errno)));
                    continue;
                }
            }
            if (S_ISDIR(st.st_mode)) {
                if (is_output(st) || holds_manifest(path) || matches(options_.exclude, child, name)) continue;
                // A folder reached a second time is either a link loop or a
                // second way to the same files: both are walked once.
                if (!visited_.insert({st.st_dev, st.st_ino}).second) {
                    warn_(fmt::format("{}: not followed: leads to a folder already walked (a symbolic link loop?)",
                                      path));
                    continue;
                }
                walk(path, child);
            } else if (S_ISREG(st.st_mode)) {
                if (!outputs_.empty() && outputs_.count(prefix_ + child)) continue;
                if (matches(options_.include, child, name) && !matches(options_.exclude, child, name))
                    out_.jobs.push_back({path, safe_relative(child)});
            }
        }
    }

    // The outputs not to read in `root`: all that the manifest records when
    // it is the output folder (converted in place); when a folder above it
    // was converted in place, those written beside their drafts.
    void find_outputs(const std::string& root, const struct stat& st) {
        outputs_.clear();
        prefix_.clear();
        std::vector<std::string> written;
        if (is_output(st)) {
            written = manifest::recorded_outputs(root, false);
        } else {
            std::error_code ec;
            fs::path here = fs::canonical(root, ec);
            if (ec) return;
            std::string below;
            for (fs::path up = here; up.has_relative_path(); up = up.parent_path()) {
                below = up.filename().string() + "/" + below;
                if (holds_manifest(up.parent_path().string())) {
                    written = manifest::recorded_outputs(up.parent_path(), true);
                    prefix_ = below;
                    break;
                }
            }
        }
        outputs_.insert(std::make_move_iterator(written.begin()), std::make_move_iterator(written.end()));
    }

    // A folder with communique's manifest holds the outputs of an earlier
    // run (its .html and .xml would read as inputs): not walked.
    static bool holds_manifest(const std::string& folder) {
        struct stat st {};
        return ::stat((folder + "/" + manifest_name).c_str(), &st) == 0;
    }

    const walk_options& options_;
    const std::function<void(const std::string&)>& warn_;
    gathered& out_;
    std::optional<std::pair<dev_t, ino_t>> output_;
    std::set<std::pair<dev_t, ino_t>> visited_;
    std::size_t skipped_links_ = 0;
    // What communique wrote in the folder being walked, as paths relative to
    // the folder of the manifest that records them, and the walked folder's
    // own path relative to that one ("2024/").
    std::unordered_set<std::string> outputs_;
    std::string prefix_;
};

std::vector<std::string> split_list(const std::string& text) {
    char sep = text.find('\0') != std::string::npos ? '\0' : '\n';
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find(sep, at);
        if (end == std::string::npos) end = text.size();
        std::string item = text.substr(at, end - at);
        if (sep == '\n' && !item.empty() && item.back() == '\r') item.pop_back();
        if (!item.empty()) out.push_back(std::move(item));
        at = end + 1;
    }
    return out;
}

}  // namespace

gathered gather(const std::vector<std::string>& args, const std::optional<std::string>& files_from,
                const walk_options& options, const std::function<void(const std::string&)>& warn) {
    gathered out;
    for (const std::string& arg : args) {
        struct stat st {};
        if (arg != "-" && ::stat(arg.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
            walker(options, warn, out).walk_root(arg);
            continue;
        }
        // A file keeps its old name in the output folder: only its name counts.
        std::string name = arg == "-" ? "stdin" : fs::path(arg).filename().string();
        out.jobs.push_back({arg, safe_relative(name)});
    }
    if (files_from) {
        std::string text;
        if (*files_from == "-") {
            text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        } else if (auto bytes = read_file(*files_from)) {
            text = std::move(*bytes);
        } else {
            warn(fmt::format("{}: {}", *files_from, bytes.error().message));
            out.io_error = true;
        }
        for (std::string& item : split_list(text)) {
            std::string source = safe_relative(item);
            out.jobs.push_back({std::move(item), std::move(source)});
        }
    }
    return out;
}

bool in_shard(std::string_view source, unsigned index, unsigned count) {
    return count == 0 || communique::detail::mix(communique::detail::hash_bytes(source)) % count == index - 1;
}

}  // namespace batch
