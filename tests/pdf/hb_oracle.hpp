// HarfBuzz run by the tests themselves, beside the renderer and without its
// code: a font file found through fontconfig's command, and a string shaped
// in it, to compare with the glyphs and positions a PDF's content holds.
#pragma once

#include "support.hpp"

#include <hb-ot.h>
#include <hb.h>

namespace pdf_test {

// A font file as fontconfig names it for a pattern ("Khmer OS Muol Light",
// ":postscriptname=KhmerOSbattambang"), looked up without the renderer.
inline std::string font_file(const std::string& pattern) {
    return run("fc-match -f '%{file}' '" + pattern + "'");
}

// A HarfBuzz font at units-per-em scale for a file.
struct hb_file_font {
    hb_blob_t* blob;
    hb_face_t* face;
    hb_font_t* font;
    unsigned upem;
    explicit hb_file_font(const std::string& path)
        : blob(hb_blob_create_from_file(path.c_str())), face(hb_face_create(blob, 0)), font(hb_font_create(face)),
          upem(hb_face_get_upem(face)) {
        hb_font_set_scale(font, int(upem), int(upem));
    }
    ~hb_file_font() {
        hb_font_destroy(font);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
    }
    hb_file_font(const hb_file_font&) = delete;
    hb_file_font& operator=(const hb_file_font&) = delete;
    unsigned glyph(hb_codepoint_t c) const {
        hb_codepoint_t g = 0;
        return hb_font_get_nominal_glyph(font, c, &g) ? g : 0;
    }
};

struct hb_glyph {
    unsigned gid;
    double x, y;  // origin, points
};

// `text` shaped left to right at `size` points; script and language as
// given, or guessed from the text when script is HB_SCRIPT_INVALID. `end`
// receives the pen's position after the last glyph.
inline std::vector<hb_glyph> shape(const hb_file_font& f, const std::u16string& text, double size,
                                   hb_script_t script, const char* language, double* end = nullptr) {
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_add_utf16(buf, reinterpret_cast<const std::uint16_t*>(text.data()), int(text.size()), 0, -1);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    if (script != HB_SCRIPT_INVALID) hb_buffer_set_script(buf, script);
    hb_buffer_set_language(buf, hb_language_from_string(language, -1));
    hb_buffer_guess_segment_properties(buf);
    // Zero-width spaces and joiners are not drawn (the renderer's choice too).
    hb_buffer_set_flags(buf, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
    hb_shape(f.font, buf, nullptr, 0);
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
    std::vector<hb_glyph> out;
    double pen = 0;
    const double scale = size / f.upem;
    for (unsigned i = 0; i < n; ++i) {
        out.push_back({info[i].codepoint, pen + pos[i].x_offset * scale, pos[i].y_offset * scale});
        pen += pos[i].x_advance * scale;
    }
    hb_buffer_destroy(buf);
    if (end) *end = pen;
    return out;
}

inline std::vector<hb_glyph> shape(const hb_file_font& f, const std::string& utf8, double size) {
    std::u16string text;
    for (std::size_t i = 0; i < utf8.size();) {
        UChar32 c = 0;
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(utf8.data()), i, utf8.size(), c);
        if (c < 0x10000) {
            text += char16_t(c);
        } else {
            text += char16_t(0xD7C0 + (c >> 10));
            text += char16_t(0xDC00 | (c & 0x3FF));
        }
    }
    return shape(f, text, size, HB_SCRIPT_KHMER, "km");
}

}  // namespace pdf_test
