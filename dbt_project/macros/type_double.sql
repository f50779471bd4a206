{#- 64-bit floating point for coordinates and scores: dbt.type_float() is 32-bit on DuckDB,
    which rounds coordinates. Dispatched so another engine can name its own type. -#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double')()) }}
{%- endmacro %}

{% macro default__type_double() -%}
    double precision
{%- endmacro %}
