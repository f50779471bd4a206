{#- dbt's get_where_subquery (the `where` config of a data test), with one addition: the token
    __run_batch__ in a `where` stands for this build's batch id (the quoted batch_id()), so the
    expensive non-key tests of the big incremental tables check only the rows this run wrote
    (on a full refresh that is every row). Keys (unique, not_null) keep full scans. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where') -%}
    {%- if where -%}
        {%- set where = where | replace('__run_batch__', "'" ~ batch_id() ~ "'") -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
