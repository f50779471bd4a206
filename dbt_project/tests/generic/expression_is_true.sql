{#- Rows for which a boolean SQL expression is false (dbt_utils.expression_is_true without the
    package). Nulls pass: the expression is only checked where it can be evaluated. -#}
{% test expression_is_true(model, expression) %}
select *
from {{ model }}
where not ({{ expression }})
{% endtest %}
