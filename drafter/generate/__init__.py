"""Generation: parameters + rules + templates -> the document model."""
