"""zhpub: publish scraped Chinese government reports as a faithful Simplified + Traditional site and PDF."""

__version__ = "0.1.0"
