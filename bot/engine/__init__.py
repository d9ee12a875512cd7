"""Private modules of the threshold engine; use the names ``bot`` exports."""
