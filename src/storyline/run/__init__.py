"""Runners: the same stages, in-process (``local``) or on Ray (``ray``)."""
