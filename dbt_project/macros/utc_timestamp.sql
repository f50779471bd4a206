{#- A point in time as a timestamp without time zone, in UTC. Every timestamp column in the
    warehouse is UTC (the raw zone stores timezone-aware UTC); converting explicitly keeps the
    value from following the DuckDB session's local time zone, which a plain cast would do.
    `at time zone` is standard SQL (DuckDB, Postgres; Snowflake would use convert_timezone). -#}
{% macro utc_timestamp(expr) -%}
    (cast({{ expr }} as timestamptz) at time zone 'UTC')
{%- endmacro %}
