def write_history(*a, **k):
    return None
