"""Document intake: PDF, DOCX, TXT and HTML to text, with typed errors for what cannot be used."""
