"""The area profile and its evidence pack: assembled data, needs summary, PDF and CSV."""
