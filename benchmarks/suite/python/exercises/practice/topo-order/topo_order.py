class CycleError(ValueError):
    pass


def topo_sort(graph):
    raise NotImplementedError
