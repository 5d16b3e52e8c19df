# libFuzzer targets (clang only). Included from the top-level CMakeLists.txt;
# the `fuzz` preset (CMakePresets.json) and tools/fuzz turn it on:
#
#   cmake --preset fuzz && cmake --build --preset fuzz
#
# With COMMUNIQUE_FUZZ=ON every target of the build is compiled with
# libFuzzer's coverage instrumentation and AddressSanitizer +
# UndefinedBehaviorSanitizer, and these targets are added:
#
#   fuzz-draft     the draft reader (cmark-gfm + structure) and the checks
#   fuzz-xml       the canonical-XML reader and the checks
#   fuzz-docx      the DOCX reader (a .docx, or its parts zipped by the
#                  target), the recogniser and the checks
#   fuzz-html      the HTML reader (the article found by itself), the
#                  recogniser and the checks
#   fuzz-fo        the PDF renderer, on XSL-FO bytes (when src/pdf is there)
#   fuzz-pipeline  engine::convert from any bytes to every format
#
# The same harnesses are built without libFuzzer by tests/hostile/tests.cmake
# (fuzz/replay_main.cpp) to replay seeds and regressions under ctest.
include_guard(GLOBAL)

option(COMMUNIQUE_FUZZ "Build the libFuzzer targets (clang only; instruments the whole build with ASan+UBSan)" OFF)
if(NOT COMMUNIQUE_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "COMMUNIQUE_FUZZ needs clang (libFuzzer): configure with -DCMAKE_C_COMPILER=clang "
                      "-DCMAKE_CXX_COMPILER=clang++, or use the preset: cmake --preset fuzz "
                      "(Debian packages clang and libclang-rt-14-dev)")
endif()

set(cq_fuzz_dir ${CMAKE_CURRENT_LIST_DIR})
set(cq_fuzz_compile_flags -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                          -fno-omit-frame-pointer -gline-tables-only)
set(cq_fuzz_link_flags -fsanitize=address,undefined)

# Instruments every target defined anywhere in the build, wherever this file
# was included from: called at the end of the top-level directory.
function(cq_fuzz_instrument dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(type MATCHES "^(EXECUTABLE|STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY)$")
      target_compile_options(${t} PRIVATE ${cq_fuzz_compile_flags})
      if(NOT type MATCHES "^(STATIC_LIBRARY|OBJECT_LIBRARY)$")
        target_link_options(${t} PRIVATE ${cq_fuzz_link_flags})
      endif()
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(d IN LISTS subdirs)
    cq_fuzz_instrument(${d})
  endforeach()
endfunction()

function(cq_fuzz_add name source)
  add_executable(${name} ${cq_fuzz_dir}/${source})
  target_link_libraries(${name} PRIVATE communique_internal)
  target_include_directories(${name} PRIVATE ${cq_fuzz_dir} ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${name} PRIVATE ${cq_fuzz_compile_flags})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/fuzz)
  list(APPEND CQ_FUZZ_TARGETS ${name})
  set(CQ_FUZZ_TARGETS ${CQ_FUZZ_TARGETS} PARENT_SCOPE)
endfunction()

function(cq_fuzz_targets)
  if(NOT TARGET communique_internal)
    message(FATAL_ERROR "fuzz/fuzz.cmake: the communique_internal target is missing")
  endif()
  cq_fuzz_instrument(${PROJECT_SOURCE_DIR})
  set(CQ_FUZZ_TARGETS "")
  cq_fuzz_add(fuzz-draft draft_fuzzer.cpp)
  cq_fuzz_add(fuzz-xml xml_fuzzer.cpp)
  cq_fuzz_add(fuzz-docx docx_fuzzer.cpp)
  cq_fuzz_add(fuzz-html html_fuzzer.cpp)
  if(EXISTS ${PROJECT_SOURCE_DIR}/src/pdf/renderer.cpp)
    cq_fuzz_add(fuzz-fo fo_fuzzer.cpp)
  endif()
  cq_fuzz_add(fuzz-pipeline pipeline_fuzzer.cpp)
  add_custom_target(fuzz DEPENDS ${CQ_FUZZ_TARGETS})
  message(STATUS "communique: fuzz targets ${CQ_FUZZ_TARGETS} (in ${PROJECT_BINARY_DIR}/fuzz)")
endfunction()

cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL cq_fuzz_targets)
