{#- Crosswalks of Sitrep's precision codes to the conventions analysts already use
    (see docs/warehouse.md, "Precision crosswalk"). -#}

{% macro acled_geo_precision(geo_precision) -%}
    case
        when {{ geo_precision }} in (1, 2) then {{ geo_precision }}
        when {{ geo_precision }} in (3, 4, 5) then 3
    end
{%- endmacro %}

{% macro date_precision_rank(date_precision) -%}
    case {{ date_precision }} when 'day' then 1 when 'week' then 2 when 'month' then 3 when 'year' then 4 else 5 end
{%- endmacro %}

{% macro acled_time_precision(date_precision) -%}
    case {{ date_precision }} when 'day' then 1 when 'week' then 2 when 'month' then 3 end
{%- endmacro %}

{#- UCDP date_prec: 1 day, 2 a 2-6 day span, 3 a week, 4 a month, 5 a year. -#}
{% macro ucdp_date_prec(date_precision, date_start, date_end) -%}
    case
        when {{ date_precision }} = 'day' then 1
        when {{ date_precision }} = 'week'
            and {{ dbt.datediff(date_start, date_end, 'day') }} between 1 and 5 then 2
        when {{ date_precision }} = 'week' then 3
        when {{ date_precision }} = 'month' then 4
        when {{ date_precision }} = 'year' then 5
    end
{%- endmacro %}
