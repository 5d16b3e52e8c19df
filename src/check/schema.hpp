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

    // Validates the tree; errors are reported at the positions of the
    // offending elements in the user's text. Thread-safe.
    void validate(const release_tree& tree, std::vector<diagnostic>& out) const;

private:
    xmlSchemaPtr schema_ = nullptr;
};

}  // namespace communique::detail
