"""Event stage: trigger lexicon, clause arguments, and the coder that turns a parsed
sentence into candidate events."""
