// Fuzz target: the whole pipeline through the public engine, from any bytes
// (a draft or release XML) to every format communique::formats() lists.
// Inputs whose first byte is odd go to an engine that writes invalid
// releases too (options::write_invalid), so the writers see broken trees.
// Seeds: fixtures/releases, fixtures/invalid, the golden XML.
#include "fontconfig.hpp"
#include "harness.hpp"

#include <string>
#include <vector>

namespace {

const std::vector<std::string>& all_formats() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& f : communique::formats()) out.emplace_back(f.name);
        return out;
    }();
    return names;
}

const communique::engine& engine_for(bool write_invalid) {
    static const communique::engine strict;
    static const communique::engine lenient = [] {
        communique::options o;
        o.write_invalid = true;
        o.max_pages = 20;
        return communique::engine(o);
    }();
    return write_invalid ? lenient : strict;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    cq_fuzz::quiet_libxml();
    cq_fuzz::load_fontconfig();
    std::string_view bytes = cq_fuzz::as_text(data, size);
    bool lenient = size > 0 && (data[0] & 1) != 0;
    const auto& formats = all_formats();
    communique::result r = engine_for(lenient).convert(bytes, formats);
    // Outputs come for every format or for none.
    CQ_FUZZ_ASSERT(r.outputs.empty() || r.outputs.size() == formats.size());
    if (!lenient && !r.outputs.empty()) CQ_FUZZ_ASSERT(r.ok());
    if (r.ok() && !lenient) CQ_FUZZ_ASSERT(r.outputs.size() == formats.size());
    return 0;
}
