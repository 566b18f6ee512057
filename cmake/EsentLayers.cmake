# SPDX-License-Identifier: MIT
# Helpers every layer's CMakeLists.txt uses.
#
#   esent_layer(<name> SOURCES <files...> [DEPS <layers...>] [HOST_SOURCES ...] [WIN32_SOURCES ...])
#     A static library esent_<name>. Its folder is its include directory, so "<name>.h" is
#     reachable only by layers that list it in DEPS (directly or through a dependency).
#
#   esent_unit_test(<layer> <topic> SOURCES <files...> [DEPS <extra libs...>])
#     A CMocka test (host build only), CTest name <layer>/<topic>.

function(esent_layer name)
  cmake_parse_arguments(L "" "" "SOURCES;DEPS;HOST_SOURCES;WIN32_SOURCES" ${ARGN})
  set(srcs ${L_SOURCES})
  if(ESENT_TARGET_WINDOWS)
    list(APPEND srcs ${L_WIN32_SOURCES})
  else()
    list(APPEND srcs ${L_HOST_SOURCES})
  endif()
  add_library(esent_${name} STATIC ${srcs})
  target_include_directories(esent_${name} PUBLIC
    "${CMAKE_CURRENT_SOURCE_DIR}" "${CMAKE_SOURCE_DIR}/include")
  target_compile_definitions(esent_${name} PRIVATE ESENT_BUILDING)
  foreach(dep IN LISTS L_DEPS)
    if(TARGET esent_${dep})
      target_link_libraries(esent_${name} PUBLIC esent_${dep})
    else()
      target_link_libraries(esent_${name} PUBLIC ${dep})
    endif()
  endforeach()
endfunction()

if(NOT ESENT_TARGET_WINDOWS AND ESENT_TESTS)
  find_library(CMOCKA_LIBRARY cmocka REQUIRED)
  find_path(CMOCKA_INCLUDE_DIR cmocka.h REQUIRED)
endif()

function(esent_unit_test layer topic)
  if(ESENT_TARGET_WINDOWS OR NOT ESENT_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;DEPS" ${ARGN})
  set(exe test_${layer}_${topic})
  add_executable(${exe} ${T_SOURCES})
  target_include_directories(${exe} PRIVATE "${CMOCKA_INCLUDE_DIR}" "${CMAKE_SOURCE_DIR}/tests/support")
  target_link_libraries(${exe} PRIVATE esent_${layer} ${T_DEPS} ${CMOCKA_LIBRARY})
  add_test(NAME ${layer}/${topic} COMMAND ${exe})
  set_tests_properties(${layer}/${topic} PROPERTIES
    LABELS "unit;${layer}"
    FIXTURES_REQUIRED samples
    ENVIRONMENT "ESENT_SHARED_DIR=${ESENT_SHARED_DIR};ESENT_SAMPLES_DIR=${CMAKE_BINARY_DIR}/samples;ESENT_TEST_TMP=${CMAKE_BINARY_DIR}/tmp;ESENT_DEBUG=-all;ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endfunction()
