def write_documents(*a, **k):
    return []
