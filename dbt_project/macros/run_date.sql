{#- The day being built (YYYY-MM-DD): incremental models read only this day's raw partitions.
    `--vars '{run_date: ...}'` wins; Sitrep's runner sets SITREP_RUN_DATE instead, because a
    changed CLI var makes dbt re-parse the whole project while a changed env var re-parses
    only the files that read it. -#}
{% macro sitrep_run_date() -%}
    {{ return(var('run_date', env_var('SITREP_RUN_DATE', '1970-01-01'))) }}
{%- endmacro %}
