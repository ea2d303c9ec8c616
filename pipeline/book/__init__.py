"""The year's book (``registers/<year>/so_dang_ky_<year>.xlsx``): one workbook the council's officer
edits instead of the TOML registers. ``layout`` says what each sheet holds, ``write`` writes it from
the registers' dicts, ``read`` turns it back into the same dicts with the sheet and cell of each value."""
