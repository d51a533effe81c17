import heapq


def shortest_path(edges, start, goal):
    graph = {}
    for source, target, cost in edges:
        if cost < 0:
            raise ValueError(f"negative cost on {source}->{target}")
        best = graph.setdefault(source, {})
        if target not in best or cost < best[target]:
            best[target] = cost
    if start == goal:
        return (0, [start])
    # Each label (cost, hops, path) strictly grows along an edge, so the first time a node
    # is popped its label is the best by all three criteria.
    heap = [(0, 0, [start])]
    done = set()
    while heap:
        cost, hops, path = heapq.heappop(heap)
        node = path[-1]
        if node in done:
            continue
        if node == goal:
            return (cost, path)
        done.add(node)
        for nxt, step in graph.get(node, {}).items():
            if nxt not in done:
                heapq.heappush(heap, (cost + step, hops + 1, path + [nxt]))
    return None
