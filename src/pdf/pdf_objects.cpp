#include "pdf/pdf_objects.hpp"

#include "pdf/numbers.hpp"

#include <libdeflate.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <vector>

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

// A name PoDoFo writes as it is (no #-escapes): letters, digits and a few
// punctuation characters that are neither delimiters nor '#'.
bool plain_name(const std::string& name) {
    for (unsigned char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
                        c == '-' || c == '_' || c == '.' || c == ':' || c == ',';
        if (!ok) return false;
    }
    return true;
}

// What PoDoFo's own writer gives, for the types written here only rarely.
void append_by_podofo(std::string& out, const PoDoFo::PdfVariant& value) {
    PoDoFo::PdfRefCountedBuffer buffer;
    PoDoFo::PdfOutputDevice device(&buffer);
    value.Write(&device, PoDoFo::ePdfWriteMode_Compact, nullptr);
    out.append(buffer.GetBuffer(), device.GetLength());
}

// A string as PoDoFo writes it, for the kinds written here (the Info
// values, dates, URIs, /Lang): hex strings, UTF-16 ones with PoDoFo's
// "FEFF" marker, and literal strings of printable ASCII, where only the
// delimiters and the backslash are escaped. False for any other kind: PoDoFo
// writes it then, through an output device a byte at a time.
bool append_string(std::string& out, const PoDoFo::PdfString& s) {
    if (!s.IsValid()) return false;
    const char* data = s.GetString();
    const auto size = static_cast<std::size_t>(s.GetLength());
    if (s.IsHex()) {
        static constexpr char digits[] = "0123456789ABCDEF";
        out += '<';
        if (s.IsUnicode()) out += "FEFF";
        for (std::size_t i = 0; i < size; ++i) {
            const auto b = static_cast<unsigned char>(data[i]);
            out += digits[b >> 4];
            out += digits[b & 15];
        }
        out += '>';
        return true;
    }
    if (s.IsUnicode()) return false;
    for (std::size_t i = 0; i < size; ++i)
        if (static_cast<unsigned char>(data[i]) < 0x20 || static_cast<unsigned char>(data[i]) >= 0x7F) return false;
    out += '(';
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == '(' || data[i] == ')' || data[i] == '\\') out += '\\';
        out += data[i];
    }
    out += ')';
    return true;
}

}  // namespace

void append_compact_real(std::string& out, double v) {
    // PoDoFo: std::fixed at the stream's default precision (6), then
    // trailing zeros and a trailing point dropped.
    char buf[400];  // fixed notation of the largest double, with room to spare
    const auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6);
    char* end = res.ptr;
    if (std::find(buf, end, '.') != end) {
        while (end[-1] == '0') --end;
        if (end[-1] == '.') --end;
    }
    out += ' ';
    if (end == buf) out += '0';
    else out.append(buf, end);
}

void append_compact(std::string& out, const PoDoFo::PdfVariant& value) {
    using namespace PoDoFo;
    switch (value.GetDataType()) {
        case ePdfDataType_Bool: out += value.GetBool() ? " true" : " false"; return;
        case ePdfDataType_Null: out += " null"; return;
        case ePdfDataType_Number:
            out += ' ';
            append_int(out, value.GetNumber());
            return;
        case ePdfDataType_Real: append_compact_real(out, value.GetReal()); return;
        case ePdfDataType_Name: {
            const std::string& name = value.GetName().GetName();
            if (!plain_name(name)) break;
            out += '/';
            out += name;
            return;
        }
        case ePdfDataType_Reference: {
            const PdfReference& r = value.GetReference();
            out += ' ';
            append_int(out, r.ObjectNumber());
            out += ' ';
            append_int(out, r.GenerationNumber());
            out += " R";
            return;
        }
        case ePdfDataType_Array:
            out += '[';
            for (const PdfObject& item : value.GetArray()) append_compact(out, item);
            out += ']';
            return;
        case ePdfDataType_Dictionary: {
            // /Type first, then the keys in the dictionary's order, as PoDoFo does.
            const PdfDictionary& d = value.GetDictionary();
            out += "<<";
            if (const PdfObject* type = d.GetKey(PdfName::KeyType)) {
                out += "/Type";
                append_compact(out, *type);
            }
            for (const auto& [key, item] : d.GetKeys()) {
                if (key == PdfName::KeyType) continue;
                if (plain_name(key.GetName())) {
                    out += '/';
                    out += key.GetName();
                } else {
                    append_by_podofo(out, PdfVariant(key));
                }
                append_compact(out, *item);
            }
            out += ">>";
            return;
        }
        case ePdfDataType_String:
            if (append_string(out, value.GetString())) return;
            break;
        case ePdfDataType_RawData: out += value.GetRawData().data(); return;
        default: break;
    }
    append_by_podofo(out, value);
}

