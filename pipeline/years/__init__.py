"""What crosses the year boundary: earlier years' history and results, people and units across years."""
