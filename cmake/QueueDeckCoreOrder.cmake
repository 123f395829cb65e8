# The dependency order of the folders under src/core, and the check that holds every core file
# to it (docs/architecture.md, "Core dependency order").
#
# Run as a script by the build (target core_dependency_order, see QueueDeckLayers.cmake):
#   cmake -DROOT=<source dir> [-DSTAMP=<file>] -P QueueDeckCoreOrder.cmake
# It fails, naming each file, include and the rule broken, when a file under ROOT/src/core
# includes a header of a folder to its right, a folder missing from the order, or anything
# outside src/core by a quoted path. STAMP is touched when everything holds.
cmake_minimum_required(VERSION 3.25)

# Lowest first. A folder may include its own headers and those of folders to its left.
set(QD_CORE_ORDER
  telemetry util errors events redis config stats queues health compare actions audit engine)

# Includes allowed to break the order, each exactly as the check reports it ("<file> includes
# <header>"). Empty: keep it so. An entry that no longer matches is reported, so a stale one is
# easy to spot.
set(QD_CORE_ORDER_EXCEPTIONS)

# _qd_core_allowed(<folder> <out>): the sentence naming what <folder> may include.
function(_qd_core_allowed folder out_var)
  list(FIND QD_CORE_ORDER "${folder}" rank)
  if(rank EQUAL 0)
    set(${out_var} "${folder} may include no other core folder" PARENT_SCOPE)
    return()
  endif()
  list(SUBLIST QD_CORE_ORDER 0 ${rank} below)
  list(JOIN below ", " below)
  set(${out_var} "${folder} may include only ${below} (and ${folder} itself)" PARENT_SCOPE)
endfunction()

# qd_check_core_order(<root> <out_violations> <out_exceptions_used>): every violation found
# under <root>/src/core as one line each, and the exceptions that matched.
function(qd_check_core_order root out_var used_var)
  set(violations "")
  set(used "")
  set(unplaced "")
  file(GLOB_RECURSE files RELATIVE "${root}" "${root}/src/core/*.h" "${root}/src/core/*.cpp")
  list(SORT files)
  foreach(file IN LISTS files)
    if(NOT file MATCHES "^src/core/([^/]+)/")
      list(APPEND violations "${file}: every core file lives in a folder of src/core that has \
a place in the core order")
      continue()
    endif()
    set(folder "${CMAKE_MATCH_1}")
    if(NOT folder IN_LIST QD_CORE_ORDER)
      if(folder IN_LIST unplaced)
        continue()
      endif()
      list(APPEND unplaced "${folder}")
      list(APPEND violations "${file}: src/core/${folder} has no place in the core order, add \
it to QD_CORE_ORDER in cmake/QueueDeckCoreOrder.cmake")
      continue()
    endif()
    list(FIND QD_CORE_ORDER "${folder}" rank)
    file(STRINGS "${root}/${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]*)\".*$" "\\1" header "${line}")
      set(entry "${file} includes ${header}")
      # A folder may group one system's files in subfolders (queues/sidekiq); they count as the folder.
      if(header MATCHES "^core/([^/]+)/([^/]+/)*[^/]+$")
        set(target "${CMAKE_MATCH_1}")
        list(FIND QD_CORE_ORDER "${target}" target_rank)
        if(target_rank LESS_EQUAL rank AND NOT target_rank EQUAL -1)
          continue()
        endif()
        if(entry IN_LIST QD_CORE_ORDER_EXCEPTIONS)
          list(APPEND used "${entry}")
          continue()
        endif()
        _qd_core_allowed("${folder}" allowed)
        list(APPEND violations "${entry}: ${allowed}")
      elseif(header MATCHES "(^moc_.*\\.cpp|\\.moc)$")
        continue() # AUTOMOC output, included by the file it belongs to
      else()
        list(APPEND violations "${entry}: a core file includes core headers only, by their \
path under src (core/<folder>/<file>.h)")
      endif()
    endforeach()
  endforeach()
  set(${out_var} "${violations}" PARENT_SCOPE)
  set(${used_var} "${used}" PARENT_SCOPE)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  if(NOT ROOT)
    message(FATAL_ERROR "usage: cmake -DROOT=<source dir> [-DSTAMP=<file>] -P ${CMAKE_CURRENT_LIST_FILE}")
  endif()
  qd_check_core_order("${ROOT}" violations used)
  foreach(exception IN LISTS QD_CORE_ORDER_EXCEPTIONS)
    if(NOT exception IN_LIST used)
      message(STATUS "Core order: exception no longer needed, remove it: ${exception}")
    endif()
  endforeach()
  if(violations)
    list(LENGTH violations count)
    list(JOIN violations "\n  " text)
    list(JOIN QD_CORE_ORDER " -> " order_line)
    message(FATAL_ERROR "Core dependency order broken (${count}):\n  ${text}\n"
      "A folder under src/core includes only its own headers and those of folders to its left:\n"
      "  ${order_line}\n(docs/architecture.md, Core dependency order)\n")
  endif()
  if(STAMP)
    file(TOUCH "${STAMP}")
  endif()
endif()
