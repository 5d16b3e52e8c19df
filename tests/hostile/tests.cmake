# Hostile input: pathological drafts and XML, XML/XSLT safety, limits,
# threads, I/O failures, output paths, and replays of everything the fuzzers
# found. Included by tests/CMakeLists.txt; every test is named "hostile: ...".
# Needs python3 (the big inputs are generated at test time by gen_corpus.py).
include_guard(GLOBAL)

set(cq_hostile_dir ${CMAKE_CURRENT_LIST_DIR})
set(cq_fuzz_src ${PROJECT_SOURCE_DIR}/fuzz)
set(cq_hostile_generated ${CMAKE_CURRENT_BINARY_DIR}/hostile-corpus)

find_program(CQ_PYTHON3 python3)
if(NOT CQ_PYTHON3)
  message(FATAL_ERROR "python3 not found (the hostile-input tests need it): install the Debian package python3")
endif()

# The big pathological inputs, made once per test run (rewritten only when
# they changed).
add_test(NAME "hostile: generate the big pathological inputs"
         COMMAND ${CQ_PYTHON3} ${cq_hostile_dir}/gen_corpus.py ${cq_hostile_generated})
set_tests_properties("hostile: generate the big pathological inputs" PROPERTIES
  FIXTURES_SETUP cq_hostile_corpus LABELS hostile)

# The engine-level tests.
set(cq_hostile_sources
  ${cq_hostile_dir}/test_inputs.cpp
  ${cq_hostile_dir}/test_xml_safety.cpp
  ${cq_hostile_dir}/test_limits.cpp)
add_executable(communique-hostile-tests ${cq_hostile_sources})
target_link_libraries(communique-hostile-tests PRIVATE communique_internal communique-catch-main)
target_include_directories(communique-hostile-tests PRIVATE ${cq_hostile_dir} ${PROJECT_SOURCE_DIR}/tests ${PROJECT_SOURCE_DIR}/src)
target_compile_definitions(communique-hostile-tests PRIVATE
  CQ_SOURCE_DIR="${PROJECT_SOURCE_DIR}" CQ_HOSTILE_GENERATED="${cq_hostile_generated}")
include(Catch)
catch_discover_tests(communique-hostile-tests TEST_PREFIX "hostile: " TEST_SPEC "~[corpus]~[linear]"
  PROPERTIES FIXTURES_REQUIRED cq_hostile_corpus LABELS hostile)
