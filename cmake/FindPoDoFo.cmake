# Debian's libpodofo-dev (0.9.8) ships neither a CMake package nor a .pc file,
# so the library and its header are found by hand.
find_path(PoDoFo_INCLUDE_DIR NAMES podofo/podofo.h)
find_library(PoDoFo_LIBRARY NAMES podofo)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PoDoFo REQUIRED_VARS PoDoFo_LIBRARY PoDoFo_INCLUDE_DIR
  REASON_FAILURE_MESSAGE "install the Debian package libpodofo-dev")
if(PoDoFo_FOUND AND NOT TARGET PoDoFo::PoDoFo)
  add_library(PoDoFo::PoDoFo UNKNOWN IMPORTED)
  set_target_properties(PoDoFo::PoDoFo PROPERTIES
    IMPORTED_LOCATION "${PoDoFo_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${PoDoFo_INCLUDE_DIR}")
endif()
mark_as_advanced(PoDoFo_INCLUDE_DIR PoDoFo_LIBRARY)
