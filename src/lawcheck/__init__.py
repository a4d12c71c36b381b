"""lawcheck: checks Chinese government annual rule-of-law reports against a checklist."""
__version__ = "0.1.0"
