# Every dependency is a Debian package. A missing one stops configuration with
# the name of the package that brings it (tools/install-deps installs them all).

find_package(PkgConfig)
if(NOT PkgConfig_FOUND)
  message(FATAL_ERROR "pkg-config not found: install the Debian package pkg-config")
endif()

# cq_pkg(<target-suffix> <pkg-config module> <Debian package>)
function(cq_pkg name module deb)
  pkg_check_modules(cq_${name} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT cq_${name}_FOUND)
    message(FATAL_ERROR "${module} not found: install the Debian package ${deb}")
  endif()
  add_library(cq::${name} ALIAS PkgConfig::cq_${name})
endfunction()

# cq_cmake_pkg(<find_package name> <Debian package> [find_package args...])
macro(cq_cmake_pkg name deb)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "${name} not found: install the Debian package ${deb}")
  endif()
endmacro()

cq_pkg(libxml2 libxml-2.0 libxml2-dev)
cq_pkg(libxslt libxslt libxslt1-dev)
cq_pkg(libexslt libexslt libxslt1-dev)
cq_pkg(cmark libcmark-gfm libcmark-gfm-dev)
cq_pkg(icu icu-uc libicu-dev)
cq_pkg(harfbuzz "harfbuzz;harfbuzz-subset" libharfbuzz-dev)
cq_pkg(fontconfig fontconfig libfontconfig-dev)

cq_cmake_pkg(fmt libfmt-dev 9)
cq_cmake_pkg(CLI11 libcli11-dev)
cq_cmake_pkg(tomlplusplus libtomlplusplus-dev)
cq_cmake_pkg(nlohmann_json nlohmann-json3-dev 3)

find_package(PoDoFo)
if(NOT PoDoFo_FOUND)
  message(FATAL_ERROR "PoDoFo not found: install the Debian package libpodofo-dev")
endif()

if(COMMUNIQUE_BUILD_TESTS)
  cq_cmake_pkg(Catch2 catch2 2)
endif()
