#include "core/resources.hpp"

namespace communique::detail {

std::string_view find_resource(std::string_view name) {
    for (const resource& r : resources())
        if (r.name == name) return r.data;
    return {};
}

}  // namespace communique::detail
