#include "batch/paths.hpp"

namespace batch {

namespace {

// The length of the valid UTF-8 sequence at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((b(i + k) & 0xC0) != 0x80) return 0;
    // Overlong forms, surrogates and code points past U+10FFFF.
    if ((n == 2 && c < 0xC2) || (n == 3 && c == 0xE0 && b(i + 1) < 0xA0) || (n == 3 && c == 0xED && b(i + 1) >= 0xA0) ||
        (n == 4 && c == 0xF0 && b(i + 1) < 0x90) || (n == 4 && (c > 0xF4 || (c == 0xF4 && b(i + 1) >= 0x90))))
        return 0;
    return n;
}

}  // namespace

std::string safe_relative(std::string_view path) {
    std::string out;
    while (!path.empty()) {
        std::size_t slash = path.find('/');
        std::string_view part = path.substr(0, slash);
        path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
        if (part.empty() || part == ".") continue;
        std::string clean;
        if (part == "..") {
            clean = "__";
        } else {
            if (part.front() == '.') clean = "_";
            for (std::size_t i = 0; i < part.size();) {
                auto u = static_cast<unsigned char>(part[i]);
                std::size_t n = utf8_length(part, i);
                if (n == 0 || u < 0x20 || u == 0x7F) {
                    clean += '_';
                    ++i;
                } else {
                    clean.append(part.substr(i, n));
                    i += n;
                }
            }
        }
        if (!out.empty()) out += '/';
        out += clean;
    }
    return out.empty() ? "_" : out;
}

std::string output_path(std::string_view source, std::string_view extension) {
    std::size_t slash = source.rfind('/');
    std::size_t name_at = slash == std::string_view::npos ? 0 : slash + 1;
    std::size_t dot = source.rfind('.');
    // A dot at the start of the name (which safe_relative never leaves) is
    // not an extension.
    std::size_t stem_end = dot != std::string_view::npos && dot > name_at ? dot : source.size();
    return std::string(source.substr(0, stem_end)) + std::string(extension);
}

bool is_temp_name(std::string_view name) { return name.starts_with(".~cq-") && name.ends_with(".tmp"); }

}  // namespace batch
