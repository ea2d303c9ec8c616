"""The year's book (registers/<year>/so_dang_ky_<year>.xlsx): the one workbook the officer edits."""
