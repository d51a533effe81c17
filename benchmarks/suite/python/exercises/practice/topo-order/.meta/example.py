import heapq


class CycleError(ValueError):
    def __init__(self, cycle):
        super().__init__("cycle: " + " -> ".join(cycle))
        self.cycle = cycle


def _normalise(graph):
    deps = {}
    for task, needs in graph.items():
        deps.setdefault(task, set()).update(needs)
        for need in needs:
            deps.setdefault(need, set())
    return deps


def _find_cycle(deps, stuck):
    # Every stuck task has a stuck dependency: walk until a task repeats.
    start = min(stuck)
    path, seen = [start], {start: 0}
    while True:
        nxt = min(d for d in deps[path[-1]] if d in stuck)
        if nxt in seen:
            return path[seen[nxt]:] + [nxt]
        seen[nxt] = len(path)
        path.append(nxt)


def topo_sort(graph):
    deps = _normalise(graph)
    waiting = {task: len(needs) for task, needs in deps.items()}
    dependents = {task: [] for task in deps}
    for task, needs in deps.items():
        for need in needs:
            dependents[need].append(task)
    ready = [task for task, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        task = heapq.heappop(ready)
        order.append(task)
        for dependent in dependents[task]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                heapq.heappush(ready, dependent)
    if len(order) < len(deps):
        placed = set(order)
        raise CycleError(_find_cycle(deps, {t for t in deps if t not in placed}))
    return order
