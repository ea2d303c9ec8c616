"""Loading and checking the registers of a year: units, periods, targets and the award rules."""
