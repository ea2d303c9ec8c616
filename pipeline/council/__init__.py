"""The council's meeting: the decision form, reading the decisions, the Word documents and next year's history."""
