// FNV-1a (Fowler, Noll, Vo): a small, stable hash for names that must come
// out the same for the same input on every machine (subset tags). Not for
// security: a tag only has to differ between glyph sets.
#pragma once

#include <cstdint>
#include <string_view>

namespace communique::detail::pdf {

struct fnv64 {
    std::uint64_t value = 14695981039346656037ull;
    void add(std::string_view bytes) {
        for (unsigned char c : bytes) value = (value ^ c) * 1099511628211ull;
    }
    void add(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) value = (value ^ ((v >> (8 * i)) & 0xFFu)) * 1099511628211ull;
    }
};

}  // namespace communique::detail::pdf
