{#- Comma-separated, quoted column list of a relation minus some columns (dbt_utils.star without
    the package: the build must not download packages). -#}
{% macro columns_except(relation, except=[], prefix=none) -%}
    {%- set cols = adapter.get_columns_in_relation(relation) -%}
    {%- set names = [] -%}
    {%- for col in cols if col.name | lower not in except | map('lower') | list -%}
        {%- do names.append((prefix ~ '.' if prefix else '') ~ adapter.quote(col.name)) -%}
    {%- endfor -%}
    {{ names | join(', ') }}
{%- endmacro %}
