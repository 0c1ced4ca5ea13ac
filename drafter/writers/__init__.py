"""Writers: document model -> .docx or Markdown bytes."""
