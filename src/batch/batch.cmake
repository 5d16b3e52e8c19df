# The bulk job (src/batch): included by src/CMakeLists.txt after the
# command's target exists.
#
# The job is part of the public API (communique::job, communique_job_*), so
# it goes into the core, which the library and the command have; the
# catalog it reaches through the writers (write/writers.hpp), which the
# command loads as a module: the catalog writer (write/catalog.cpp) needs
# libxslt.

set(cq_batch_sources
  ${CMAKE_CURRENT_LIST_DIR}/configs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fingerprint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/inputs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/io.cpp
  ${CMAKE_CURRENT_LIST_DIR}/job.cpp
  ${CMAKE_CURRENT_LIST_DIR}/manifest.cpp
  ${CMAKE_CURRENT_LIST_DIR}/paths.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runner.cpp)
# fmt and nlohmann/json are used header-only: nothing for the library's
# users to link, and nothing the packaging must know of.
target_sources(communique_core PRIVATE ${cq_batch_sources})
foreach(cq_target communique_internal communique_core)
  target_compile_definitions(${cq_target} PRIVATE FMT_HEADER_ONLY=1)
  target_include_directories(${cq_target} PRIVATE
    $<TARGET_PROPERTY:fmt::fmt-header-only,INTERFACE_INCLUDE_DIRECTORIES>
    $<TARGET_PROPERTY:nlohmann_json::nlohmann_json,INTERFACE_INCLUDE_DIRECTORIES>)
endforeach()

# The worker threads.
find_package(Threads REQUIRED)
target_link_libraries(communique-cli PRIVATE Threads::Threads)
