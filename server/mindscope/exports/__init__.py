"""Files other tools read: weights as safetensors, curves as CSV. NumPy only (no JAX), so
the client writes the same CSV as the server."""
