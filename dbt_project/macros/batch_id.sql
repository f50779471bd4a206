{#- The id stamped on rows this build writes; incremental models pick up what changed upstream
    by it. The dbt invocation id, overridable (var batch_id) so unit tests can name a batch. -#}
{% macro batch_id() -%}
    {{ return(var('batch_id', invocation_id)) }}
{%- endmacro %}
