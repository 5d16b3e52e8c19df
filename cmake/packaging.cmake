# Installation, the exported CMake package, pkg-config and the .deb.
#
#   cmake --install BUILD [--prefix DIR]   installs:
#     bin/communique                       the command
#     lib/communique/communique-writers.so the module the command loads its writers from
#     lib/libcommunique.so.MAJOR(.MINOR.PATCH), lib/libcommunique.so
#                                          the shared library, and its link for -lcommunique
#     lib/libcommunique.a                  the same library, static
#     include/communique/*.hpp, *.h        the C++ and C API (and version.hpp)
#     lib/cmake/communique/                find_package(communique CONFIG) -> communique::communique
#                                          (shared) and communique::communique_static
#     lib/pkgconfig/communique.pc          pkg-config communique
#     share/communique/{schemas,xslt}      the schema and stylesheets (also built into the library)
#     lib/python3/dist-packages/communique the Python package (python/python.cmake; not in the .deb)
#   cpack -G DEB                           makes three .deb of the same tree under /usr, as Debian
#                                          splits a library: libcommunique0, libcommunique-dev and
#                                          communique (the command).
#
# Both the CMake package and the .pc file are relocatable: they find the
# prefix from where they lie, so the tree can be installed anywhere.

include(CMakePackageConfigHelpers)

