#include "pdf/pdf_objects.hpp"

#include "pdf/numbers.hpp"

#include <unicode/utf8.h>
#include <zlib.h>

#include <stdexcept>

namespace communique::detail::pdf {

namespace {

// Measured on a one-page release (docs/pdf.md): level 3 makes the file 3 %
// smaller than level 1 for 8 % more deflate work; level 6 (zlib's default)
// saves another 3.5 % for half again as much work. Deflate is a fifth of
// the renderer's time, so 3.
constexpr int compression_level = 3;

// One deflate state per thread, reset for each stream: setting one up
// allocates and clears its tables, which costs more than compressing a
// small content stream. A 16 KB window and smaller hash tables suit streams
// of a few kilobytes.
std::string deflate_bytes(std::string_view data) {
    struct state {
        z_stream z{};
        bool ready = false;
        state() { ready = deflateInit2(&z, compression_level, Z_DEFLATED, 14, 7, Z_DEFAULT_STRATEGY) == Z_OK; }
        ~state() {
            if (ready) deflateEnd(&z);
        }
    };
    thread_local state s;
    if (!s.ready || deflateReset(&s.z) != Z_OK) throw std::runtime_error("zlib could not start compressing");
    std::string out(deflateBound(&s.z, static_cast<uLong>(data.size())), '\0');
    s.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    s.z.avail_in = static_cast<uInt>(data.size());
    s.z.next_out = reinterpret_cast<Bytef*>(out.data());
    s.z.avail_out = static_cast<uInt>(out.size());
    if (deflate(&s.z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("zlib could not compress a stream");
    out.resize(out.size() - s.z.avail_out);
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
