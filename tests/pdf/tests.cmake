# The PDF renderer's tests (included by tests/CMakeLists.txt). They need,
# besides the build's packages: qpdf, poppler-utils (pdffonts, pdftotext,
# pdfinfo, pdftoppm), libharfbuzz-bin (hb-shape), fontconfig (fc-match),
# fop and a JDK (FOP run over the fixtures in one JVM), and the fonts
# fonts-dejavu-core fonts-liberation2 fonts-noto-core fonts-khmeros
# fonts-symbola fonts-wqy-microhei.
set(cq_pdf_tools
  QPDF_EXE qpdf qpdf
  PDFFONTS_EXE pdffonts poppler-utils
  PDFTOTEXT_EXE pdftotext poppler-utils
  PDFINFO_EXE pdfinfo poppler-utils
  PDFTOPPM_EXE pdftoppm poppler-utils
  HB_SHAPE_EXE hb-shape libharfbuzz-bin
  FC_MATCH_EXE fc-match fontconfig
  FOP_EXE fop fop)
set(cq_pdf_defs "")
while(cq_pdf_tools)
  list(POP_FRONT cq_pdf_tools var program package)
  find_program(${var} ${program})
  if(NOT ${var})
    message(FATAL_ERROR "${program} not found (the PDF tests need it): install the Debian package ${package}")
  endif()
  list(APPEND cq_pdf_defs ${var}="${${var}}")
endwhile()

# A driver that renders a release's XML (through xslt/fo.xsl) or an FO file:
#   communique-pdf-render [--param page-size=letter] [--fo out.fo] in.xml out.pdf
add_executable(communique-pdf-render ${CMAKE_CURRENT_LIST_DIR}/render_tool.cpp)
target_link_libraries(communique-pdf-render PRIVATE communique_internal)
target_include_directories(communique-pdf-render PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_compile_definitions(communique-pdf-render PRIVATE CQ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# The benchmark tools/bench-pdf runs (not installed).
add_executable(communique-pdf-bench ${CMAKE_CURRENT_LIST_DIR}/bench.cpp)
target_link_libraries(communique-pdf-bench PRIVATE communique_internal)
target_include_directories(communique-pdf-bench PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_compile_definitions(communique-pdf-bench PRIVATE CQ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

add_executable(communique-pdf-tests
  ${CMAKE_CURRENT_LIST_DIR}/test_units.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_fixtures.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_render.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_khmer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_justify.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_justify_stream.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_behaviour.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_tagged.cpp)
target_link_libraries(communique-pdf-tests PRIVATE communique_internal communique-catch-main)
target_include_directories(communique-pdf-tests PRIVATE ${CMAKE_CURRENT_LIST_DIR} ${PROJECT_SOURCE_DIR}/tests)
target_compile_definitions(communique-pdf-tests PRIVATE CQ_SOURCE_DIR="${PROJECT_SOURCE_DIR}" ${cq_pdf_defs})
include(Catch)
catch_discover_tests(communique-pdf-tests TEST_PREFIX "" PROPERTIES LABELS pdf)

# Characters the fonts lack, through the command: an emoji drawn by the
# fallback font (Symbola, subset), a character no font has drawn as the
# missing-glyph box with a glyph-missing warning at its line and column.
add_test(NAME "pdf: glyphs no font has"
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/glyphs_test.sh $<TARGET_FILE:communique-cli> ${PROJECT_SOURCE_DIR}
                 ${PDFFONTS_EXE} ${PDFTOTEXT_EXE})
set_tests_properties("pdf: glyphs no font has" PROPERTIES LABELS pdf)

# Apache FOP renders the FO of every fixture (and the Khmer release) too.
add_test(NAME "pdf: FOP accepts the FO"
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/fop_test.sh $<TARGET_FILE:communique-pdf-render> ${PROJECT_SOURCE_DIR}
                 ${FOP_EXE})
set_tests_properties("pdf: FOP accepts the FO" PROPERTIES LABELS pdf)

# tools/bench-pdf works (a few iterations only: the numbers are its own business).
add_test(NAME "pdf: tools/bench-pdf runs"
         COMMAND bash ${PROJECT_SOURCE_DIR}/tools/bench-pdf ${PROJECT_BINARY_DIR} 20)
set_tests_properties("pdf: tools/bench-pdf runs" PROPERTIES LABELS pdf)
