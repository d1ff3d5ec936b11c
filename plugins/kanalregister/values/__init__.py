"""Rules for single values read from the register's files: text and web addresses."""
