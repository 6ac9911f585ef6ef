"""What zhpub knows about a document beyond its text: glossary hits and indicators."""
