# The manual page and the shell completions (src/cli/manual.cpp). Included by
# tests/CMakeLists.txt.
foreach(program groff man col zsh fish)
  find_program(CQ_${program} ${program})
  if(NOT CQ_${program})
    message(FATAL_ERROR "${program} not found (the manual page's tests need it): run tools/install-deps --tests")
  endif()
endforeach()
set(cq_manual_built ${PROJECT_BINARY_DIR}/src/manual)
add_test(NAME manual-page
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/manual_test.sh $<TARGET_FILE:communique-cli> ${PROJECT_SOURCE_DIR}
                 ${cq_manual_built}/communique.1)
add_test(NAME manual-completions
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/completion_test.sh $<TARGET_FILE:communique-cli> ${PROJECT_SOURCE_DIR}
                 ${cq_manual_built})
add_test(NAME manual-install
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/install_test.sh ${CMAKE_COMMAND} ${PROJECT_BINARY_DIR}
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(manual-page manual-completions manual-install PROPERTIES LABELS manual)
# It installs the build tree, as the C API's consumer tests do.
set_tests_properties(manual-install PROPERTIES RESOURCE_LOCK communique-install TIMEOUT 300)
