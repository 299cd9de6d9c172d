"""The kernel: what every app may import, and which imports Django only."""
