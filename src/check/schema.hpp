// The release schema, compiled once from the copy built into the library.
#pragma once

#include "tree/release.hpp"

#include <communique/diagnostic.hpp>

#include <libxml/xmlschemas.h>

#include <vector>

namespace communique::detail {

class release_schema {
public:
    // Compiles schemas/release.xsd; throws std::runtime_error if it does not
    // compile (a broken build, never a user's doing).
    release_schema();
    ~release_schema();
    release_schema(const release_schema&) = delete;
    release_schema& operator=(const release_schema&) = delete;

    // The one every engine of the process shares, compiled on first use
    // and never freed: an engine per configuration file (the CLI makes
    // one for each) compiles nothing more, and a one-shot `check` does not
    // spend a twentieth of its instructions taking the schema apart at exit.
    static const release_schema& built_in();

    // Validates the tree; errors are reported at the positions of the
    // offending elements in the user's text. Thread-safe.
    void validate(const release_tree& tree, std::vector<diagnostic>& out) const;

private:
    xmlSchemaPtr schema_ = nullptr;
};

}  // namespace communique::detail
