# The PDF renderer (src/pdf): XSL-FO to PDF with HarfBuzz, ICU and PoDoFo;
# streams compressed with libdeflate, zlib kept for the file ID's checksums.
# Included by src/CMakeLists.txt into the communique_internal target.
find_package(ZLIB)
if(NOT ZLIB_FOUND)
  message(FATAL_ERROR "zlib not found: install the Debian package zlib1g-dev")
endif()
# Targets that link communique_internal elsewhere in the tree (tests/) must
# see the imported target too: make it global, as dependencies.cmake's are.
get_target_property(cq_zlib_global ZLIB::ZLIB IMPORTED_GLOBAL)
if(NOT cq_zlib_global)
  set_target_properties(ZLIB::ZLIB PROPERTIES IMPORTED_GLOBAL TRUE)
endif()

# libhyphen hyphenates justified text with the TeX/LibreOffice patterns
# Debian ships in /usr/share/hyphen (hyphen-en-us, hyphen-en-gb, hyphen-fr,
# hyphen-id, read at run time). It has no pkg-config file: found by hand.
if(NOT TARGET cq::hyphen)
  find_path(CQ_HYPHEN_INCLUDE_DIR hyphen.h)
  find_library(CQ_HYPHEN_LIBRARY NAMES hyphen)
  if(NOT CQ_HYPHEN_INCLUDE_DIR OR NOT CQ_HYPHEN_LIBRARY)
    message(FATAL_ERROR "libhyphen not found: install the Debian package libhyphen-dev")
  endif()
  add_library(cq::hyphen UNKNOWN IMPORTED GLOBAL)
  set_target_properties(cq::hyphen PROPERTIES IMPORTED_LOCATION "${CQ_HYPHEN_LIBRARY}"
                                              INTERFACE_INCLUDE_DIRECTORIES "${CQ_HYPHEN_INCLUDE_DIR}")
endif()

target_sources(communique_internal PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/fo_parser.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fonts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shaping.cpp
  ${CMAKE_CURRENT_LIST_DIR}/line_breaking.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layout.cpp
  ${CMAKE_CURRENT_LIST_DIR}/metadata.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pdf_objects.cpp
  ${CMAKE_CURRENT_LIST_DIR}/font_embedding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pdf_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/renderer.cpp)
target_link_libraries(communique_internal PUBLIC cq::harfbuzz cq::fontconfig cq::icu PoDoFo::PoDoFo ZLIB::ZLIB
  cq::libdeflate cq::hyphen)
