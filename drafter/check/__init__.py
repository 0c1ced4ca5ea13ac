"""Checking: the document model + rules -> findings and reports."""
