"""stance: stance and sentiment analysis of political speech."""

__version__ = "0.1.0"