# The tests that time things (a second per input, 8x the text in about 8x
# the time) run alone: beside another test on two cores, the same
# conversion took 1.7 times the CPU (shared caches and memory bandwidth).
# Not under the sanitizers, whose time limits are ten times looser and
# whose run is long enough as it is.
set(cq_timing_properties FIXTURES_REQUIRED cq_hostile_corpus LABELS hostile)
if(NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
  list(APPEND cq_timing_properties RUN_SERIAL TRUE)
endif()
catch_discover_tests(communique-hostile-tests TEST_PREFIX "hostile: " TEST_SPEC "[corpus],[linear]"
  PROPERTIES ${cq_timing_properties})

# Four threads through one engine (also run under ThreadSanitizer by
# tools/sanitize, which selects the label "concurrency").
add_executable(communique-hostile-threads ${cq_hostile_dir}/test_threads.cpp)
target_link_libraries(communique-hostile-threads PRIVATE communique_internal communique-catch-main)
target_include_directories(communique-hostile-threads PRIVATE ${cq_hostile_dir} ${PROJECT_SOURCE_DIR}/tests)
target_compile_definitions(communique-hostile-threads PRIVATE CQ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
add_test(NAME "hostile: four threads through one engine give the single-threaded results"
         COMMAND communique-hostile-threads)
set_tests_properties("hostile: four threads through one engine give the single-threaded results" PROPERTIES
  LABELS "hostile;concurrency" ENVIRONMENT "SOURCE_DATE_EPOCH=0")
add_test(NAME "hostile: threads started on a new engine find the data it reads with loaded"
         COMMAND communique-hostile-threads "[first-use]")
set_tests_properties("hostile: threads started on a new engine find the data it reads with loaded" PROPERTIES
  LABELS "hostile;concurrency")

# The fuzz harnesses (fuzz/), built without libFuzzer, replay their seeds
# and every input the fuzzers found (tests/hostile/regressions/TARGET).
set(cq_replay_targets draft xml docx html pipeline)
if(EXISTS ${PROJECT_SOURCE_DIR}/src/pdf/renderer.cpp)
  list(APPEND cq_replay_targets fo)
endif()
set(cq_replay_sources ${cq_fuzz_src}/replay_main.cpp)
foreach(t IN LISTS cq_replay_targets)
  list(APPEND cq_replay_sources ${cq_fuzz_src}/${t}_fuzzer.cpp)
  set_source_files_properties(${cq_fuzz_src}/${t}_fuzzer.cpp PROPERTIES
    COMPILE_DEFINITIONS LLVMFuzzerTestOneInput=cq_replay_${t})
endforeach()
add_executable(communique-fuzz-replay ${cq_replay_sources})
target_link_libraries(communique-fuzz-replay PRIVATE communique_internal)
target_include_directories(communique-fuzz-replay PRIVATE ${cq_fuzz_src} ${PROJECT_SOURCE_DIR}/src)
if(fo IN_LIST cq_replay_targets)
  target_compile_definitions(communique-fuzz-replay PRIVATE CQ_REPLAY_HAVE_FO)
endif()
set(cq_replay_inputs_draft ${cq_hostile_dir}/regressions/draft ${cq_fuzz_src}/seeds/draft
    ${PROJECT_SOURCE_DIR}/fixtures/releases ${PROJECT_SOURCE_DIR}/fixtures/invalid ${cq_hostile_dir}/corpus)
set(cq_replay_inputs_xml ${cq_hostile_dir}/regressions/xml ${cq_fuzz_src}/seeds/xml ${cq_hostile_dir}/corpus)
set(cq_replay_inputs_docx ${cq_hostile_dir}/regressions/docx ${cq_fuzz_src}/seeds/docx
    ${PROJECT_SOURCE_DIR}/fixtures/docx ${PROJECT_SOURCE_DIR}/fixtures/invalid-docx ${PROJECT_SOURCE_DIR}/tests/unit/docx)
file(GLOB cq_golden_html ${PROJECT_SOURCE_DIR}/tests/golden/releases/*.html)
set(cq_replay_inputs_html ${cq_hostile_dir}/regressions/html ${cq_fuzz_src}/seeds/html
    ${PROJECT_SOURCE_DIR}/fixtures/html ${cq_golden_html})
set(cq_replay_inputs_fo ${cq_hostile_dir}/regressions/fo ${cq_fuzz_src}/seeds/fo)
set(cq_replay_inputs_pipeline ${cq_hostile_dir}/regressions/pipeline ${cq_fuzz_src}/seeds/pipeline
    ${PROJECT_SOURCE_DIR}/fixtures/releases ${PROJECT_SOURCE_DIR}/fixtures/invalid)
foreach(t IN LISTS cq_replay_targets)
  add_test(NAME "hostile: fuzz target ${t} replays its seeds and regressions"
           COMMAND communique-fuzz-replay ${t} ${cq_replay_inputs_${t}})
  set_tests_properties("hostile: fuzz target ${t} replays its seeds and regressions" PROPERTIES LABELS hostile)
endforeach()

# The command: hostile inputs, I/O failures, output paths.
add_test(NAME "hostile: the command on hostile inputs"
         COMMAND bash ${cq_hostile_dir}/cli_inputs_test.sh $<TARGET_FILE:communique-cli> ${PROJECT_SOURCE_DIR})
add_test(NAME "hostile: I/O failures are reported, inputs never touched"
         COMMAND bash ${cq_hostile_dir}/io_test.sh $<TARGET_FILE:communique-cli> ${PROJECT_SOURCE_DIR})
add_test(NAME "hostile: output paths stay inside the output folder"
         COMMAND bash ${cq_hostile_dir}/paths_test.sh $<TARGET_FILE:communique-cli> ${PROJECT_SOURCE_DIR})
set_tests_properties("hostile: the command on hostile inputs"
                     "hostile: I/O failures are reported, inputs never touched"
                     "hostile: output paths stay inside the output folder"
                     PROPERTIES LABELS hostile)
