# SPDX-License-Identifier: MIT
# esentutl's tests (tests/esentutl_test.py): the Linux binary natively, esentutl.exe under Wine
# through scripts/wine-run (x86 ones skip where 32-bit Wine is missing). They read the
# Windows-made samples the `samples` fixture unpacks.
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_Interpreter_FOUND)
  message(STATUS "esentutl tests: no python3, not registered")
  return()
endif()

set(eu_test "${CMAKE_CURRENT_SOURCE_DIR}/tests/esentutl_test.py")
# A database of our own, logged, left clean or dirty (the recovery and engine-mode cases).
add_executable(eu_mkdb tests/eu_mkdb.c)
target_compile_definitions(eu_mkdb PRIVATE JET_VERSION=0x0A01)
target_link_libraries(eu_mkdb PRIVATE esent_client)
set_target_properties(eu_mkdb PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")
if(ESENT_TARGET_WINDOWS)
  set(eu_platform ${ESENT_ARCH})
  set(eu_runner --wine-run "${CMAKE_SOURCE_DIR}/scripts/wine-run" --prefix "${CMAKE_BINARY_DIR}/wineprefix")
  set(eu_labels "esentutl;wine")
  set(eu_fixtures "samples;wineprefix")
else()
  set(eu_platform linux)
  set(eu_runner "")
  set(eu_labels "esentutl")
  set(eu_fixtures "samples")
endif()

# The interpreter by path, not as the imported target Python3::Interpreter: CMake puts the
# cross-compiling emulator (wine) in front of an imported executable, and a script run under
# wine loses its exit code, so every case passed whatever it found.
foreach(eu_case mh-samples logs checksum copy damaged usage integrity space metadata recovery export repair defrag)
  set(eu_name esentutl/${eu_platform}/${eu_case})
  add_test(NAME ${eu_name}
    COMMAND "${Python3_EXECUTABLE}" "${eu_test}" --exe "$<TARGET_FILE:esentutl>" --mkdb "$<TARGET_FILE:eu_mkdb>" ${eu_runner}
            --samples "${ESENT_SAMPLES_DIR}" --tmp "${CMAKE_BINARY_DIR}/tmp/esentutl-${eu_platform}-${eu_case}" ${eu_case})
  set_tests_properties(${eu_name} PROPERTIES
    LABELS "${eu_labels}" FIXTURES_REQUIRED "${eu_fixtures}" SKIP_RETURN_CODE 77 TIMEOUT 600
    ENVIRONMENT "ESENT_DEBUG=-all;ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endforeach()
