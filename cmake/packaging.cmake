# Installation, the exported CMake package, pkg-config and the .deb.
#
#   cmake --install BUILD [--prefix DIR]   installs:
#     bin/communique                       the command
#     lib/communique/communique-writers.so the module the command loads its writers from
#     lib/libcommunique.{a,so*}            the library (BUILD_SHARED_LIBS picks)
#     include/communique/*.hpp, *.h        the C++ and C API (and version.hpp)
#     lib/cmake/communique/                find_package(communique CONFIG) -> communique::communique
#     lib/pkgconfig/communique.pc          pkg-config communique
#     share/communique/{schemas,xslt}      the schema and stylesheets (also built into the library)
#   cpack -G DEB                           makes a .deb of the same tree under /usr.
#
# Both the CMake package and the .pc file are relocatable: they find the
# prefix from where they lie, so the tree can be installed anywhere.

include(CMakePackageConfigHelpers)

set(cq_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/communique)
set(cq_pkgconfig_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
get_target_property(cq_type communique TYPE)
if(cq_type STREQUAL "STATIC_LIBRARY")
  set(cq_static ON)
else()
  set(cq_static OFF)
endif()

# ---- The library's own dependencies -------------------------------------
#
# A static libcommunique.a leaves its dependencies to whoever links it. In
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
  "cq::libdeflate|libdeflate||libdeflate0|libdeflate-dev")

set(cq_pc_modules "")     # pkg-config modules of the dependencies
set(cq_by_hand "")        # libraries without a .pc file (PoDoFo)
set(cq_runtime_debs "")   # Debian packages the installed tree needs to run
set(cq_dev_debs "")       # Debian packages needed to link the static library
get_target_property(cq_link_libraries communique LINK_LIBRARIES)
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
                    "or the installed static library and the .deb will lack it")
  endif()
endforeach()
foreach(var cq_pc_modules cq_by_hand cq_runtime_debs cq_dev_debs)
  list(REMOVE_DUPLICATES ${var})
endforeach()

if(cq_static)
  # What the exported static library links: in the build tree the targets as
  # they are; once installed, PkgConfig::communique_deps (made by
  # communiqueConfig.cmake from the modules above) and the libraries found by
  # hand (PoDoFo::PoDoFo, made there too).
  get_target_property(cq_interface communique INTERFACE_LINK_LIBRARIES)
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
  set_property(TARGET communique PROPERTY INTERFACE_LINK_LIBRARIES "${cq_new_interface}")
endif()

# A shared library exports the two APIs and nothing else (the script is
# made by src/capi/capi.cmake).
if(cq_type STREQUAL "SHARED_LIBRARY")
  target_link_options(communique PRIVATE "LINKER:--version-script=${PROJECT_BINARY_DIR}/capi/communique.map")
  set_property(TARGET communique APPEND PROPERTY LINK_DEPENDS ${PROJECT_BINARY_DIR}/capi/communique.map)
endif()

# The public headers need C++20 (std::span): say so to the library's users,
# so that a consumer's target gets it without setting a standard itself.
set_property(TARGET communique APPEND PROPERTY INTERFACE_COMPILE_FEATURES cxx_std_20)

# ---- Files ---------------------------------------------------------------

# A command linked to a shared library finds it wherever the tree is
# installed (bin/../lib).
get_target_property(cq_cli_links communique-cli LINK_LIBRARIES)
if(NOT cq_static AND "communique" IN_LIST cq_cli_links)
  file(RELATIVE_PATH cq_bin_to_lib ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}
       ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR})
  set_target_properties(communique-cli PROPERTIES INSTALL_RPATH "\$ORIGIN/${cq_bin_to_lib}")
endif()

