"""The target half: template layout and builder, row validation, aggregation, evaluation, its sheets and samples."""
