"""The award half: registration, year-end evaluation, khóm văn hóa and history, from templates to eligibility."""
