"""The raw zone: the day's results as Parquet files partitioned by date."""
