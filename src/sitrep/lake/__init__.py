"""The raw zone: the day's results as Parquet files partitioned by date.

``schema`` (the tables' columns), ``rows`` (extract documents flattened into rows), ``writer``
(part files by day), ``work`` (the day's discovered URLs and batch files), ``landing`` (a day's
batches made into its partitions: duplicates across batches, near-duplicate clusters) and
``zone`` (a local folder or object storage).
"""
