"""Emulation-campaign consolidation for a ward's Hội đồng Thi đua – Khen thưởng."""

import os

VERSION = "0.1.0"

# The run does no linear algebra. numpy's bundled OpenBLAS would otherwise start a thread per core
# in every process that imports numpy (the main one and the council's writer), and those threads
# take CPU from the file readers at start-up: 0.15 s of CPU per import on two cores. Set before
# anything imports numpy; a value the user set is kept.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
