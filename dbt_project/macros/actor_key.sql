{#- Key into dim_actors: the dictionary id; else a stable key for an unresolved name seen in text;
    else the unknown member. Never null, so every event joins to dim_actors. -#}
{% macro actor_key(id_col, name_col) -%}
    coalesce(
        {{ id_col }},
        case
            when nullif(trim({{ name_col }}), '') is not null
                then {{ dbt.concat(["'unres_'", "substring(" ~ dbt.hash("lower(trim(" ~ name_col ~ "))") ~ ", 1, 12)"]) }}
        end,
        'unknown'
    )
{%- endmacro %}
