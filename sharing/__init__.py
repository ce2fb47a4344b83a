"""Partner data sharing: uploads, validation, batches, publishing and disclosure control."""