install(TARGETS communique EXPORT communiqueTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS communique-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
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
  install(TARGETS communique-writers LIBRARY DESTINATION ${cq_writers_dir})
  # For tests/capi/tests.cmake, which checks that it is installed there.
  set_property(TARGET communique-writers PROPERTY COMMUNIQUE_INSTALL_DIR "${cq_writers_dir}")
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/communique DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/communique/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/communique)
install(FILES ${PROJECT_SOURCE_DIR}/schemas/release.xsd ${PROJECT_SOURCE_DIR}/schemas/xml.xsd
        DESTINATION ${CMAKE_INSTALL_DATADIR}/communique/schemas)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/xslt/ DESTINATION ${CMAKE_INSTALL_DATADIR}/communique/xslt
        FILES_MATCHING PATTERN "*.xsl")

# ---- The CMake package ----------------------------------------------------

install(EXPORT communiqueTargets NAMESPACE communique:: DESTINATION ${cq_cmake_dir})
# In the config, lists are spelled out as CMake list literals.
string(REPLACE ";" " " CQ_PC_MODULES "${cq_pc_modules}")
string(REPLACE ";" " " CQ_DEV_DEBS "${cq_dev_debs}")
if("podofo" IN_LIST cq_by_hand)
  set(CQ_NEEDS_PODOFO ON)
else()
  set(CQ_NEEDS_PODOFO OFF)
endif()
set(CQ_STATIC ${cq_static})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/communiqueConfig.cmake.in
  ${PROJECT_BINARY_DIR}/packaging/communiqueConfig.cmake
  INSTALL_DESTINATION ${cq_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/packaging/communiqueConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/packaging/communiqueConfig.cmake
              ${PROJECT_BINARY_DIR}/packaging/communiqueConfigVersion.cmake
        DESTINATION ${cq_cmake_dir})

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
# Only a static library needs its dependencies named: pkg-config --static
# --libs communique then gives all of them.
set(CQ_PC_REQUIRES_PRIVATE "")
set(CQ_PC_LIBS_PRIVATE "")
if(cq_static)
  string(REPLACE ";" ", " CQ_PC_REQUIRES_PRIVATE "${cq_pc_modules}")
  foreach(lib IN LISTS cq_by_hand)
    string(APPEND CQ_PC_LIBS_PRIVATE "-l${lib} ")
  endforeach()
  # The library is C++: a C program that links it statically needs these.
  string(APPEND CQ_PC_LIBS_PRIVATE "-lstdc++ -lm")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/communique.pc.in ${PROJECT_BINARY_DIR}/packaging/communique.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/packaging/communique.pc DESTINATION ${cq_pkgconfig_dir})

# ---- The .deb (cpack -G DEB) ----------------------------------------------

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME communique)
set(CPACK_PACKAGE_VENDOR "communique developers")
set(CPACK_PACKAGE_CONTACT "communique developers <dev@communique.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "communique reads official press releases (drafts in plain text with Markdown emphasis, or
canonical release XML), checks them against a schema and house rules, reporting every
problem at its line and column, and converts them to XML, HTML, plain text and more.
This package has the command, the C++ and C library with its headers, and the CMake
and pkg-config files to build against it.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
# The runtime packages are named here rather than found by dpkg-shlibdeps, so
# that making the package needs nothing but CMake (and the list covers the
# fonts too, which no binary links).
# The fonts the PDF renderer falls back to for characters the stylesheet's
# fonts lack (tools/install-deps' runtime packages): symbols and emoji, Chinese.
list(APPEND cq_runtime_debs fonts-symbola fonts-wqy-microhei)
# The preview's module (communique-preview.so) links cpp-httplib.
list(APPEND cq_runtime_debs libcpp-httplib0.11)
string(REPLACE ";" ", " cq_depends "libc6 (>= 2.34);libstdc++6 (>= 11);libgcc-s1;${cq_runtime_debs}")
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${cq_depends}")
if(cq_static)
  # Linking the static library takes its dependencies' development files.
  string(REPLACE ";" ", " CPACK_DEBIAN_PACKAGE_RECOMMENDS "pkg-config;${cq_dev_debs}")
else()
  # A shlibs file for packages built against it; CPack then also runs
  # ldconfig after installing and removing.
  set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
endif()
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
# The command and shared objects go without their debugging information (a
# static library is never stripped).
set(CPACK_STRIP_FILES ON)
include(CPack)
