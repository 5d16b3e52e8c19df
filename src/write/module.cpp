// The entry point of the writers module that the command loads on demand
// (see cli/writers_module.cpp).
#include "write/writers.hpp"

extern "C" __attribute__((visibility("default"))) communique::detail::writers* communique_make_writers(
    const communique::options* opts) {
    return communique::detail::make_writers(*opts).release();
}
