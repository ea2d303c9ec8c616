"""Files to cells: find the input files, screen them, read each in an isolated worker, parse what people type."""
