// Shared by the fuzz targets: quiet libxml2, and the checks a read release
// goes through in the engine (house rules, dates, schema, serialisation,
// summary), so that a target exercises the same code a real input reaches.
#pragma once

#include "check/rules.hpp"
#include "check/schema.hpp"
#include "core/source.hpp"
#include "read/reader.hpp"
#include "write/summary.hpp"

#include <communique/communique.hpp>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

namespace cq_fuzz {

// What a finding looks like besides a crash: a broken invariant aborts with
// a message, and libFuzzer saves the input.
#define CQ_FUZZ_ASSERT(cond)                                                                   \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            std::fprintf(stderr, "fuzz invariant broken: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                      \
        }                                                                                      \
    } while (0)

inline void ignore_generic_error(void*, const char*, ...) {}
inline void ignore_structured_error(void*, xmlErrorPtr) {}

inline void quiet_libxml() {
    static const bool once = [] {
        xmlInitParser();
        xmlSetGenericErrorFunc(nullptr, ignore_generic_error);
        xmlSetStructuredErrorFunc(nullptr, ignore_structured_error);
        return true;
    }();
    (void)once;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Every diagnostic points into the text (or at its start, 1:1 or line 0
// for whole-file problems).
inline void check_positions(const communique::detail::source_text& src,
                            const std::vector<communique::diagnostic>& diags) {
    for (const auto& d : diags) {
        CQ_FUZZ_ASSERT(d.begin.line <= src.line_count() + 1);
        CQ_FUZZ_ASSERT(d.end.line <= src.line_count() + 1);
    }
}

// The engine's steps after reading.
inline void check_tree(const communique::detail::release_tree& tree, std::vector<communique::diagnostic>& diags) {
    static const communique::options opts;
    static const communique::detail::release_schema& schema = communique::detail::release_schema::built_in();
    communique::detail::check_structure(tree, opts, diags);
    communique::detail::unlisted_counts unlisted;
    communique::detail::check_dates(tree, diags, unlisted);
    schema.validate(tree, diags);
    std::string xml = tree.serialize();
    CQ_FUZZ_ASSERT(!xml.empty());
    (void)communique::detail::summarize(tree);
}

}  // namespace cq_fuzz
