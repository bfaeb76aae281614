"""Live sessions: the connections watching a lab's training run, and their manager."""
