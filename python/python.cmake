# The Python package (python/communique): the C API through ctypes, installed
# by `cmake --install` into the interpreter's folder for the prefix, Debian's
# layout by default (<prefix>/lib/python3/dist-packages, which Debian's
# python3 searches for the prefix /usr). Included by the top-level
# CMakeLists.txt after the library's target exists.
set(COMMUNIQUE_PYTHON_DIR "lib/python3/dist-packages" CACHE STRING
    "Where the Python package is installed, relative to the prefix (or absolute)")
set(cq_python_package_dir ${COMMUNIQUE_PYTHON_DIR}/communique)

# The package finds the shared library where it is installed, by a path
# relative to its own folder (python/communique/_native.py), so that the
# tree may be installed anywhere and moved, and no LD_LIBRARY_PATH is needed.
get_target_property(cq_python_soversion communique SOVERSION)
set(cq_python_soname libcommunique.so.${cq_python_soversion})
if(IS_ABSOLUTE "${COMMUNIQUE_PYTHON_DIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  # Absolute folders do not move with the prefix: the path is absolute too.
  cmake_path(ABSOLUTE_PATH CMAKE_INSTALL_LIBDIR BASE_DIRECTORY "${CMAKE_INSTALL_PREFIX}" OUTPUT_VARIABLE cq_python_lib)
  set(CQ_PYTHON_LIBRARY "${cq_python_lib}/${cq_python_soname}")
else()
  file(RELATIVE_PATH CQ_PYTHON_LIBRARY /${cq_python_package_dir} /${CMAKE_INSTALL_LIBDIR}/${cq_python_soname})
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/communique/_location.py.in
               ${PROJECT_BINARY_DIR}/python/communique/_location.py @ONLY)

install(FILES ${CMAKE_CURRENT_LIST_DIR}/communique/__init__.py ${CMAKE_CURRENT_LIST_DIR}/communique/_native.py
              ${CMAKE_CURRENT_LIST_DIR}/communique/py.typed ${PROJECT_BINARY_DIR}/python/communique/_location.py
        DESTINATION ${cq_python_package_dir} COMPONENT python)
