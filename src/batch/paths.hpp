// Where a release's outputs go under the output folder.
//
// Every output path is built from a "source": the input's path relative to
// the folder that was walked (or as listed in --files-from). Sources come
// from file names nobody checked, so they are made safe first: whatever the
// names contain, an output path stays inside the output folder.
#pragma once

#include <string>
#include <string_view>

namespace batch {

// The path split at '/', then, per component:
//   - empty components and "." are dropped (so "/etc/x" becomes "etc/x":
//     an absolute path is read as relative to the output folder);
//   - ".." becomes "__" (kept visible rather than dropped, so "a/../b" and
//     "b" stay two different releases);
//   - control characters (U+0000-U+001F, U+007F: newlines, escapes) and
//     bytes that are not UTF-8 become "_" (outputs, the report and the
//     catalog then only ever hold UTF-8 names);
//   - a leading "." becomes "_." so that no output can be mistaken for the
//     manifest or a temporary file (".communique-manifest", ".~cq-*.tmp").
// An empty result becomes "_". Nothing else changes: UTF-8 names, spaces and
// the like are legal file names and the user's choice.
std::string safe_relative(std::string_view path);

// The output of `source` in the format with `extension` (".html"): the
// source's last extension replaced, "2019/03/x.md" -> "2019/03/x.html".
std::string output_path(std::string_view source, std::string_view extension);

// Does `name` (one path component) look like one of the runner's temporary
// files (".~cq-NAME.PID-RANDOM.tmp")?
bool is_temp_name(std::string_view name);

}  // namespace batch
