# The bulk runner (src/batch): included by src/CMakeLists.txt after the
# command's target exists.
#
# The catalog writer is part of the public API (communique::write_catalog),
# so it goes into the library; its stylesheets (xslt/catalog-*.xsl) are
# embedded with the others by the glob in src/CMakeLists.txt.
target_sources(communique_internal PRIVATE ${CMAKE_CURRENT_LIST_DIR}/catalog.cpp)
# The command has the writers, stylesheets included, only in the module it
# loads on demand (cli/writers_module.cpp); the catalog gets an entry point
# there, and a loader in the command.
target_sources(communique-writers PRIVATE ${CMAKE_CURRENT_LIST_DIR}/catalog_module.cpp)

# Everything else is the command's: walking, the thread pool, the manifest,
# the progress line and the report.
target_sources(communique-cli PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/catalog_loader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/console.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fingerprint.cpp
  ${CMAKE_CURRENT_LIST_DIR}/inputs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/io.cpp
  ${CMAKE_CURRENT_LIST_DIR}/manifest.cpp
  ${CMAKE_CURRENT_LIST_DIR}/paths.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/signals.cpp)
# The worker threads.
find_package(Threads REQUIRED)
target_link_libraries(communique-cli PRIVATE Threads::Threads)
