"""One submission per unit, report and period: header checks, choosing among copies, the submission register."""
