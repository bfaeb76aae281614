"""Labs: each a folder here (and one in frontend/src/labs/) that plugs into the core."""
