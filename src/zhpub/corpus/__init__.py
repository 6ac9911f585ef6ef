"""The corpus: functions of several Documents (series by year, the target ledger, year-to-year comparisons,
terms over time). It reads the Document model and the knowledge rows only, never text files; renderers read it."""
