# The bulk runner's tests (src/batch): shell scripts that drive the command
# over generated archives (tools/gen-archive). Included by tests/CMakeLists.txt,
# after VNU_JAR is found.
# catalog_memory measures peak memory with the allocator the command ships
# with. Under a sanitizer the figure is the sanitizer's (ASan keeps 256 MB
# of freed memory in quarantine, and pads every block), so it is measured in
# the plain build only, which CI runs too.
set(cq_batch_tests archive kill shard paths inplace)
if(NOT CMAKE_CXX_FLAGS MATCHES "-fsanitize")
  list(APPEND cq_batch_tests catalog_memory)
endif()
foreach(cq_batch_test ${cq_batch_tests})
  add_test(NAME batch-${cq_batch_test}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/${cq_batch_test}_test.sh $<TARGET_FILE:communique-cli>
                   ${PROJECT_SOURCE_DIR} ${VNU_JAR})
  # Each runs the command with -j 2.
  set_tests_properties(batch-${cq_batch_test} PROPERTIES LABELS batch TIMEOUT 180 PROCESSORS 2)
endforeach()

# The README's and docs/bulk.md's recipes for many machines, run as written:
# GNU parallel, and Slurm on a one-node cluster the test starts and stops
# (munged, slurmctld and slurmd from Debian, all in a scratch folder).
foreach(cq_batch_test parallel slurm)
  add_test(NAME batch-${cq_batch_test}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/${cq_batch_test}_test.sh $<TARGET_FILE:communique-cli>
                   ${PROJECT_SOURCE_DIR})
  set_tests_properties(batch-${cq_batch_test} PROPERTIES LABELS batch TIMEOUT 300 PROCESSORS 2)
endforeach()
