"""Readers: .docx, .txt and .md files -> the same document model the generator writes."""
