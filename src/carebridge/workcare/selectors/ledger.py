"""(filled in by the work-care issue)."""
