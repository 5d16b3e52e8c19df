#include "pdf/pdf_objects.hpp"

#include "pdf/numbers.hpp"

#include <libdeflate.h>
#include <unicode/utf8.h>

#include <stdexcept>

namespace communique::detail::pdf {

namespace {

// Measured on 100 releases (docs/performance.md, "Stream compression"):
// level 1 costs half the instructions of level 3 for files 3 % larger, and
// level 3 is no slower than 2 or 4; the targets are about speed, so 1.
constexpr int compression_level = 1;

// One compressor per thread: libdeflate allocates its hash tables once per
// compressor, which would cost more than compressing a small content stream.
std::string deflate_bytes(std::string_view data) {
    struct state {
        libdeflate_compressor* c = nullptr;
        state() : c(libdeflate_alloc_compressor(compression_level)) {}
        ~state() { libdeflate_free_compressor(c); }
    };
    thread_local state s;
    if (!s.c) throw std::runtime_error("libdeflate could not start compressing (out of memory)");
    std::string out(libdeflate_zlib_compress_bound(s.c, data.size()), '\0');
    const std::size_t size = libdeflate_zlib_compress(s.c, data.data(), data.size(), out.data(), out.size());
    if (size == 0) throw std::runtime_error("libdeflate could not compress a stream");
    out.resize(size);
    return out;
}

}  // namespace

void set_stream(PoDoFo::PdfObject* object, std::string_view data, bool compress) {
    PoDoFo::TVecFilters none;
    if (!compress) {
        object->GetStream()->Set(data.data(), static_cast<PoDoFo::pdf_long>(data.size()), none);
        return;
    }
    std::string packed = deflate_bytes(data);
    object->GetStream()->Set(packed.data(), static_cast<PoDoFo::pdf_long>(packed.size()), none);
    object->GetDictionary().AddKey(PoDoFo::PdfName::KeyFilter, PoDoFo::PdfName("FlateDecode"));
}

PoDoFo::PdfString text_string(std::string_view utf8) {
    bool ascii = true;
    for (char c : utf8) ascii = ascii && static_cast<unsigned char>(c) < 0x80 && c >= 0x20;
    if (ascii) return PoDoFo::PdfString(utf8.data(), static_cast<PoDoFo::pdf_long>(utf8.size()));
    std::string bytes = "\xFE\xFF";
    for (std::size_t i = 0; i < utf8.size();) {
        UChar32 c = 0;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(utf8.data()), i, utf8.size(), c);
        if (c < 0) c = 0xFFFD;
        auto unit = [&](unsigned u) {
            bytes += static_cast<char>(u >> 8);
            bytes += static_cast<char>(u & 0xFF);
        };
        if (c > 0xFFFF) {
            unit(0xD800 + ((unsigned(c) - 0x10000) >> 10));
            unit(0xDC00 + ((unsigned(c) - 0x10000) & 0x3FF));
        } else {
            unit(unsigned(c));
        }
    }
    return PoDoFo::PdfString(bytes.data(), static_cast<PoDoFo::pdf_long>(bytes.size()), true);
}

std::string utf16_hex_string(std::u16string_view text) {
    std::string out = "<FEFF";
    for (char16_t u : text) append_hex4(out, u);
    out += '>';
    return out;
}

}  // namespace communique::detail::pdf
