// The settings hash of the manifest: everything other than the input's bytes
// that shapes a release's outputs, so that changing any of it converts the
// release again.
//
// It covers communique's version (which stands for the built-in stylesheets
// and the schema, compiled into the library), the formats asked for, every
// field of the options the release's engine was made with (the job's, its
// configuration file's and the command line's, as they came together), and
// the bytes of every user stylesheet. Not covered: files a user stylesheet
// reads with document() or xsl:include at run time (use --force after
// changing them).
#pragma once

#include <communique/communique.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace batch {

class fingerprints {
public:
    explicit fingerprints(const std::vector<std::string>& formats);

    // The hash for a release converted with `opts`. Not thread-safe (it
    // caches): called from the one thread that prepares the releases.
    // A field added to communique::options must be added here too.
    std::uint64_t of(const communique::options& opts);

private:
    std::string base_;                         // the version and the formats, as bytes to hash
    std::map<std::string, std::string> read_;  // a stylesheet's path -> its bytes
    std::map<const communique::options*, std::uint64_t> by_options_;
};

}  // namespace batch
