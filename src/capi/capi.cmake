# The C API (include/communique/communique.h): one source file in the library,
# exported next to the C++ API through the same hidden-by-default visibility.
target_sources(communique_internal PRIVATE ${CMAKE_CURRENT_LIST_DIR}/communique_c.cpp)

# The linker script that limits a shared libcommunique's exports to the two
# APIs; cmake/packaging.cmake applies it to the library, tests/capi/tests.cmake
# to the tests' shared build.
configure_file(${CMAKE_CURRENT_LIST_DIR}/communique.map.in ${PROJECT_BINARY_DIR}/capi/communique.map @ONLY)
