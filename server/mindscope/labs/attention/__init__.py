"""The attention lab: a tiny Transformer learning token tasks live."""
