"""The listener's side of the console protocol: what every attached console sees and may do."""
