"""The learned line labeller for plain-text scrapes.

``features`` describes each line, ``model`` labels the lines with the shipped
CRF (``line_crf.crfsuite``, trained by ``benchmarks/train_lines.py``),
``reader`` turns the labels into body lines, removed lines and head metadata.
"""
