{#- The "where" part of an event's blocking key: the same gazetteer place, else the same grid
    cell, else the same province or country; an event with no place never merges across articles
    (nullable=true: null instead of the article key, for a place that may be missing). -#}
{% macro event_location_key(prefix, article_id_col, nullable=false) -%}
    {%- set cell = var('cluster_cell_degrees') -%}
    case
        when {{ prefix }}_geonames_id is not null
            then {{ dbt.concat(["'gn:'", dbt.safe_cast(prefix ~ '_geonames_id', dbt.type_string())]) }}
        when {{ prefix }}_latitude is not null and {{ prefix }}_longitude is not null
            then {{ dbt.concat([
                "'cell:'",
                dbt.safe_cast('floor(' ~ prefix ~ '_latitude / ' ~ cell ~ ')', dbt.type_string()),
                "':'",
                dbt.safe_cast('floor(' ~ prefix ~ '_longitude / ' ~ cell ~ ')', dbt.type_string()),
            ]) }}
        when {{ prefix }}_admin1 is not null
            then {{ dbt.concat(["'adm1:'", "coalesce(" ~ prefix ~ "_country_code, '')", "':'", "lower(" ~ prefix ~ "_admin1)"]) }}
        when {{ prefix }}_country_code is not null
            then {{ dbt.concat(["'country:'", prefix ~ "_country_code"]) }}
        {%- if not nullable %}
        else {{ dbt.concat(["'article:'", article_id_col]) }}
        {%- endif %}
    end
{%- endmacro %}

{#- The "what" part of the blocking key: the PLOVER type, folded by var cluster_event_families. -#}
{% macro event_family(event_type_col) -%}
    {%- set families = var('cluster_event_families', {}) -%}
    {%- if families -%}
    case {{ event_type_col }}
        {%- for source_type, family in families.items() %}
        when '{{ source_type }}' then '{{ family }}'
        {%- endfor %}
        else {{ event_type_col }}
    end
    {%- else -%}
    {{ event_type_col }}
    {%- endif -%}
{%- endmacro %}

{#- Whole days from one date to another (dbt.datediff, on one line). -#}
{% macro days_between(start_col, end_col) -%}
    {{ dbt.datediff(start_col, end_col, 'day') | trim }}
{%- endmacro %}

{#- Who acted, for matching reports of one event: an unidentified armed group
    (gen_militia_<iso3>) names no party, so it counts as unknown and can join a report that
    names the group ("gunmen" in one report, "ISIS" in another). -#}
{% macro party_key(id_col) -%}
    case when {{ id_col }} like 'gen\_militia\_%' escape '\' then null else {{ id_col }} end
{%- endmacro %}
