"""Many kiosks fed from one hall folder: layers, manifests, status files, the crash-loop breaker (no Qt)."""