set(cq_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/communique)
set(cq_pkgconfig_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# ---- The library's own dependencies -------------------------------------
#
# The static libcommunique.a leaves its dependencies to whoever links it. In
# the build tree they are the targets of cmake/dependencies.cmake (cq::libxml2
# and so on), which exist in this project only, so an exported package that
# named them could not be used. Each known dependency is therefore mapped to
# what a consumer's machine has: pkg-config modules, a library to find by
# hand, and the Debian packages that bring them.
#
#   target | pkg-config modules | library found by hand | Debian runtime packages | Debian -dev package
set(cq_dependency_table
  "cq::libxml2|libxml-2.0||libxml2|libxml2-dev"
  "cq::libxslt|libxslt||libxslt1.1|libxslt1-dev"
  "cq::libexslt|libexslt||libxslt1.1|libxslt1-dev"
  "cq::cmark|libcmark-gfm||libcmark-gfm0.29.0.gfm.6,libcmark-gfm-extensions0.29.0.gfm.6|libcmark-gfm-dev,libcmark-gfm-extensions-dev"
  "cq::icu|icu-uc||libicu72|libicu-dev"
  "cq::harfbuzz|harfbuzz,harfbuzz-subset||libharfbuzz0b,libharfbuzz-subset0|libharfbuzz-dev"
  "cq::fontconfig|fontconfig||libfontconfig1|libfontconfig-dev"
  "cq::zlib|zlib||zlib1g|zlib1g-dev"
  "ZLIB::ZLIB|zlib||zlib1g|zlib1g-dev"
  "PoDoFo::PoDoFo||podofo|libpodofo0.9.8,fonts-dejavu-core|libpodofo-dev"
  "cq::libzip|libzip||libzip4|libzip-dev"
  "cq::libdeflate|libdeflate||libdeflate0|libdeflate-dev"
  "cq::hyphen||hyphen|libhyphen0|libhyphen-dev")

set(cq_pc_modules "")     # pkg-config modules of the dependencies
set(cq_by_hand "")        # libraries without a .pc file (PoDoFo, libhyphen)
set(cq_runtime_debs "")   # Debian packages the installed tree needs to run
set(cq_dev_debs "")       # Debian packages needed to link the static library
get_target_property(cq_link_libraries communique_static LINK_LIBRARIES)
if(NOT cq_link_libraries)
  set(cq_link_libraries "")
endif()
foreach(lib IN LISTS cq_link_libraries)
  set(found OFF)
  foreach(row IN LISTS cq_dependency_table)
    string(REPLACE "|" ";" row "${row}")
    list(GET row 0 target)
    if(lib STREQUAL target)
      set(found ON)
      list(GET row 1 modules)
      list(GET row 2 by_hand)
      list(GET row 3 runtime)
      list(GET row 4 dev)
      string(REPLACE "," ";" modules "${modules}")
      string(REPLACE "," ";" runtime "${runtime}")
      string(REPLACE "," ";" dev "${dev}")
      list(APPEND cq_pc_modules ${modules})
      list(APPEND cq_by_hand ${by_hand})
      list(APPEND cq_runtime_debs ${runtime})
      list(APPEND cq_dev_debs ${dev})
    endif()
  endforeach()
  if(NOT found AND TARGET "${lib}")
    message(WARNING "cmake/packaging.cmake does not know the dependency ${lib}: add it to cq_dependency_table, "
                    "or the installed static library and libcommunique-dev will lack it")
  endif()
endforeach()
foreach(var cq_pc_modules cq_by_hand cq_runtime_debs cq_dev_debs)
  list(REMOVE_DUPLICATES ${var})
endforeach()

# What the exported static library links: in the build tree the targets as
# they are; once installed, PkgConfig::communique_deps (made by
# communiqueConfig.cmake from the modules above) and the libraries found by
# hand (PoDoFo::PoDoFo, made there too).
get_target_property(cq_interface communique_static INTERFACE_LINK_LIBRARIES)
set(cq_new_interface "")
foreach(item IN LISTS cq_interface)
  if(item MATCHES "^\\$<LINK_ONLY:(.*)>$")
    set(lib "${CMAKE_MATCH_1}")
  else()
    set(lib "${item}")
  endif()
  if(lib IN_LIST cq_link_libraries AND TARGET "${lib}")
    list(APPEND cq_new_interface "$<BUILD_INTERFACE:${item}>")
  else()
    list(APPEND cq_new_interface "${item}")
  endif()
endforeach()
if(cq_pc_modules)
  list(APPEND cq_new_interface "$<INSTALL_INTERFACE:$<LINK_ONLY:PkgConfig::communique_deps>>")
endif()
if("podofo" IN_LIST cq_by_hand)
  list(APPEND cq_new_interface "$<INSTALL_INTERFACE:$<LINK_ONLY:PoDoFo::PoDoFo>>")
endif()
# libhyphen sits in the linker's default path on Debian: named, not found.
if("hyphen" IN_LIST cq_by_hand)
  list(APPEND cq_new_interface "$<INSTALL_INTERFACE:$<LINK_ONLY:hyphen>>")
endif()
set_property(TARGET communique_static PROPERTY INTERFACE_LINK_LIBRARIES "${cq_new_interface}")

# The shared library exports the two APIs and nothing else (the script is
# made by src/capi/capi.cmake).
target_link_options(communique PRIVATE "LINKER:--version-script=${PROJECT_BINARY_DIR}/capi/communique.map")
set_property(TARGET communique APPEND PROPERTY LINK_DEPENDS ${PROJECT_BINARY_DIR}/capi/communique.map)

# The public headers need C++20 (std::span): say so to the library's users,
# so that a consumer's target gets it without setting a standard itself.
set_property(TARGET communique communique_static APPEND PROPERTY INTERFACE_COMPILE_FEATURES cxx_std_20)

# ---- Files ---------------------------------------------------------------

# Three install components, one for each Debian package (see the end):
#   library      libcommunique.so.MAJOR(.MINOR.PATCH)          -> libcommunique0
#   development  headers, libcommunique.so, .a, CMake, .pc     -> libcommunique-dev
#   command      the command, its modules, schema and stylesheets, and whatever
#                else is installed without a component (the top-level
#                CMakeLists.txt makes "command" the default)  -> communique
# (and "python", the Python package, which no .deb holds yet: python/python.cmake).
install(TARGETS communique EXPORT communiqueTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library NAMELINK_COMPONENT development)
install(TARGETS communique_static EXPORT communiqueTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
install(TARGETS communique-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT command)
# The command loads its writers from a module beside it (src/cli/
# writers_module.cpp looks in bin/../CQ_WRITERS_INSTALL_DIR): it goes where
# the command's own compile definition says.
if(TARGET communique-writers)
  get_target_property(cq_cli_definitions communique-cli COMPILE_DEFINITIONS)
  set(cq_writers_dir "")
  foreach(definition IN LISTS cq_cli_definitions)
    if(definition MATCHES "^CQ_WRITERS_INSTALL_DIR=\"(.*)\"$")
      set(cq_writers_dir "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  if(NOT cq_writers_dir)
    message(FATAL_ERROR "cmake/packaging.cmake: communique-cli has no CQ_WRITERS_INSTALL_DIR definition, "
                        "so the writers module's place is not known")
  endif()
  install(TARGETS communique-writers LIBRARY DESTINATION ${cq_writers_dir} COMPONENT command)
  # For tests/capi/tests.cmake, which checks that it is installed there.
  set_property(TARGET communique-writers PROPERTY COMMUNIQUE_INSTALL_DIR "${cq_writers_dir}")
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/communique DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT development FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/communique/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/communique COMPONENT development)
install(FILES ${PROJECT_SOURCE_DIR}/schemas/release.xsd ${PROJECT_SOURCE_DIR}/schemas/xml.xsd
        DESTINATION ${CMAKE_INSTALL_DATADIR}/communique/schemas COMPONENT command)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/xslt/ DESTINATION ${CMAKE_INSTALL_DATADIR}/communique/xslt
        COMPONENT command FILES_MATCHING PATTERN "*.xsl")

# ---- The CMake package ----------------------------------------------------

install(EXPORT communiqueTargets NAMESPACE communique:: DESTINATION ${cq_cmake_dir} COMPONENT development)
# In the config, lists are spelled out as CMake list literals.
string(REPLACE ";" " " CQ_PC_MODULES "${cq_pc_modules}")
string(REPLACE ";" " " CQ_DEV_DEBS "${cq_dev_debs}")
if("podofo" IN_LIST cq_by_hand)
  set(CQ_NEEDS_PODOFO ON)
else()
  set(CQ_NEEDS_PODOFO OFF)
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/communiqueConfig.cmake.in
  ${PROJECT_BINARY_DIR}/packaging/communiqueConfig.cmake
  INSTALL_DESTINATION ${cq_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/packaging/communiqueConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/packaging/communiqueConfig.cmake
              ${PROJECT_BINARY_DIR}/packaging/communiqueConfigVersion.cmake
        DESTINATION ${cq_cmake_dir} COMPONENT development)

# ---- pkg-config -----------------------------------------------------------

# The prefix is found from the .pc file's own folder (${pcfiledir}).
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(CQ_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH cq_pc_up /${cq_pkgconfig_dir} /)
  string(REGEX REPLACE "/$" "" cq_pc_up "${cq_pc_up}")
  set(CQ_PC_PREFIX "\${pcfiledir}/${cq_pc_up}")
endif()
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(CQ_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(CQ_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
# -lcommunique takes the shared library, which names its own dependencies.
# pkg-config --static adds what the archive needs besides (Requires.private,
# Libs.private), for a program that links libcommunique.a (docs/api.md).
string(REPLACE ";" ", " CQ_PC_REQUIRES_PRIVATE "${cq_pc_modules}")
set(CQ_PC_LIBS_PRIVATE "")
foreach(lib IN LISTS cq_by_hand)
  string(APPEND CQ_PC_LIBS_PRIVATE "-l${lib} ")
endforeach()
# The library is C++: a C program that links it statically needs these.
string(APPEND CQ_PC_LIBS_PRIVATE "-lstdc++ -lm")
configure_file(${PROJECT_SOURCE_DIR}/cmake/communique.pc.in ${PROJECT_BINARY_DIR}/packaging/communique.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/packaging/communique.pc DESTINATION ${cq_pkgconfig_dir} COMPONENT development)

# ---- The .deb (cpack -G DEB) ----------------------------------------------
#
# One package per install component, as Debian splits a library, with the
# dependencies on shared libraries computed by dpkg-shlibdeps (dpkg-dev)
# from what each package's binaries link:
#   libcommunique0     the shared library (policy: named after its SONAME)
#   libcommunique-dev  what building against it takes, static archive included
#   communique         the command and the modules it loads
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME communique)
set(CPACK_PACKAGE_VENDOR "communique developers")
set(CPACK_PACKAGE_CONTACT "communique developers <dev@communique.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Each package's description starts with a summary of its own (CPack would
# put the project's in front of every one).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL library development command)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# A package's dependency on another of the same build is exact (= version).
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
# The command and shared objects go without their debugging information (a
# static library is never stripped).
set(CPACK_STRIP_FILES ON)

set(cq_about "communique reads official press releases (drafts in plain text with Markdown emphasis,
Word documents, web pages, or canonical release XML), checks them against a schema
and house rules, reporting every problem at its line and column, and converts them
to XML, HTML, plain text, .docx and PDF.")
# The fonts the PDF renderer resolves and falls back to (tools/install-deps'
# runtime packages) are found through fontconfig, not linked, so
# dpkg-shlibdeps cannot see them: whatever renders PDFs names them.
set(cq_font_debs "fontconfig, fonts-dejavu-core, fonts-symbola, fonts-wqy-microhei")
# The hyphenation patterns are read at run time too; without them justified
# text is set without hyphens.
set(cq_hyphen_debs "hyphen-en-us, hyphen-en-gb, hyphen-fr, hyphen-id")

set(CPACK_DEBIAN_LIBRARY_PACKAGE_NAME libcommunique${PROJECT_VERSION_MAJOR})
set(CPACK_DEBIAN_LIBRARY_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIBRARY_PACKAGE_DEPENDS "${cq_font_debs}")
set(CPACK_DEBIAN_LIBRARY_PACKAGE_RECOMMENDS "${cq_hyphen_debs}")
set(CPACK_COMPONENT_LIBRARY_DESCRIPTION "${PROJECT_DESCRIPTION} (shared library)
${cq_about}
This package has the shared library, libcommunique.so.${PROJECT_VERSION_MAJOR}, with its C++ and C API.")
# A shlibs file, so that dpkg-shlibdeps of packages built against it names
# this one (any later version of the same SONAME will do); CPack then also
# runs ldconfig after installing and removing. (The command's modules have
# no SONAME, so they get no entry.)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libcommunique-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEVELOPMENT_DEPENDS library)
# pkg-config reads the Requires.private modules for --cflags too, and the
# static target of the CMake package links them: their -dev packages come along,
# as Debian's own -dev packages do.
string(REPLACE ";" ", " CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS "${cq_dev_debs}")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_RECOMMENDS "pkgconf | pkg-config")
set(CPACK_COMPONENT_DEVELOPMENT_DESCRIPTION "${PROJECT_DESCRIPTION} (development files)
${cq_about}
This package has the C++ and C headers, the static library, and the CMake package
(communique::communique, communique::communique_static) and pkg-config file to build
against them.")

set(CPACK_DEBIAN_COMMAND_PACKAGE_NAME communique)
set(CPACK_DEBIAN_COMMAND_PACKAGE_SECTION text)
set(CPACK_DEBIAN_COMMAND_PACKAGE_DEPENDS "${cq_font_debs}")
set(CPACK_DEBIAN_COMMAND_PACKAGE_RECOMMENDS "${cq_hyphen_debs}")
set(CPACK_COMPONENT_COMMAND_DESCRIPTION "${PROJECT_DESCRIPTION} (command)
${cq_about}
This package has the communique command (check, convert, fix, diff, preview, lsp, ...).
It carries its own copy of the core and loads its writers from a module, so that
a check in a pre-commit hook starts fast; it does not use libcommunique${PROJECT_VERSION_MAJOR}.")
include(CPack)
