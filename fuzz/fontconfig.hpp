// Shared by the fuzz targets that render PDF: fontconfig loaded before the
// first input, with leak checks off.
//
// fontconfig keeps the character sets of its configuration linked by
// offsets, not pointers, which LeakSanitizer cannot follow. libFuzzer runs
// a leak check whenever an input allocates more than it frees, as the
// renderer's per-process caches do (font subsets, widths), and that check,
// run while fontconfig is loaded, takes those sets for leaks. Allocations
// made while LeakSanitizer is disabled are never reported; everything
// allocated later is checked as before.
#pragma once

#include "pdf/fonts.hpp"

// LeakSanitizer's interface (sanitizer/lsan_interface.h), weak: the same
// harnesses are built without sanitizers to replay seeds under ctest, where
// these are null.
extern "C" {
__attribute__((weak)) void __lsan_disable();
__attribute__((weak)) void __lsan_enable();
}

namespace cq_fuzz {

inline void load_fontconfig() {
    static const bool once = [] {
        if (__lsan_disable) __lsan_disable();
        communique::detail::pdf::font_library::instance().resolve({.families = {"serif"}});
        if (__lsan_enable) __lsan_enable();
        return true;
    }();
    (void)once;
}

}  // namespace cq_fuzz
