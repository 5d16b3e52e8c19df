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
# libzip: the .docx writer links it; the .docx reader, which the command
# has too, loads it with dlopen on the first .docx (src/read/zip_archive.cpp),
# so that `check` of a Markdown draft does not pay for loading libzip and its
# libcrypto. The core takes only its headers.
cq_pkg(libzip libzip libzip-dev)
# libdeflate: the PDF renderer's stream compression (src/pdf/pdf_objects.cpp),
# whole buffers at once, faster than zlib's streaming deflate.
cq_pkg(libdeflate libdeflate libdeflate-dev)

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

# The command (src/CMakeLists.txt) takes libxml2, ICU, cmark-gfm, zlib and
# liblzma from the static archives the same -dev packages ship: a
# pre-commit hook's `check` then spends no start-up on loading and
# relocating them (docs/performance.md). The writers module it loads on a
# conversion uses libxslt, which links the shared libxml2; the command
# exports the whole of its libxml2 (the symbol list of the shared one) so
# that libxslt and the module bind to it, and one libxml2 serves the process.
# ICU, zlib and liblzma stay private: the module's are its own.
option(COMMUNIQUE_STATIC_COMMAND "Link libxml2, ICU, cmark-gfm and libstdc++ into the communique command statically" ON)
add_library(cq_command_core INTERFACE)
add_library(cq::command_core ALIAS cq_command_core)
if(COMMUNIQUE_STATIC_COMMAND)
  set(cq_command_archives "")
  foreach(lib xml2 cmark-gfm-extensions cmark-gfm icuuc icudata z lzma)
    find_library(cq_archive_${lib} NAMES lib${lib}.a)
    if(NOT cq_archive_${lib})
      message(FATAL_ERROR "lib${lib}.a not found (its -dev package ships it), or configure with "
                          "-DCOMMUNIQUE_STATIC_COMMAND=OFF")
    endif()
    list(APPEND cq_command_archives ${cq_archive_${lib}})
  endforeach()
  list(POP_FRONT cq_command_archives cq_libxml2_archive)

  # Every symbol the shared libxml2 defines, as a linker dynamic list.
  find_library(cq_libxml2_shared NAMES libxml2.so.2 xml2 REQUIRED)
  execute_process(COMMAND ${CMAKE_NM} -D --defined-only ${cq_libxml2_shared}
                  OUTPUT_VARIABLE cq_nm_out RESULT_VARIABLE cq_nm_status)
  string(REGEX MATCHALL "[0-9a-f]+ [BDGRSTVWiu] [A-Za-z_][A-Za-z0-9_]*" cq_libxml2_symbols "${cq_nm_out}")
  list(LENGTH cq_libxml2_symbols cq_symbol_count)
  if(NOT cq_nm_status EQUAL 0 OR cq_symbol_count LESS 1000)
    message(FATAL_ERROR "cannot list the symbols of ${cq_libxml2_shared} with ${CMAKE_NM}")
  endif()
  list(TRANSFORM cq_libxml2_symbols REPLACE "^[0-9a-f]+ . " "")
  list(JOIN cq_libxml2_symbols ";\n  " cq_libxml2_symbols)
  file(CONFIGURE OUTPUT ${PROJECT_BINARY_DIR}/libxml2.dynlist CONTENT "{\n  ${cq_libxml2_symbols};\n};\n")

  find_package(Threads REQUIRED)
  target_include_directories(cq_command_core INTERFACE ${cq_libxml2_INCLUDE_DIRS} ${cq_cmark_INCLUDE_DIRS}
                                                       ${cq_icu_INCLUDE_DIRS})
  target_link_libraries(cq_command_core INTERFACE "$<LINK_LIBRARY:WHOLE_ARCHIVE,${cq_libxml2_archive}>"
                        ${cq_command_archives} Threads::Threads ${CMAKE_DL_LIBS} m)
  target_link_options(cq_command_core INTERFACE "LINKER:--dynamic-list=${PROJECT_BINARY_DIR}/libxml2.dynlist")
  set_property(TARGET cq_command_core PROPERTY INTERFACE_LINK_DEPENDS ${PROJECT_BINARY_DIR}/libxml2.dynlist)
else()
  target_link_libraries(cq_command_core INTERFACE cq::libxml2 cq::cmark cq::icu)
endif()
