// Placeholder until the docx reader lands: the format is refused with a message.
#include "read/readers.hpp"

namespace communique::detail {

document read_docx(std::string_view, const reader_limits&) {
    document doc;
    doc.diagnostics.push_back({severity::error, "not-a-release", "this build of communique does not read docx yet", {1, 1}, {1, 1}});
    return doc;
}

}  // namespace communique::detail
