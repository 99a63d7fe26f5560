"""Writers that turn a CV model into files: PDF, Markdown, HTML, JSON Resume."""
