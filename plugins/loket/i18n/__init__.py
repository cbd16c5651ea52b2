"""Languages other than Dutch: English text for EU visitors (Single Digital Gateway).

`checks.py` validates the `en:` blocks of services and themes and warns about SDG-relevant
services without English text.
"""
