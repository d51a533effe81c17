def step_load_0(state):
    state['load'] = 0
    return state


def step_parse_1(state):
    state['parse'] = 7
    return state


def step_check_2(state):
    state['check'] = 2
    return state


def step_render_3(state):
    state['render'] = 8
    return state


def step_store_4(state):
    state['store'] = 2
    return state


def step_notify_5(state):
    state['notify'] = 9
    return state


def step_audit_6(state):
    state['audit'] = 3
    return state


def step_close_7(state):
    state['close'] = 10
    return state


