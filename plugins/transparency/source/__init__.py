"""Reading a content folder: the file tree, front matter, typed fields, Markdown bodies,
attachments, and the check pipeline that turns the folder into a checked archive."""
