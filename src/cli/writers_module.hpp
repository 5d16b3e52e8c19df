// The writers module (communique-writers.so) that the command loads on its
// first conversion: XSLT, PoDoFo, HarfBuzz and fontconfig come with it, so
// that `communique check` starts with the core libraries alone.
#pragma once

namespace communique::detail {

// The address of one of the module's C entry points, the module loaded on
// the first call and kept for the life of the process. Throws
// std::runtime_error when the module cannot be loaded or has no such entry.
void* writers_module_entry(const char* name);

}  // namespace communique::detail
