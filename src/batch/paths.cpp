#include "batch/paths.hpp"

#include "core/unicode.hpp"

namespace batch {

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
                std::size_t n = communique::detail::utf8_length_at(part, i);
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
