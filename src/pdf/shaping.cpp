#include "pdf/shaping.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <cstdio>
#include <map>

namespace communique::detail::pdf {

namespace {

// Characters that belong to the glyph before them, or to none: they stay
// in that glyph's font rather than start a run of their own.
bool attaches_to_previous(UChar32 c) {
    const auto type = u_charType(c);
    return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK ||
           u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || u_hasBinaryProperty(c, UCHAR_VARIATION_SELECTOR);
}

bool is_neutral(UScriptCode s) { return s == USCRIPT_COMMON || s == USCRIPT_INHERITED || s == USCRIPT_INVALID_CODE; }

std::string code_point_name(UChar32 c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
    return buf;
}

// One character's decisions.
struct char_info {
    std::uint32_t at = 0, length = 0;
    UScriptCode script = USCRIPT_COMMON;
    font_use font;
    bool cut_before = false;  // shaped apart from the marks before it (see max_marks)
};

// HarfBuzz attaches each mark by looking back over the marks before it to
// their base: a letter with 500,000 combining marks took minutes. Marks
// past the first 30 on one base (Unicode's stream-safe text format allows
// no more in a row; Khmer needs a handful) are shaped in runs of their own.
constexpr std::uint32_t max_marks = 30;

// hb_buffer_t is not cheap to create: one per thread, reused.
hb_buffer_t* thread_buffer() {
    struct holder {
        hb_buffer_t* buffer = hb_buffer_create();
        ~holder() { hb_buffer_destroy(buffer); }
    };
    thread_local holder h;
    hb_buffer_clear_contents(h.buffer);
    return h.buffer;
}

}  // namespace

bool shape_paragraph(const paragraph& para, const std::vector<text_style>& styles, font_library& fonts,
                     shaped_paragraph& out, std::string& error) {
    out = {};
    const std::u16string& text = para.text;
    const auto n = static_cast<std::uint32_t>(text.size());
    out.x_before.assign(n + 1, 0.0);
    out.cluster_start.assign(n + 1, false);
    out.cluster_start[n] = true;
    if (n == 0) return true;

    std::map<std::uint32_t, std::vector<font_use>> chains;  // by style
    auto chain = [&](std::uint32_t style) -> const std::vector<font_use>& {
        auto it = chains.find(style);
        if (it == chains.end()) it = chains.emplace(style, fonts.resolve(styles[style].font)).first;
        return it->second;
    };

    for (const span& sp : para.spans) {
        const text_style& style = styles[sp.style];
        const std::vector<font_use>& faces = chain(sp.style);

        // Scripts and fonts, character by character.
        std::vector<char_info> chars;
        std::uint32_t marks = 0;  // in a row, before this character
        for (std::uint32_t i = sp.begin; i < sp.end;) {
            char_info ci;
            ci.at = i;
            UChar32 c = 0;
            U16_NEXT(text.data(), i, sp.end, c);
            ci.length = i - ci.at;
            marks = attaches_to_previous(c) ? marks + 1 : 0;
            ci.cut_before = marks > max_marks && (marks - 1) % max_marks == 0;
            UErrorCode status = U_ZERO_ERROR;
            ci.script = uscript_getScript(c, &status);
            const char_info* prev = chars.empty() ? nullptr : &chars.back();
            if (prev && (attaches_to_previous(c) || is_neutral(ci.script)) &&
                (prev->font.face->has(c) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))) {
                ci.font = prev->font;
            } else {
                for (const font_use& f : faces) {
                    if (f.face->has(c)) {
                        ci.font = f;
                        break;
                    }
                }
                if (!ci.font.face && u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) && !faces.empty())
                    ci.font = faces.front();  // HarfBuzz removes it; any font will do
                if (!ci.font.face) {
                    if (auto fb = fonts.fallback(static_cast<char32_t>(c), style.font)) {
                        ci.font = *fb;
                    } else if (auto box = fonts.missing_glyph_font(style.font)) {
                        // No installed font has it: a font of the style
                        // draws its missing-glyph box (.notdef), and the
                        // caller learns of it from the glyph ID 0 placed.
                        ci.font = *box;
                    } else if (!faces.empty()) {
                        ci.font = faces.front();  // a blank .notdef, if no font draws a box
                    } else {
                        error = "missing font: no installed font has a glyph for " + code_point_name(c);
                        if (!style.font.families.empty()) error += " (font-family " + style.font.families.front() + ")";
                        return false;
                    }
                }
            }
            chars.push_back(ci);
        }
        // Neutral characters take the script of the text around them: the
        // one before, or at the start the first real script after.
        UScriptCode current = USCRIPT_COMMON;
        for (const char_info& ci : chars)
            if (!is_neutral(ci.script)) {
                current = ci.script;
                break;
            }
        for (char_info& ci : chars) {
            if (is_neutral(ci.script)) ci.script = current;
            else current = ci.script;
        }

        // Runs, shaped.
        for (std::size_t a = 0; a < chars.size();) {
            std::size_t b = a + 1;
            while (b < chars.size() && chars[b].script == chars[a].script && chars[b].font == chars[a].font &&
                   !chars[b].cut_before)
                ++b;
            shaped_run run;
            run.begin = chars[a].at;
            run.end = chars[b - 1].at + chars[b - 1].length;
            run.style = sp.style;
            run.font = chars[a].font;

            hb_script_t script = chars[a].script == USCRIPT_COMMON
                                     ? HB_SCRIPT_LATIN
                                     : hb_script_from_string(uscript_getShortName(chars[a].script), -1);
            if (hb_script_get_horizontal_direction(script) == HB_DIRECTION_RTL) {
                error = "right-to-left text (" + std::string(uscript_getName(chars[a].script)) +
                        " script) is not supported";
                return false;
            }
            hb_buffer_t* buf = thread_buffer();
            hb_buffer_add_utf16(buf, reinterpret_cast<const std::uint16_t*>(text.data()), int(n), run.begin,
                                int(run.end - run.begin));
            hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
            hb_buffer_set_script(buf, script);
            hb_buffer_set_language(buf, hb_language_from_string(style.lang.c_str(), -1));
            unsigned flags = HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES;
            if (run.begin == 0) flags |= HB_BUFFER_FLAG_BOT;
            if (run.end == n) flags |= HB_BUFFER_FLAG_EOT;
            if (chars[a].cut_before) flags |= HB_BUFFER_FLAG_DO_NOT_INSERT_DOTTED_CIRCLE;
            hb_buffer_set_flags(buf, hb_buffer_flags_t(flags));
            hb_shape(run.font.face->hb(), buf, nullptr, 0);

            unsigned count = 0;
            const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
            const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
            const double scale = style.size / run.font.face->units_per_em();
            run.glyphs.reserve(count);
            for (unsigned g = 0; g < count; ++g) {
                glyph gl;
                gl.gid = info[g].codepoint;
                gl.cluster = info[g].cluster;
                gl.advance = float(pos[g].x_advance * scale);
                gl.x_offset = float(pos[g].x_offset * scale);
                gl.y_offset = float(pos[g].y_offset * scale);
                run.glyphs.push_back(gl);
                out.x_before[gl.cluster + 1] += gl.advance;  // turned into prefix sums below
                out.cluster_start[gl.cluster] = true;
            }
            out.cluster_start[run.begin] = true;
            out.runs.push_back(std::move(run));
            a = b;
        }
    }
    // Prefix sums: x_before[i + 1] held the advance of the cluster at i.
    for (std::uint32_t i = 1; i <= n; ++i) out.x_before[i] += out.x_before[i - 1];
    return true;
}

}  // namespace communique::detail::pdf
