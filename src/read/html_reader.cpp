// Placeholder until the html reader lands: the format is refused with a message.
#include "read/readers.hpp"

namespace communique::detail {

document read_html(const source_text&, const reader_limits&, std::string_view) {
    document doc;
    doc.diagnostics.push_back({severity::error, "not-a-release", "this build of communique does not read html yet", {1, 1}, {1, 1}});
    return doc;
}

}  // namespace communique::detail
