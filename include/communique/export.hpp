// Marks the library's public symbols; everything else is hidden.
#pragma once

#if defined(_WIN32)
#define COMMUNIQUE_API
#else
#define COMMUNIQUE_API __attribute__((visibility("default")))
#endif
