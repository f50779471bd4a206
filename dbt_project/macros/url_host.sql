{#- Host of a URL, lower case, without scheme, port or path (portable: dbt's string macros). -#}
{% macro url_host(url_col) -%}
    {%- set no_scheme = dbt.replace(dbt.replace(url_col, "'https://'", "''"), "'http://'", "''") -%}
    lower({{ dbt.split_part(dbt.split_part(no_scheme, "'/'", 1), "':'", 1) }})
{%- endmacro %}
