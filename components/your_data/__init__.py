"""Your data: CSV uploads and QDA imports checked, opened and exported (the QDA reading itself is components/qda)."""