namespace {

void append_object_header(std::string& out, const PoDoFo::PdfReference& r) {
    append_int(out, r.ObjectNumber());
    out += ' ';
    append_int(out, r.GenerationNumber());
    out += " obj";
}

// Ten digits, zero-padded: an xref entry's offset.
void append_padded(std::string& out, std::uint64_t v, int width) {
    char buf[24];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(std::size_t(std::max<std::ptrdiff_t>(0, width - (res.ptr - buf))), '0');
    out.append(buf, res.ptr);
}

}  // namespace

void write_file(const PoDoFo::PdfVecObjects& objects, const PoDoFo::PdfReference& root, const PoDoFo::PdfObject& info,
                std::string& out) {
    using namespace PoDoFo;
    out.assign("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    std::vector<std::size_t> offsets;
    offsets.reserve(objects.GetSize());
    for (const PdfObject* object : objects) {
        const PdfReference& r = object->Reference();
        if (r.ObjectNumber() != offsets.size() + 1 || r.GenerationNumber() != 0)
            throw std::logic_error("PDF objects not numbered 1 to n");
        offsets.push_back(out.size());
        append_object_header(out, r);
        append_compact(out, *object);
        out += '\n';
        if (object->HasStream()) {
            const auto* stream = dynamic_cast<const PdfMemStream*>(object->GetStream());
            if (!stream) throw std::logic_error("a PDF stream not held in memory");
            out += "stream\n";
            out.append(stream->Get(), std::size_t(stream->GetLength()));
            out += "\nendstream\n";
        }
        out += "endobj\n";
    }

    const std::size_t xref = out.size();
    out += "xref\n0 ";
    append_int(out, std::int64_t(offsets.size() + 1));
    out += "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets) {
        append_padded(out, offset, 10);
        out += " 00000 n \n";
    }
    // The file identifier's place: replace_file_id (pdf_writer.cpp) writes
    // it, from checksums of the whole file. (PdfWriter put the MD5 of the
    // Info dictionary here first, which PoDoFo does not export.)
    const std::string unset = "<" + std::string(32, '0') + ">";
    out += "trailer\n<</ID[" + unset + unset + "]/Info";
    append_compact(out, PdfVariant(info.Reference()));
    out += "/Root";
    append_compact(out, PdfVariant(root));
    out += "/Size ";
    append_int(out, std::int64_t(offsets.size() + 1));
    out += ">>\nstartxref\n";
    append_int(out, std::int64_t(xref));
    out += "\n%%EOF\n";
}

void set_stream(PoDoFo::PdfObject* object, std::string_view data, bool compress) {
    PoDoFo::TVecFilters none;
    if (!compress) {
        object->GetStream()->Set(data.data(), static_cast<PoDoFo::pdf_long>(data.size()), none);
        return;
    }
    set_deflated_stream(object, deflate_bytes(data));
}

std::string deflate(std::string_view data) { return deflate_bytes(data); }

void set_deflated_stream(PoDoFo::PdfObject* object, std::string_view packed) {
    PoDoFo::TVecFilters none;
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
