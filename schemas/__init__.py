"""pandera schemas: one DataFrameModel per template sheet; the schema is the data dictionary."""
