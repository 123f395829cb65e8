# Enforces the layers of docs/architecture.md ("Layers and targets") at configure time:
# queuedeck_core and queuedeck_api must not reach Qt Widgets or Qt Charts through any link,
# direct or transitive. The compile-and-link proof lives in tests/layers.

function(_qd_collect_links target out_var)
  set(seen "")
  set(queue "${target}")
  while(queue)
    list(POP_FRONT queue current)
    if(current IN_LIST seen OR NOT TARGET "${current}")
      continue()
    endif()
    list(APPEND seen "${current}")
    get_target_property(aliased "${current}" ALIASED_TARGET)
    if(aliased)
      list(APPEND queue "${aliased}")
    endif()
    foreach(prop LINK_LIBRARIES INTERFACE_LINK_LIBRARIES)
      get_target_property(links "${current}" ${prop})
      if(links)
        foreach(link IN LISTS links)
          # Strip generator expressions such as $<LINK_ONLY:x>.
          string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" link "${link}")
          list(APPEND queue "${link}")
        endforeach()
      endif()
    endforeach()
  endwhile()
  set(${out_var} "${seen}" PARENT_SCOPE)
endfunction()

function(qd_check_layers)
  foreach(target queuedeck_core queuedeck_api)
    _qd_collect_links(${target} links)
    foreach(forbidden Qt6::Widgets Qt::Widgets Qt6::Charts Qt::Charts Qt6::Gui Qt::Gui)
      if(forbidden IN_LIST links)
        message(FATAL_ERROR
          "Layer violation: ${target} links ${forbidden}. Core and API must stay free of "
          "GUI modules (docs/architecture.md, 'Layers and targets').")
      endif()
    endforeach()
  endforeach()
  message(STATUS "Layers: queuedeck_core and queuedeck_api link no Gui/Widgets/Charts")
endfunction()
