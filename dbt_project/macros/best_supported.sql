{#- The best-supported value of a group of columns per event: the combination most reports give
    (known values before unknown ones, then most reports, then the most confident, then the most
    precise when `tiebreak` says how), so that one event row reads like its majority of sources. -#}
{% macro best_supported(relation, columns, key, tiebreak=none) -%}
    select event_id, {{ columns | join(', ') }}
    from (
        select
            event_id,
            {{ columns | join(', ') }},
            row_number() over (
                partition by event_id
                order by
                    case when {{ key }} is null then 1 else 0 end,
                    count(*) desc,
                    max(confidence) desc,
                    {% if tiebreak %}{{ tiebreak }},{% endif %}
                    min(event_mention_id)
            ) as support_rank
        from {{ relation }}
        group by event_id, {{ columns | join(', ') }}
    ) as ranked
    where support_rank = 1
{%- endmacro %}
